"""Examples of the main request bodies, shown by `/docs` and in `/openapi.json`.

Keyed by operation (method, path template). The test suite checks that each one is valid
against its operation's schema, and sends those that need no other object to a live server.
"""

from __future__ import annotations

from typing import Any

CUSTOMER = "cus_01m91tn0pcfxen55y1hdy494pf"
INVOICE = "inv_01m91tn0pcfxen55y1hdy494pf"
INVOICE_LINE = "il_01m91tn0pcfxen55y1hdy494pf"
PAYMENT_METHOD = "pm_01m91tn0pcfxen55y1hdy494pf"


def _example(summary: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"summary": summary, "value": value}


CONSULTING = {"description": "Consulting", "quantity": "3", "unit_amount": "150.00"}

EXAMPLES: dict[tuple[str, str], dict[str, dict[str, Any]]] = {
    ("POST", "/v1/customers"): {
        "customer": _example(
            "A customer with an address",
            {
                "email": "ada@example.com",
                "name": "Ada Lovelace",
                "billing_address": {
                    "line1": "12 St James's Square",
                    "city": "London",
                    "postal_code": "SW1Y 4JH",
                    "country": "GB",
                },
                "metadata": {"crm_id": "4711"},
            },
        ),
    },
    ("POST", "/v1/invoices"): {
        "send_invoice": _example(
            "An invoice sent for payment in 30 days, its customer made on the way",
            {
                "customer": {"email": "ada@example.com", "name": "Ada Lovelace"},
                "currency": "EUR",
                "collection_method": "send_invoice",
                "days_until_due": 30,
                "lines": [{**CONSULTING, "tax_rate": "19"}],
                "status": "open",
            },
        ),
        "draft": _example(
            "A draft for an existing customer, finalized later",
            {"customer": CUSTOMER, "currency": "EUR", "lines": [CONSULTING]},
        ),
    },
    ("POST", "/v1/invoice_items"): {
        "line": _example(
            "A line for the customer's next invoice",
            {"customer": CUSTOMER, "description": "Setup fee", "amount": "250.00"},
        ),
    },
    ("PATCH", "/v1/invoices/{invoice_id}"): {
        "lines": _example(
            "Replace a draft's lines",
            {"lines": [CONSULTING, {"description": "Travel", "unit_amount": "80.00"}]},
        ),
    },
    ("POST", "/v1/invoices/{invoice_id}/pay"): {
        "charge": _example(
            "Charge a saved payment method now",
            {"payment_method": PAYMENT_METHOD, "failure_action": "leave_open"},
        ),
        "out_of_band": _example("Paid outside remit", {"paid_out_of_band": True}),
    },
    ("POST", "/v1/invoices/{invoice_id}/settlements"): {
        "bank_transfer": _example(
            "A bank transfer received",
            {"amount": "100.00", "method": "bank_transfer", "reference": "SEPA-2026-0042"},
        ),
    },
    ("POST", "/v1/customers/{customer_id}/payment_methods"): {
        "card": _example(
            "A test card (simulator)", {"type": "card", "token": "tok_visa", "is_default": True}
        ),
    },
    ("POST", "/v1/credit_notes"): {
        "lump_sum": _example(
            "A lump sum including tax",
            {"invoice": INVOICE, "amount": "50.00", "reason": "product_unsatisfactory"},
        ),
        "lines": _example(
            "Part of a line",
            {
                "invoice": INVOICE,
                "lines": [{"invoice_line": INVOICE_LINE, "quantity": "1"}],
                "memo": "One day of consulting was not delivered.",
            },
        ),
    },
    ("POST", "/v1/webhook_endpoints"): {
        "endpoint": _example(
            "Invoice events to your server",
            {
                "url": "https://example.com/remit/webhooks",
                "events": ["invoice.finalized", "invoice.paid"],
                "description": "Accounting sync",
            },
        ),
    },
}
