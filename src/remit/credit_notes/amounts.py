"""A credit note's money (SPEC §3.2), pure: its lines, totals and split, from what is left to
credit on its invoice (`Room`).

- `{invoice_line, quantity}` credits round(quantity × the line's unit_amount), with the line's
  discount prorated: round(discount × quantity / the line's quantity). The credit that takes
  the last of a line's quantity takes exactly what is left of its amount and discount, so
  credits that add up to a whole line add up to its figures, to the cent. A line's
  allowances count with its discount and its charges with its amount (as on the invoice:
  `invoices.totals`), each prorated the same way, so a credit prorates the line's net (BT-131).
  The invoice's own allowances and charges stay with their tax groups: in a group with an
  allowance of the invoice's, what notes credit of its lines is bounded by what is left of
  the group's taxable amount (422 `credit_note_exceeds_invoice`); a lump sum credits the rest.
- `{invoice_line, amount}` credits that amount, after discount and in the line's own terms
  (gross of tax when the line is tax-inclusive), at the line's rate.
- A custom line is round(quantity × unit_amount) at the rate it names (else the invoice's
  default rate, else none), exclusive of tax unless it says otherwise.
- Per invoice line, never more than what is left of it: its quantity, and its amount net of
  discount (422 `credit_note_exceeds_invoice_line`).
- The lines are taxed by `invoices.totals.compute_totals`, grouped by (rate, inclusive) and
  rounded as the invoice rounds (`per_rate` by default, or `per_line`). Each group's tax is
  then bounded by what is left of the invoice's tax in that group: a note that takes the rest
  of a group's base takes the rest of its tax (the rounding remainder: it may differ from the
  note's own rounding by a cent), and no note takes more tax than is left. So an invoice's
  notes never credit more tax at a rate than the invoice charged, and crediting every line,
  in any number of notes, credits exactly the invoice's total.
- `amount` alone is a lump sum including tax. It is shared among the invoice's tax groups in
  proportion to what is left of each (gross of tax): each share is rounded half-up, and the
  rounding remainder goes to the group with the most left (the first of equals), so the
  shares add up to `amount` exactly. Each share's tax is carved out of it as out of a
  tax-inclusive price, rounded once and bounded as above; the note gets one custom line per
  group. Its total is exactly `amount`.
- `total = subtotal − discount_amount + tax_amount` holds exactly, always, and a note's total
  is never more than what is left of its invoice's (`total` − what notes not void credited):
  422 `credit_note_exceeds_invoice`.
- The split: what the note takes off what is left to pay comes first (`pre_payment`); the
  rest (`post_payment`) is refund + credit + out of band, which must add up to it (422
  `credit_note_split_mismatch`). When none of the three is given, it all goes to the
  customer's balance (`credit`): no money moves, and none is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from remit.credit_notes.errors import (
    CreditNoteExceedsInvoice,
    CreditNoteExceedsLine,
    CreditNoteSplitMismatch,
    InvalidCreditNote,
)
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.invoices.allowances import fixed_document_adjustments
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.totals import LineInput, TaxGroup, Totals, compute_totals, tax_of
from remit.kernel.money import (
    TaxRounding,
    exact,
    format_amount,
    mul,
    round_amount,
    round_fraction,
)
from remit.kernel.problems import FieldError, NotFound

ZERO = Decimal(0)
INVOICE_LINE = "invoice_line_item"
CUSTOM_LINE = "custom_line_item"
GroupKey = tuple[Decimal, bool]  # (rate, tax-inclusive), the rate normalized


@dataclass(frozen=True)
class LineLeft:
    """An invoice line as credit notes see it: its figures, and what notes took of it."""

    id: str
    description: str | None
    quantity: Decimal
    unit_amount: Decimal
    amount: Decimal  # with its charges
    discount_amount: Decimal  # with its allowances
    tax_rate: Decimal
    tax_inclusive: bool
    taken_quantity: Decimal = ZERO
    taken_amount: Decimal = ZERO
    taken_discount: Decimal = ZERO
    charge_amount: Decimal = ZERO  # the part of `amount` its charges make

    @property
    def quantity_left(self) -> Decimal:
        return self.quantity - self.taken_quantity

    @property
    def net_left(self) -> Decimal:
        """What is left of its amount net of discount, in the line's terms."""
        return (self.amount - self.discount_amount) - (self.taken_amount - self.taken_discount)

    def taking(self, line: CreditLine) -> LineLeft:
        return replace(
            self,
            taken_quantity=self.taken_quantity + (line.quantity or ZERO),
            taken_amount=self.taken_amount + line.amount,
            taken_discount=self.taken_discount + line.discount_amount,
        )


