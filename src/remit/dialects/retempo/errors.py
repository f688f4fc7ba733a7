"""remit's problems → Retempo's `{"error": …}` answers.

Retempo reports a missing referenced record as 404 "Referenced database record was not
found." and a broken uniqueness as 409; its other refusals are 400s with a sentence naming
the field. remit's rules that Retempo lacks (settling a void invoice, paying more than is
due, a currency other than the plan's) keep their status and say what is wrong in that style.
"""

from __future__ import annotations

from remit.dialects.retempo.envelope import RetempoError
from remit.kernel.problems import Problem

RECORD_NOT_FOUND = "Referenced database record was not found."
UNIQUE = "A database record with these unique fields already exists."
# remit's names of fields → Retempo's, for messages about a field.
_FIELDS = {
    "lines.0.unit_amount": "amount", "unit_amount": "amount", "customer": "userId",
    "plan": "paymentPlanId", "subscription": "subscriptionId", "due_at": "dueAt",
    "currency": "currency", "amount": "amount", "invoice": "invoiceId", "product": "serviceId",
    "expires_at": "expiresAt", "timestamp": "occurredAt", "payload.quantity": "quantity",
}  # fmt: skip


def translate(problem: Problem) -> RetempoError:
    if problem.status == 404:
        return RetempoError(404, RECORD_NOT_FOUND)
    if problem.status in (401, 403):
        return RetempoError(problem.status, problem.detail)
    if problem.status == 409 and "duplicate" in problem.code:  # `usage_event_duplicate` too
        return RetempoError(409, UNIQUE)
    if problem.status in (400, 422) and problem.errors:
        first = problem.errors[0]
        name = _FIELDS.get(first.param or "", first.param or "body")
        return RetempoError(400, f"{name} {first.message.rstrip('.')}.")
    status = problem.status if problem.status < 500 or problem.status == 503 else 500
    return RetempoError(400 if status == 422 else status, problem.detail)
