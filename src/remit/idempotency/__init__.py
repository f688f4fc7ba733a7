"""Idempotency keys: a retried POST gets the first response, never a second effect (SPEC §4)."""