@dataclass(frozen=True)
class GroupLeft:
    """What is left of one tax group of the invoice: its base (Σ amount − discount, in the
    lines' terms: gross for tax-inclusive lines) and its tax."""

    base: Decimal
    tax: Decimal

    def gross_of(self, inclusive: bool) -> Decimal:
        return self.base if inclusive else self.base + self.tax


@dataclass(frozen=True)
class Room:
    """What is left to credit on an invoice."""

    currency: str
    total: Decimal
    lines: Mapping[str, LineLeft]
    groups: Mapping[GroupKey, GroupLeft]
    rounding: TaxRounding = "per_rate"
    default_tax_rate: Decimal = ZERO
    # The groups an allowance of the invoice's lowers: its lines' credits are bounded there.
    allowance_groups: frozenset[GroupKey] = frozenset()

    @exact
    def taking(self, credit: Credit) -> Room:
        """The room left once `credit` is issued."""
        lines, groups = dict(self.lines), dict(self.groups)
        for line in credit.lines:
            source = lines.get(line.invoice_line_id or "")
            if source is not None:
                lines[source.id] = source.taking(line)
            key = (line.tax_rate.normalize(), line.tax_inclusive)
            left = groups.get(key, GroupLeft(ZERO, ZERO))
            groups[key] = replace(left, base=left.base - (line.amount - line.discount_amount))
        for group in credit.tax_groups:
            left = groups.get((group.rate, group.inclusive), GroupLeft(ZERO, ZERO))
            groups[(group.rate, group.inclusive)] = replace(left, tax=left.tax - group.amount)
        return replace(self, total=self.total - credit.total, lines=lines, groups=groups)


@dataclass(frozen=True)
class FromInvoiceLine:
    """Part of an invoice line: a `quantity` of it, or an `amount` of it."""

    invoice_line: str
    quantity: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Custom:
    description: str | None
    quantity: Decimal
    unit_amount: Decimal
    tax_rate: Decimal | None = None
    tax_inclusive: bool = False


Asked = FromInvoiceLine | Custom


@dataclass(frozen=True)
class CreditLine:
    type: str
    invoice_line_id: str | None
    description: str | None
    quantity: Decimal | None
    unit_amount: Decimal | None
    amount: Decimal  # in the line's terms: gross of tax when tax-inclusive
    discount_amount: Decimal
    tax_rate: Decimal
    tax_inclusive: bool
    tax_amount: Decimal = ZERO  # the line's own tax, rounded once


@dataclass(frozen=True)
class Credit:
    lines: tuple[CreditLine, ...]
    subtotal: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    total: Decimal
    tax_groups: tuple[TaxGroup, ...]


@dataclass(frozen=True)
class Split:
    pre_payment: Decimal
    post_payment: Decimal
    refund: Decimal
    credit: Decimal
    out_of_band: Decimal


# — what is left —


@exact
def room_for(invoice: Invoice, notes: Sequence[CreditNote]) -> Room:
    """What is left to credit on the invoice once `notes` (its notes that are not void,
    their lines loaded) have taken theirs."""
    lines = {line.id: _line_left(line) for line in invoice.lines}
    inputs = [_input(left.amount, left.discount_amount, line.tax_rate, line.tax_inclusive,
                     line.tax_category) for line, left in zip(invoice.lines, lines.values(),
                                                               strict=True)]  # fmt: skip
    rounding: TaxRounding = "per_line" if invoice.tax_rounding == "per_line" else "per_rate"
    totals = compute_totals(
        inputs, invoice.currency, rounding,
        fixed_document_adjustments(invoice.allowances),
        fixed_document_adjustments(invoice.charges),
    )  # fmt: skip
    room = Room(
        currency=invoice.currency,
        total=invoice.total,
        allowance_groups=frozenset(
            (Decimal(entry["tax_rate"]).normalize(), False) for entry in invoice.allowances or []
        ),
        lines=lines,
        groups=_by_rate(totals.tax_groups),
        rounding=rounding,
        default_tax_rate=invoice.default_tax_rate or ZERO,
    )
    for note in notes:
        room = room.taking(_credit_of(note))
    return room


