"""Whop's webhook format (digest §2.5) for endpoints registered with `format: whop`.

Body `{"id": "msg_…", "api_version": "v1", "type": "invoice.paid", "timestamp", "company_id":
"biz_…", "data": <Invoice>}`; Standard Webhooks headers, signed with the endpoint's secret —
but, as Whop does, with the secret's literal UTF-8 bytes as the HMAC key (prefix included),
not its base64 decoding. whop-sdk 0.0.x verifies with `key=base64(secret)`; 2.x's
`verify_webhook.unwrap` takes the secret itself.
"""

from __future__ import annotations

from datetime import datetime

from standardwebhooks.webhooks import Webhook

from remit.dialects.whop import mapping
from remit.kernel import jsonio
from remit.kernel.fields import render_timestamp
from remit.webhooks.formats import EndpointSecret, EventView, KeySource

TYPES = frozenset(
    {"invoice.created", "invoice.paid", "invoice.past_due", "invoice.voided",
     "invoice.marked_uncollectible"}
)  # fmt: skip


def message_id(event_id: str) -> str:
    """Whop's message id for an event (`evt_X` → `msg_X`): the body's `id`, `webhook-id`."""
    return "msg_" + event_id.partition("_")[2]


class WhopWebhooks:
    name = "whop"
    keys: KeySource = EndpointSecret()  # the endpoint's own secrets, as remit's format

    def carries(self, event_type: str) -> bool:
        return event_type in TYPES

    def body(self, event: EventView, keys: tuple[str, ...] = ()) -> str:
        return jsonio.dumps_text(
            {
                "id": message_id(event.id),
                "api_version": "v1",
                "type": event.type,
                "timestamp": render_timestamp(event.created_at),
                "company_id": mapping.to_whop(event.account_id),
                "data": mapping.invoice(event.data, event.account_id),
            }
        )

    def headers(
        self, keys: tuple[str, ...], event_id: str, at: datetime, body: str, url: str
    ) -> dict[str, str]:
        msg = message_id(event_id)
        signatures = " ".join(Webhook(key.encode()).sign(msg, at, body) for key in keys)
        return {
            "webhook-id": msg,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": signatures,
        }
