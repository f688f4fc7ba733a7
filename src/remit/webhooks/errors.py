"""Errors of webhook endpoints and deliveries."""

from remit.kernel.problems import Unprocessable


class WebhookUrlNotAllowed(Unprocessable):
    code, title = "webhook_url_not_allowed", "Webhooks cannot be sent to this URL"
