"""Errors of the idempotency layer (SPEC §4)."""

from remit.kernel.problems import BadRequest, Conflict, Unprocessable


class InvalidIdempotencyKey(BadRequest):
    code, title = "invalid_idempotency_key", "Invalid Idempotency-Key"


class IdempotencyKeyInUse(Conflict):
    code, title = "idempotency_key_in_use", "A request with this Idempotency-Key is in progress"


class IdempotencyKeyReused(Unprocessable):
    code, title = "idempotency_key_reused", "The Idempotency-Key was used for another request"


class IdempotencyRecordUnreadable(Conflict):
    code, title = "idempotency_key_unreadable", "The response stored with this key cannot be read"