def _line_left(line: InvoiceLine) -> LineLeft:
    charges = line.charge_amount
    return LineLeft(
        line.id, line.description, line.quantity, line.unit_amount, line.amount + charges,
        line.discount_amount + line.allowance_amount, line.tax_rate, line.tax_inclusive,
        charge_amount=charges,
    )  # fmt: skip


def _credit_line(line: CreditNoteLine) -> CreditLine:
    return CreditLine(
        line.type, line.invoice_line_id, line.description, line.quantity, line.unit_amount,
        line.amount, line.discount_amount, line.tax_rate, line.tax_inclusive, line.tax_amount,
    )  # fmt: skip


def _credit_of(note: CreditNote) -> Credit:
    """A note's credit as it was issued: its lines, and its tax per group as it kept it."""
    groups = tuple(
        TaxGroup(Decimal(entry["tax_rate"]).normalize(), bool(entry["tax_inclusive"]),
                 Decimal(entry["taxable_amount"]), Decimal(entry["amount"]))
        for entry in note.tax_breakdown
    )  # fmt: skip
    lines = tuple(_credit_line(line) for line in note.lines)
    return Credit(lines, note.subtotal, note.discount_amount, note.tax_amount, note.total, groups)


def _by_rate(groups: Sequence[TaxGroup]) -> dict[GroupKey, GroupLeft]:
    """The invoice's tax groups by (rate, inclusive), as notes group theirs: groups of one
    rate in two VAT categories (`S` and `L` at 7 %) add up, each taxed as the invoice taxed
    it, so crediting everything still credits exactly the invoice's tax."""
    room: dict[GroupKey, GroupLeft] = {}
    for group in groups:
        left = room.get((group.rate, group.inclusive), GroupLeft(ZERO, ZERO))
        room[(group.rate, group.inclusive)] = GroupLeft(
            left.base + _base(group), left.tax + group.amount
        )
    return room


def _base(group: TaxGroup) -> Decimal:
    """A group's Σ (amount − discount), in its lines' terms: its taxable amount, plus its tax
    when the lines include it."""
    return group.taxable_amount + group.amount if group.inclusive else group.taxable_amount


def _input(
    amount: Decimal, discount: Decimal, rate: Decimal, inclusive: bool, category: str | None = None
) -> LineInput:
    """A line whose amount is already rounded: one unit of it, with a fixed discount (an
    invoice's line in its VAT category, so that its tax is the invoice's)."""
    return LineInput(Decimal(1), amount, rate, inclusive, None, discount, category)


# — a note from lines —


@exact
def from_lines(room: Room, asked: Sequence[Asked]) -> Credit:
    lines: list[CreditLine] = []
    left = dict(room.lines)
    for index, item in enumerate(asked):
        if isinstance(item, Custom):
            lines.append(_custom(item, room))
            continue
        source = left.get(item.invoice_line)
        if source is None:
            raise NotFound("invoice line", item.invoice_line, param=f"lines[{index}].invoice_line")
        line = _of_invoice_line(source, item, index, room.currency)
        left[source.id] = source.taking(line)
        lines.append(line)
    inputs = [_input(line.amount, line.discount_amount, line.tax_rate, line.tax_inclusive)
              for line in lines]  # fmt: skip
    _check_groups(lines, room)
    credit = _bounded(lines, compute_totals(inputs, room.currency, room.rounding), room)
    _check_total(credit, room, "lines")
    return credit


def _check_groups(lines: Sequence[CreditLine], room: Room) -> None:
    """Lines of a group the invoice's allowance lowered credit at most what is left of it."""
    taken: dict[GroupKey, Decimal] = {}
    for line in lines:
        key = (line.tax_rate.normalize(), line.tax_inclusive)
        if line.type == INVOICE_LINE and key in room.allowance_groups:
            taken[key] = taken.get(key, ZERO) + line.amount - line.discount_amount
    for key, base in taken.items():
        left = room.groups.get(key, GroupLeft(ZERO, ZERO)).base
        if base > left:
            shown = format_amount(left, room.currency)
            message = f"exceed the {shown} left of the tax group at {key[0]:f} %"
            raise CreditNoteExceedsInvoice(
                f"The lines {message}, which the invoice's allowances lowered.",
                errors=[FieldError("lines", message, CreditNoteExceedsInvoice.code)],
            )


