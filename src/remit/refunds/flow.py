"""The one flow that refunds (SPEC §6): `service.begin` under the invoice's and the
settlement's locks, ask the processor with no transaction open, `service.complete` under the
locks again.

Every caller runs it: `POST /v1/refunds` (`refund`: its first transaction begins the
refund), credit notes (`send`, once the transaction that began their refunds committed), and
the worker's recovery (`send` again: a refund the processor answered pending is asked about
by its reference; one it never answered is sent again with the same idempotency key, the
refund's id, so nothing is refunded twice). Like `collection.flow`, a caller differs only in
how it opens a transaction (`Open`) and in what the last one also does (`Last`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TypeVar

from remit.context import Context
from remit.kernel import faults
from remit.payments.processors.base import Processor, Refunding, RefundResult
from remit.refunds import service
from remit.refunds.models import Refund
from remit.refunds.service import Outstanding

log = logging.getLogger("remit.payments")

R = TypeVar("R")
Open = Callable[[], AbstractAsyncContextManager[Context]]
# Records the processor's answers in the last transaction: the refunds as they are then.
Step = Callable[[Context], Awaitable[list[Refund]]]
# Runs the step in the last transaction and makes the caller's answer of it.
Last = Callable[[Step], Awaitable[R]]
Begin = Callable[[Context], Awaitable[Refund]]


async def refund(
    processors: Mapping[str, Processor], first: Open, last: Last[R], begin: Begin
) -> R:
    """Refund: `begin` writes the refund in the first transaction, which commits before the
    processor is asked; `last` records the answer."""
    async with first() as ctx:
        begun = await begin(ctx)
        pending = await service.outstanding(ctx, [begun.id])
    return await _finish(processors, last, [begun.id], pending)


async def send(
    processors: Mapping[str, Processor], open_transaction: Open, refund_ids: Sequence[str]
) -> list[Refund]:
    """Ask the processors about refunds begun in a transaction that has committed (a credit
    note's, or one a crash left pending), with no transaction open, and record their answers
    in a new one. A processor that fails to answer leaves its refund pending for the worker.
    Returns the refunds as they are then."""
    async with open_transaction() as ctx:
        pending = await service.outstanding(ctx, refund_ids)

    async def last(step: Step) -> list[Refund]:
        async with open_transaction() as ctx:
            return await step(ctx)

    return await _finish(processors, last, refund_ids, pending)


async def _finish(
    processors: Mapping[str, Processor],
    last: Last[R],
    refund_ids: Sequence[str],
    pending: list[Outstanding],
) -> R:
    answers = {item.refund_id: await ask(processors, item) for item in pending}

    async def complete(ctx: Context) -> list[Refund]:
        return [await _record(ctx, refund_id, answers.get(refund_id)) for refund_id in refund_ids]

    return await last(complete)


async def _record(ctx: Context, refund_id: str, result: RefundResult | None) -> Refund:
    if result is None:  # unknown (or nothing was asked): the refund as it is
        return await service.get_refund(ctx, refund_id)
    return await service.complete(ctx, refund_id, result)


async def ask(processors: Mapping[str, Processor], item: Outstanding) -> RefundResult | None:
    """The processor's answer: a new refund (or, with the same key, the first one again), or
    with a reference the state of one it already has. None when the answer is unknown (the
    call failed, or the processor is gone): the refund then stays pending."""
    processor = processors.get(item.processor)
    if not isinstance(processor, Refunding):  # uninstalled since the refund began
        log.error("processor %s cannot answer for refund %s", item.processor, item.refund_id)
        return None
    try:
        if item.reference is not None:
            result = await processor.retrieve_refund(item.reference)
        else:
            result = await processor.refund(item.request)
    except Exception:  # a processor's network or protocol trouble: outcome unknown
        log.exception("processor %s failed on %s", item.processor, item.refund_id)
        return None
    faults.point("payments.after_refund")
    return result
