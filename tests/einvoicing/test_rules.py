"""The vendored rules bite: a document whose figures disagree is reported, so a passing
export in test_export.py means something."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from remit.einvoicing.cii import cii_invoice
from remit.einvoicing.document import (
    Address,
    Document,
    Line,
    Party,
    PaymentMeans,
    VatGroup,
    discount_of,
)
from remit.einvoicing.ubl import ubl_invoice
from tests.einvoicing.validation import violations

D = Decimal
SELLER = Party("Acme GmbH", "Acme", "DE136695976", None, "HRB 1",
               Address("Domstr. 1", None, "Köln", "50667", None, "DE"), "b@acme.example",
               "+49 221 0", "Acme")  # fmt: skip
BUYER = Party("Buyer BV", None, None, None, None, Address(country="NL"), None, None)


def document(payable: Decimal) -> Document:
    line = Line("1", "Work", D(2), "HUR", D("50.00"), D("90.00"), "S", D(19), discount_of(D(10)))
    return Document(
        "en16931", "INV-1", date(2026, 1, 1), date(2026, 1, 31), "EUR", None, None, None,
        None, None, None, SELLER, BUYER, PaymentMeans("1"), (line,),
        (VatGroup("S", D(19), D("90.00"), D("17.10"), None, None),),
        D("90.00"), D("90.00"), D("17.10"), D("107.10"), D(0), payable,
    )  # fmt: skip


@pytest.mark.parametrize("write,syntax", [(ubl_invoice, "ubl"), (cii_invoice, "cii")])
def test_a_consistent_document_passes_and_a_wrong_payable_amount_fails(write, syntax) -> None:
    assert violations(write(document(D("107.10"))), syntax) == []
    found = violations(write(document(D("100.00"))), syntax)
    assert [v for v in found if v.startswith("BR-CO-16")], found
