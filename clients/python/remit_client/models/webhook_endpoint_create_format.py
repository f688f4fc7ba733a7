from typing import Literal

WebhookEndpointCreateFormat = Literal["rapyd", "reepay", "standard", "whop"]

WEBHOOK_ENDPOINT_CREATE_FORMAT_VALUES: set[WebhookEndpointCreateFormat] = {
    "rapyd",
    "reepay",
    "standard",
    "whop",
}


def check_webhook_endpoint_create_format(value: str) -> WebhookEndpointCreateFormat:
    if value in WEBHOOK_ENDPOINT_CREATE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOK_ENDPOINT_CREATE_FORMAT_VALUES!r}")
