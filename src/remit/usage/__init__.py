"""Usage: a subscription's usage records, each billed as an invoice item at its plan price
(each recorded once: its identifier is unique); and usage events, what customers did, which
meters add up per period for metered plans (`meters`, `events`; docs/billing.md)."""