def _custom(item: Custom, room: Room) -> CreditLine:
    rate = room.default_tax_rate if item.tax_rate is None else item.tax_rate
    amount = round_amount(mul(item.quantity, item.unit_amount), room.currency)
    return CreditLine(
        CUSTOM_LINE, None, item.description, item.quantity, item.unit_amount, amount, ZERO,
        rate, item.tax_inclusive,
    )  # fmt: skip


def _of_invoice_line(
    source: LineLeft, item: FromInvoiceLine, index: int, currency: str
) -> CreditLine:
    if source.net_left <= 0:
        raise _line_exceeded(f"lines[{index}].invoice_line", "nothing is left to credit of it")
    if item.quantity is None:
        assert item.amount is not None
        if item.amount > source.net_left:
            raise _line_exceeded(f"lines[{index}].amount", _at_most(source.net_left, currency))
        return _line(source, None, item.amount, ZERO)
    if item.quantity > source.quantity_left:
        message = f"at most {source.quantity_left.normalize():f} of the line's quantity is left"
        raise _line_exceeded(f"lines[{index}].quantity", message)
    amount, discount = _prorated(source, item.quantity, currency)
    if amount - discount > source.net_left:
        raise _line_exceeded(f"lines[{index}].quantity", _at_most(source.net_left, currency))
    return _line(source, item.quantity, amount, discount)


