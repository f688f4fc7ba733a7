"""Rapyd's webhook format (digest §3.8) for endpoints registered with `format: rapyd`.

Body: `{"id": "wh_…", "type": "INVOICE_…", "data": {…}, "trigger_operation_id", "status":
"NEW", "created_at", "extended_timestamp"}`; headers `salt`, `timestamp`, `signature`, signed
over the endpoint's whole URL with the account's newest Rapyd key.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Any

from remit.dialects.rapyd import mapping
from remit.dialects.rapyd.auth import ACCESS_PREFIX, KIND
from remit.dialects.rapyd.signature import webhook_signature
from remit.kernel import jsonio
from remit.webhooks.formats import EventView, KeySource, ProviderKey

TYPES = {
    "invoice.created": "INVOICE_CREATED",
    "invoice.finalized": "INVOICE_FINALIZED",
    "invoice.updated": "INVOICE_UPDATED",
    "invoice.voided": "INVOICE_UPDATED",
    "invoice.marked_uncollectible": "INVOICE_UPDATED",
    "settlement.created": "INVOICE_PAYMENT_CREATED",
    "invoice.paid": "INVOICE_PAYMENT_SUCCEEDED",
    "invoice.payment_failed": "INVOICE_PAYMENT_FAILED",
}


def payment(settlement: dict[str, Any]) -> dict[str, Any]:
    """A remit settlement as the payment object of INVOICE_PAYMENT_CREATED."""
    status = {"confirmed": "CLO", "pending": "ACT", "failed": "ERR"}
    return {
        "id": "payment_" + settlement["id"].partition("_")[2],
        "amount": mapping.money(settlement.get("amount")),
        "currency_code": settlement.get("currency"),
        "status": status.get(settlement.get("status", ""), "ACT"),
        "invoice": mapping.to_rapyd(settlement.get("invoice")) or "",
        "customer_token": settlement.get("customer") or "",
        "payment_method": mapping.to_rapyd(settlement.get("payment_method")) or "",
        "created_at": mapping.unix(settlement.get("created_at")),
    }


class RapydWebhooks:
    name = "rapyd"
    keys: KeySource = ProviderKey(
        KIND,
        ACCESS_PREFIX,
        "no Rapyd key signs this endpoint's webhooks: "
        "run `remit keys create --account ACCT --kind rapyd`",
    )

    def carries(self, event_type: str) -> bool:
        return event_type in TYPES

    def body(self, event: EventView, keys: tuple[str, ...] = ()) -> str:
        if event.type == "settlement.created":
            data = payment(event.data)
        else:
            data = mapping.invoice(event.data)
        created = event.created_at
        return jsonio.dumps_text(
            {
                "id": "wh_" + event.id.partition("_")[2],
                "type": TYPES[event.type],
                "data": data,
                "trigger_operation_id": str(uuid.uuid5(uuid.NAMESPACE_URL, event.id)),
                "status": "NEW",
                "created_at": int(created.timestamp()),
                "extended_timestamp": int(created.timestamp() * 1000),
            }
        )

    def headers(
        self, keys: tuple[str, ...], message_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]:
        access_key, secret_key = keys
        salt = secrets.token_hex(6)
        stamp = str(int(at.timestamp()))
        return {
            "salt": salt,
            "timestamp": stamp,
            "signature": webhook_signature(url, salt, stamp, access_key, secret_key, body),
        }
