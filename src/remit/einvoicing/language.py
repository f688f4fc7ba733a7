"""The e-invoice's human-readable texts in its customer's language (kernel.i18n): remit's own
default texts — the reverse-charge and exemption reasons (BT-120), a line discount's reason
(BT-139) — are stored in English and written in the language of the customer's `locale`, as
the hosted page and the PDF show them. Texts the invoice was given are written as given."""

from __future__ import annotations

from dataclasses import replace

from remit.einvoicing.document import DISCOUNT, DISCOUNT_REASON, Adjustment, Document, Line
from remit.invoices.models import Invoice
from remit.invoices.tax_categories import stated_reason
from remit.kernel.i18n import Language, language_of


def in_customer_language(document: Document, invoice: Invoice) -> Document:
    """`document` with its default texts in the language of `invoice`'s customer."""
    words = language_of((invoice.customer_snapshot or {}).get("locale"))
    groups = (replace(group, reason=stated_reason(group.reason, words.gettext))
              for group in document.groups)  # fmt: skip
    lines = (_line(line, words) for line in document.lines)
    return replace(document, groups=tuple(groups), lines=tuple(lines))


def _line(line: Line, words: Language) -> Line:
    return replace(line, allowances=tuple(_adjustment(item, words) for item in line.allowances))


def _adjustment(adjustment: Adjustment, words: Language) -> Adjustment:
    if (adjustment.reason, adjustment.reason_code) != (DISCOUNT_REASON, DISCOUNT):
        return adjustment
    return replace(adjustment, reason=words.gettext(DISCOUNT_REASON))
