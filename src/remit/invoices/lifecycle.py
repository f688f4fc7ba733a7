"""The invoice state machine (SPEC §3.1), pure: which action is allowed from which status.

```
draft ──finalize──► open ──(due_at passes)──► past_due
open|past_due ──settled in full──► paid            (final)
open|past_due|uncollectible ──void──► void         (final)
open|past_due ──mark_uncollectible──► uncollectible ──reopen──► open
open|past_due ──(expires_at passes)──► expired     (final)
draft: update, delete; open and later: metadata only
```

Every change of an invoice's status is `next_status(action, …)` here, written by one function
(`invoices.changes.transition`); nothing else assigns a status.
"""

from __future__ import annotations

from enum import StrEnum

from remit.invoices.errors import InvoiceNotDraft, InvoiceNotOpen, InvoiceStateConflict


class Status(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAST_DUE = "past_due"
    PAID = "paid"
    VOID = "void"
    UNCOLLECTIBLE = "uncollectible"
    EXPIRED = "expired"


class Action(StrEnum):
    UPDATE = "update"
    DELETE = "delete"
    FINALIZE = "finalize"
    SETTLE = "settle"
    PAY = "pay"
    MARK_PAST_DUE = "mark_past_due"
    VOID = "void"
    MARK_UNCOLLECTIBLE = "mark_uncollectible"
    EXPIRE = "expire"
    REOPEN = "reopen"


COLLECTIBLE = frozenset({Status.OPEN, Status.PAST_DUE})
FINAL = frozenset({Status.PAID, Status.VOID, Status.EXPIRED})

ALLOWED: dict[Action, frozenset[Status]] = {
    Action.UPDATE: frozenset({Status.DRAFT}),
    Action.DELETE: frozenset({Status.DRAFT}),
    Action.FINALIZE: frozenset({Status.DRAFT}),
    Action.SETTLE: COLLECTIBLE,
    Action.PAY: COLLECTIBLE,
    Action.MARK_PAST_DUE: frozenset({Status.OPEN}),
    Action.VOID: COLLECTIBLE | {Status.UNCOLLECTIBLE},
    Action.MARK_UNCOLLECTIBLE: COLLECTIBLE,
    Action.EXPIRE: COLLECTIBLE,
    Action.REOPEN: frozenset({Status.UNCOLLECTIBLE}),
}

_WORDS = {
    Action.UPDATE: "Only draft invoices can be edited (open ones accept metadata only)",
    Action.DELETE: "Only draft invoices can be deleted; void an issued invoice instead",
    Action.FINALIZE: "Only draft invoices can be finalized",
    Action.SETTLE: "Only open or past-due invoices accept payments",
    Action.PAY: "Only open or past-due invoices can become paid",
    Action.MARK_PAST_DUE: "Only open invoices become past due",
    Action.VOID: "Only open, past-due or uncollectible invoices can be voided",
    Action.MARK_UNCOLLECTIBLE: "Only open or past-due invoices can be marked uncollectible",
    Action.EXPIRE: "Only open or past-due invoices can expire",
    Action.REOPEN: "Only uncollectible invoices can be reopened",
}


# Where each status-changing action leads (SETTLE, UPDATE and DELETE change no status).
TARGETS: dict[Action, Status] = {
    Action.FINALIZE: Status.OPEN,
    Action.PAY: Status.PAID,
    Action.MARK_PAST_DUE: Status.PAST_DUE,
    Action.VOID: Status.VOID,
    Action.MARK_UNCOLLECTIBLE: Status.UNCOLLECTIBLE,
    Action.EXPIRE: Status.EXPIRED,
    Action.REOPEN: Status.OPEN,
}


def can(action: Action, status: str) -> bool:
    return status in ALLOWED[action]


def ensure(action: Action, status: str, invoice_id: str) -> None:
    """Raise the 409 for `action` unless the invoice's status allows it."""
    if can(action, status):
        return
    detail = f"{_WORDS[action]}; invoice {invoice_id} is {status}."
    if ALLOWED[action] == {Status.DRAFT}:
        raise InvoiceNotDraft(detail, invoice_status=status)
    if Status.OPEN in ALLOWED[action]:
        raise InvoiceNotOpen(detail, invoice_status=status)
    raise InvoiceStateConflict(detail, invoice_status=status)


def next_status(action: Action, status: str, invoice_id: str) -> Status:
    """The status `action` leads to from `status`, or the 409 it is refused with."""
    ensure(action, status, invoice_id)
    return TARGETS[action]
