"""The README's picture of a PDF: a complete German invoice, reverse-charged to an Austrian
business, with the seller's VAT id and its Factur-X e-invoice inside.

Against a running remit (`make serve`), with an account's test key:

    KEY=rk_test_… .venv/bin/python docs/images/german_invoice.py /tmp/rechnung.pdf
    pdftoppm -png -r 70 -f 1 -l 1 -singlefile /tmp/rechnung.pdf docs/images/invoice-pdf-de

(`pdftoppm` is in Debian's poppler-utils.) The script fails unless the PDF came with its
e-invoice embedded (`X-Remit-Facturx: embedded`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import httpx

SELLER = {
    "name": "Nordlicht Software",
    "legal_name": "Nordlicht Software GmbH",
    "registration_id": "HRB 12345, Amtsgericht Köln",
    "tax_ids": [{"type": "eu_vat", "value": "DE136695976"}],
    "email": "rechnung@nordlicht.example",
    "phone": "+49 221 000000",
    "address": {"line1": "Domstraße 1", "postal_code": "50667", "city": "Köln", "country": "DE"},
    "payment_instructions": {"account_holder": "Nordlicht Software GmbH",
                             "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
}  # fmt: skip
BUYER = {
    "name": "Alpenblick Handels GmbH",
    "email": "einkauf@alpenblick.example",
    "locale": "de-AT",
    "tax_exempt": "reverse",
    "tax_ids": [{"type": "eu_vat", "value": "ATU13585627"}],
    "billing_address": {"line1": "Mariahilfer Straße 10", "postal_code": "1070", "city": "Wien",
                "country": "AT"},
}  # fmt: skip
LINES = [
    {"description": "Jahreslizenz remit Pro (12 Monate)", "quantity": "1",
     "unit_amount": "4800.00", "tax_rate": "19"},
    {"description": "Einrichtung und Datenübernahme", "quantity": "12", "unit_amount": "120.00",
     "tax_rate": "19", "unit_code": "HUR"},
    {"description": "Schulung vor Ort", "quantity": "2", "unit_amount": "950.00",
     "tax_rate": "19", "unit_code": "DAY", "discount_percent": "10"},
]  # fmt: skip


def expect(response: httpx.Response, status: int) -> Any:
    if response.status_code != status:
        raise SystemExit(f"{response.request.method} {response.request.url}: {response.text}")
    return response.json()


def main(target: Path) -> None:
    base = os.environ.get("REMIT", "http://127.0.0.1:8000")
    headers = {"Authorization": f"Bearer {os.environ['KEY']}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as api:
        expect(api.patch("/v1/account", json=SELLER), 200)
        buyer = expect(api.post("/v1/customers", json=BUYER), 201)
        invoice = expect(api.post("/v1/invoices", json={
            "customer": buyer["id"], "currency": "EUR", "lines": LINES,
            "collection_method": "send_invoice", "days_until_due": 14,
            "buyer_reference": "PO-2026-0815", "delivery_date": "2026-11-30",
            "payment_terms": "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
        }), 201)  # fmt: skip
        expect(api.post(f"/v1/invoices/{invoice['id']}/finalize"), 200)
        pdf = api.get(f"/v1/invoices/{invoice['id']}/pdf")
        if pdf.status_code != 200 or pdf.headers.get("x-remit-facturx") != "embedded":
            raise SystemExit(f"no Factur-X PDF: {pdf.status_code} {pdf.headers}")
        target.write_bytes(pdf.content)
        print(f"{target}: invoice {invoice['id']}, Factur-X embedded")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
