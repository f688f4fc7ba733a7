"""VAT categories of invoice lines (EN 16931 BT-151, UNCL 5305), pure: the codes, what each
asks of a line's rate and exemption reason (BT-120/BT-121), and a line's category when it
names none (docs/einvoicing.md).

- `S` standard rate (a rate above 0), `Z` zero rated, `E` exempt, `AE` reverse charge, `K`
  intra-community supply, `G` export outside the EU, `O` outside the scope of VAT, `L`
  Canary Islands (IGIC), `M` Ceuta and Melilla (IPSI). `Z`, `E`, `AE`, `K`, `G` and `O` are
  at 0 %; `L` and `M` at any rate.
- `E`, `AE`, `K`, `G` and `O` need an exemption reason (text, code, or both); the others take
  none (EN 16931 BR-S-10, BR-Z-10, BR-IG-10, BR-IP-10).
- A VATEX code made for one category goes with it only (Peppol PEPPOL-EN16931-P0104…P0108).
- The tax breakdown has one entry per category and rate, with one reason: lines that share a
  group share their reason.
- Without a category, a line is `S` above 0 % and `Z` at 0 % — unless its customer is
  `reverse` (`AE`, 0 %, "Reverse charge", `VATEX-EU-AE`, the note Stripe prints) or `exempt`
  (`E`, 0 %, "Tax exempt"; no code, as no VATEX code says *why* a customer is exempt).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol

from remit.kernel.i18n import N_
from remit.kernel.problems import FieldError

TaxCategory = Literal["S", "Z", "E", "AE", "K", "G", "O", "L", "M"]
CATEGORIES: tuple[str, ...] = ("S", "Z", "E", "AE", "K", "G", "O", "L", "M")
AT_ZERO = frozenset({"Z", "E", "AE", "K", "G", "O"})
WITH_REASON = frozenset({"E", "AE", "K", "G", "O"})
DEFAULT_UNIT_CODE = "C62"  # UN/ECE Recommendation 20: "one" (a unit)
_ZERO = Decimal(0)

# VATEX codes that belong to one category.
_CODE_CATEGORY = {
    "VATEX-EU-AE": "AE", "VATEX-EU-G": "G", "VATEX-EU-IC": "K", "VATEX-EU-O": "O",
    "VATEX-EU-D": "E", "VATEX-EU-F": "E", "VATEX-EU-I": "E", "VATEX-EU-J": "E",
}  # fmt: skip


@dataclass(frozen=True)
class Exemption:
    """A category at 0 % and the reason the invoice states for it."""

    category: str
    reason: str | None
    reason_code: str | None


# What a customer's `tax_exempt` makes of a line that names no category.
CUSTOMER_EXEMPTIONS = {
    "reverse": Exemption("AE", N_("Reverse charge"), "VATEX-EU-AE"),
    "exempt": Exemption("E", N_("Tax exempt"), None),
}
_DEFAULT_REASONS = frozenset(e.reason for e in CUSTOMER_EXEMPTIONS.values() if e.reason)


def stated_reason(reason: str | None, translate: Callable[[str], str]) -> str | None:
    """An exemption reason as the invoice states it to its customer: remit's own default
    reasons (stored in English) in the customer's language, one the line was given as given."""
    return translate(reason) if reason is not None and reason in _DEFAULT_REASONS else reason


def default_category(rate: Decimal) -> str:
    """The category of a line that names none (and whose customer pays tax as usual)."""
    return "Z" if rate == 0 else "S"


@dataclass(frozen=True)
class LineTax:
    """How a new line is taxed: its category (None: by its rate), its rate and whether that
    is the invoice's default rate (which then follows the default), and its reason."""

    category: str | None
    rate: Decimal
    from_invoice: bool
    reason: str | None
    reason_code: str | None


def line_tax(
    category: str | None,
    rate: Decimal | None,
    reason: str | None,
    reason_code: str | None,
    *,
    default_rate: Decimal | None,
    customer_tax_exempt: str,
) -> LineTax:
    """A new line's tax from what it names, the invoice's default rate and its customer's
    status. A reverse-charge or exempt customer's line that names no category is `AE` or `E`
    at 0 % whatever its rate, with the customer's reason unless it gives its own. A category
    taxed at 0 % makes a line that names no rate 0 %, not the invoice's default."""
    exemption = CUSTOMER_EXEMPTIONS.get(customer_tax_exempt)
    if category is None and exemption is not None:
        return LineTax(exemption.category, _ZERO, False, reason or exemption.reason,
                       reason_code or exemption.reason_code)  # fmt: skip
    if rate is None and category in AT_ZERO:
        return LineTax(category, _ZERO, False, reason, reason_code)
    if rate is None:
        return LineTax(category, default_rate or _ZERO, True, reason, reason_code)
    return LineTax(category, rate, False, reason, reason_code)


class Taxed(Protocol):
    """What the checks read of a line (`totals.LineInput`)."""

    @property
    def tax_category(self) -> str | None: ...  # None: by its rate
    @property
    def tax_rate(self) -> Decimal: ...
    @property
    def tax_exemption_reason(self) -> str | None: ...
    @property
    def tax_exemption_reason_code(self) -> str | None: ...


def category_of(line: Taxed) -> str:
    return line.tax_category or default_category(line.tax_rate)


def category_errors(lines: Sequence[Taxed]) -> list[FieldError]:
    """Every line whose category, rate and exemption reason do not go together, named as
    the request names them (`lines[2].tax_rate`)."""
    errors: list[FieldError] = []
    reasons: dict[tuple[str, Decimal], tuple[str | None, str | None]] = {}
    for index, line in enumerate(lines):
        problems = _line_problems(line)
        errors += [FieldError(f"lines[{index}].{field}", message, code)
                   for field, message, code in problems]  # fmt: skip
        category = category_of(line)
        if problems or category not in WITH_REASON:
            continue
        reason = (line.tax_exemption_reason, line.tax_exemption_reason_code)
        key = (category, line.tax_rate.normalize())
        if reasons.setdefault(key, reason) != reason:
            errors.append(_not_shared(index, *key))
    return errors


def _line_problems(line: Taxed) -> list[tuple[str, str, str]]:
    """(field, message, code) of each rule the line breaks."""
    category, rate, code = category_of(line), line.tax_rate, line.tax_exemption_reason_code
    problems = []
    if category in AT_ZERO and rate != 0:
        problems.append(("tax_rate", f"must be 0 for tax_category {category}", "invalid"))
    if category == "S" and rate <= 0:
        problems.append(("tax_rate", "must be above 0 for tax_category S", "invalid"))
    given = "tax_exemption_reason" if line.tax_exemption_reason is not None else None
    given = given or ("tax_exemption_reason_code" if code is not None else None)
    if category in WITH_REASON and given is None:
        message = f"or tax_exemption_reason_code is required for tax_category {category}"
        problems.append(("tax_exemption_reason", message, "tax_exemption_reason_required"))
    if category not in WITH_REASON and given is not None:
        problems.append((given, f"is not allowed for tax_category {category}", "invalid"))
    expected = _CODE_CATEGORY.get(code or "")
    if expected is not None and expected != category and category in WITH_REASON:
        message = f"{code} goes with tax_category {expected} only"
        problems.append(("tax_exemption_reason_code", message, "invalid"))
    return problems


def _not_shared(index: int, category: str, rate: Decimal) -> FieldError:
    return FieldError(
        f"lines[{index}].tax_exemption_reason",
        f"must be the same as on the other lines of tax_category {category} at "
        f"{rate:f} % (the tax breakdown states one reason for each)",
        "invalid",
    )