def _prorated(source: LineLeft, quantity: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """(amount, discount) of `quantity` of the line; the last of it takes what is left."""
    if quantity == source.quantity_left:
        return source.amount - source.taken_amount, source.discount_amount - source.taken_discount
    amount = round_amount(mul(quantity, source.unit_amount), currency)
    amount += _share(source.charge_amount, quantity, source.quantity, currency)
    discount = _share(source.discount_amount, quantity, source.quantity, currency)
    return amount, min(discount, amount)


def _share(figure: Decimal, quantity: Decimal, whole: Decimal, currency: str) -> Decimal:
    """round(figure × quantity / whole)."""
    return round_fraction(Fraction(figure) * Fraction(quantity) / Fraction(whole), currency)


def _line(
    source: LineLeft, quantity: Decimal | None, amount: Decimal, discount: Decimal
) -> CreditLine:
    unit_amount = None if quantity is None else source.unit_amount
    return CreditLine(
        INVOICE_LINE, source.id, source.description, quantity, unit_amount, amount, discount,
        source.tax_rate, source.tax_inclusive,
    )  # fmt: skip


def _line_exceeded(param: str, message: str) -> CreditNoteExceedsLine:
    return CreditNoteExceedsLine(
        f"{param}: {message}.",
        errors=[FieldError(param, message, CreditNoteExceedsLine.code)],
    )


def _at_most(amount: Decimal, currency: str) -> str:
    return f"at most {format_amount(amount, currency)} of the line is left to credit"


def _bounded(lines: Sequence[CreditLine], totals: Totals, room: Room) -> Credit:
    """The note's figures once each group's tax is bounded by what is left of it (module
    docstring). A tax-inclusive group's gross stays: its net moves against its tax."""
    groups, net_change, tax_change = [], ZERO, ZERO
    for group in totals.tax_groups:
        tax = _bounded_tax(group, room.groups.get((group.rate, group.inclusive)))
        change = tax - group.amount
        if group.inclusive:
            net_change -= change
        tax_change += change
        taxable = group.taxable_amount - change if group.inclusive else group.taxable_amount
        groups.append(TaxGroup(group.rate, group.inclusive, taxable, tax))
    subtotal, tax = totals.subtotal + net_change, totals.tax_amount + tax_change
    priced = tuple(replace(line, tax_amount=figures.tax_amount)
                   for line, figures in zip(lines, totals.lines, strict=True))  # fmt: skip
    total = subtotal - totals.discount_amount + tax
    return Credit(priced, subtotal, totals.discount_amount, tax, total, tuple(groups))


def _bounded_tax(group: TaxGroup, left: GroupLeft | None) -> Decimal:
    if left is None:  # a rate the invoice did not charge (a custom line's)
        return group.amount
    if _base(group) >= left.base:  # the rest of the group: the rest of its tax
        return left.tax
    return min(group.amount, left.tax) if left.tax >= 0 else group.amount


def _check_total(credit: Credit, room: Room, param: str) -> None:
    if credit.total <= 0:
        raise InvalidCreditNote(
            "A credit note must credit a positive total.",
            errors=[FieldError(param, "credit nothing", "invalid")],
        )
    _check_room(credit.total, room, param)


def _check_room(total: Decimal, room: Room, param: str) -> None:
    if total <= room.total:
        return
    shown = format_amount(room.total, room.currency)
    raise CreditNoteExceedsInvoice(
        f"The credit note's total, {format_amount(total, room.currency)}, exceeds what is left "
        f"to credit on the invoice, {shown}.",
        errors=[
            FieldError(param, f"exceeds {shown} left to credit", CreditNoteExceedsInvoice.code)
        ],
    )


# — a note for a lump sum —


@exact
def from_amount(room: Room, amount: Decimal) -> Credit:
    _check_room(amount, room, "amount")
    weights = _gross_left(room)
    shares = _shares(amount, weights, room.currency)
    lines, groups = [], []
    for (rate, inclusive), share in shares.items():
        if share == 0:
            continue
        left = room.groups.get((rate, inclusive))
        tax = _carved_tax(share, weights[(rate, inclusive)], rate, left, room.currency)
        net = share - tax
        lines.append(CreditLine(CUSTOM_LINE, None, None, None, None, share if inclusive else net,
                                ZERO, rate, inclusive, tax))  # fmt: skip
        groups.append(TaxGroup(rate, inclusive, net, tax))
    subtotal = sum((group.taxable_amount for group in groups), ZERO)
    tax_amount = sum((group.amount for group in groups), ZERO)
    credit = Credit(tuple(lines), subtotal, ZERO, tax_amount, subtotal + tax_amount, tuple(groups))
    _check_total(credit, room, "amount")
    return credit


def _gross_left(room: Room) -> dict[GroupKey, Decimal]:
    """What is left of each tax group gross of tax, in the groups' order; without any, the
    lump sum carries no tax."""
    weights = {
        key: left.gross_of(key[1])
        for key, left in sorted(room.groups.items(), key=lambda item: item[0])
        if left.gross_of(key[1]) > 0
    }
    return weights or {(ZERO, False): room.total}


def _shares(
    amount: Decimal, weights: Mapping[GroupKey, Decimal], currency: str
) -> dict[GroupKey, Decimal]:
    whole = Fraction(sum(weights.values(), ZERO))
    shares = {
        key: round_fraction(Fraction(amount) * Fraction(weight) / whole, currency)
        for key, weight in weights.items()
    }
    largest = max(weights, key=lambda key: weights[key])  # the first of equals
    shares[largest] += amount - sum(shares.values(), ZERO)
    return shares


def _carved_tax(
    share: Decimal, gross_left: Decimal, rate: Decimal, left: GroupLeft | None, currency: str
) -> Decimal:
    if left is None:
        return tax_of(share, rate, True, currency)
    if share >= gross_left:
        return left.tax
    return min(tax_of(share, rate, True, currency), max(left.tax, ZERO))


# — the split —


SPLIT_FIELDS = ("refund_amount", "credit_amount", "out_of_band_amount")


@exact
def split(
    total: Decimal,
    left_to_pay: Decimal,
    currency: str,
    refund: Decimal | None = None,
    credit: Decimal | None = None,
    out_of_band: Decimal | None = None,
) -> Split:
    pre_payment = min(total, max(left_to_pay, ZERO))
    post_payment = total - pre_payment
    given = {name: value for name, value in zip(SPLIT_FIELDS, (refund, credit, out_of_band),
                                                  strict=True) if value is not None}  # fmt: skip
    if not given:
        return Split(pre_payment, post_payment, ZERO, post_payment, ZERO)
    if sum(given.values(), ZERO) != post_payment:
        shown = format_amount(post_payment, currency)
        message = f"refund_amount + credit_amount + out_of_band_amount must add up to {shown}"
        raise CreditNoteSplitMismatch(
            f"{message}: the part of the credit beyond what was left to pay.",
            errors=[FieldError(name, message, CreditNoteSplitMismatch.code) for name in given],
        )
    return Split(pre_payment, post_payment, refund or ZERO, credit or ZERO, out_of_band or ZERO)
