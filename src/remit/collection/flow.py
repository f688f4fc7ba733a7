"""The one flow that charges an invoice (SPEC §6): `begin` under the invoice's lock, ask the
processor with no transaction open, `complete` under the lock again.

Every caller runs it: `POST /v1/invoices/{id}/pay`, the dialects that charge (Rapyd's pay,
Reepay's settle), the hosted page's test cards, and the worker's automatic collection and
recovery. They differ only in how they open a transaction (`Open`: whose context, which
actor) and in what the last one also does (`Last`: store an idempotent answer, present it),
never in the steps or their order.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from functools import partial
from typing import TypeVar, cast

from remit.collection import charges
from remit.collection.charges import Charge, Options, Skipped
from remit.context import Context
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel import faults
from remit.kernel.every import every
from remit.observability.metrics import CHARGES
from remit.payments.processors.base import Batching, ChargeResult, Processor

log = logging.getLogger("remit.payments")

R = TypeVar("R")
Open = Callable[[], AbstractAsyncContextManager[Context]]
Step = Callable[[Context], Awaitable[Invoice]]
# Runs the completion step in the last transaction, knowing the processor's answer (None:
# unknown, or no charge was needed), and makes the caller's answer of it.
# Takes, in the transaction it is given, the ids of the invoices to work (locking them).
Claim = Callable[[Context], Awaitable[Sequence[str]]]
Last = Callable[[Step, ChargeResult | None], Awaitable[R]]


@dataclass(frozen=True)
class Target:
    """What the first transaction charges: the invoice, and the method if it chose one."""

    invoice_id: str
    payment_method: str | None = None


Prepare = Callable[[Context], Awaitable[Target]]


def outcome(result: ChargeResult | None) -> str:
    """How a charge ended, in a word: `succeeded`, `pending` (also when the answer is not
    known yet), or the failure's code."""
    if result is None or result.status == "pending":
        return "pending"
    if result.status == "succeeded":
        return "succeeded"
    return result.failure_code or "failed"


async def ask(
    processors: Mapping[str, Processor], charge: Charge, *, reference: str | None = None
) -> ChargeResult | None:
    """The processor's answer: a new charge (or, with the same key, the first one again), or
    with `reference` the state of a charge it already has. None when the answer is unknown
    (the call itself failed): the settlement then stays pending and is asked about later."""
    processor = processors[charge.processor]
    try:
        if reference is not None:
            result = await processor.retrieve(reference)
        else:
            result = await processor.charge(charge.request)
    except Exception:  # a processor's network or protocol trouble: outcome unknown
        log.exception("processor %s failed on %s", charge.processor, charge.settlement_id)
        return None
    faults.point("payments.after_charge")
    return result


async def ask_all(
    processors: Mapping[str, Processor], steps: Sequence[Charge | Skipped]
) -> list[ChargeResult | Skipped | None]:
    """`ask` about each charge begun (a Skipped step stays as it is); a processor that takes
    several charges in one call (`Batching`) is asked once for all of its own."""
    answers: dict[int, ChargeResult | Skipped | None] = {}
    mine: dict[str, list[int]] = {}
    for n, step in enumerate(steps):
        if isinstance(step, Charge):
            mine.setdefault(step.processor, []).append(n)
        else:
            answers[n] = step
    for name, indexes in mine.items():
        processor = processors[name]
        if not isinstance(processor, Batching) or len(indexes) == 1:
            for n in indexes:
                answers[n] = await ask(processors, cast(Charge, steps[n]))
            continue
        requests = [cast(Charge, steps[n]).request for n in indexes]
        results: Sequence[ChargeResult | None]
        try:
            results = await processor.charge_many(requests)
        except Exception:  # as in `ask`: the outcomes are unknown, the charges stay pending
            log.exception("processor %s failed on %d charges", name, len(indexes))
            results = [None] * len(indexes)
        else:
            faults.point("payments.after_charge")
        answers.update(zip(indexes, results, strict=True))
    return [answers[n] for n in range(len(steps))]


async def charge(
    processors: Mapping[str, Processor],
    first: Open,
    last: Last[R],
    target: str | Prepare,
    options: Options = Options(),
) -> R | Skipped:
    """Charge an invoice: `target` names it, or finds or makes it (and may choose the method)
    in the first transaction. `last` runs the completion in the last transaction; a charge
    that did not start (Skipped) ends there, except an invoice paid as it was issued, whose
    `last` shows it."""
    async with first() as ctx:
        chosen = Target(target) if isinstance(target, str) else await target(ctx)
        if chosen.payment_method is not None:
            options = Options(chosen.payment_method, options.failure_action, options.automatic)
        started = await charges.begin(ctx, processors, chosen.invoice_id, options)
    if started is Skipped.NOTHING_DUE:
        return await last(lambda ctx: InvoiceRepository(ctx).get(chosen.invoice_id), None)
    if isinstance(started, Skipped):
        return started
    return await finish(processors, last, started, await ask(processors, started), options)


async def charge_together(
    processors: Mapping[str, Processor], first: Open, last: Open, claim: Claim
) -> list[ChargeResult | Skipped | None]:
    """The worker's automatic charges of several invoices due at one moment, each by the
    steps of `charge`, with the transactions shared: one first transaction takes the
    invoices (`claim`: their ids, claimed in it) and begins them all (`begin_all`), then
    `answer_all`. If the first transaction fails, each invoice is charged alone, so one
    invoice's trouble stays its own. Per invoice claimed: the processor's answer (None:
    unknown, left pending), or why its charge did not start."""
    invoice_ids: Sequence[str] = ()
    try:
        async with first() as ctx:
            invoice_ids = await claim(ctx)
            await charges.read_ahead(ctx, invoice_ids)
            started = await begin_all(ctx, processors, invoice_ids)
    except Exception:
        if len(invoice_ids) <= 1:
            raise
        log.warning("charging %d invoices together failed; charging each alone",
                    len(invoice_ids), exc_info=True)  # fmt: skip
        return await every(partial(_charge_alone, processors, first, last), invoice_ids)
    return await answer_all(processors, last, started)


async def begin_all(
    ctx: Context, processors: Mapping[str, Processor], invoice_ids: Sequence[str]
) -> list[Charge | Skipped]:
    """`charges.begin` the automatic charge of each invoice, in the caller's transaction."""
    options = Options(automatic=True)
    return [await charges.begin(ctx, processors, i, options) for i in invoice_ids]


async def answer_all(
    processors: Mapping[str, Processor], last: Open, started: Sequence[Charge | Skipped]
) -> list[ChargeResult | Skipped | None]:
    """After the transaction that began these charges (`begin_all`) committed: the processor
    is asked about each with no transaction open, and one last transaction records every
    answer; if it fails, each answer is recorded alone. Per step: the processor's answer
    (None: unknown, left pending), or why its charge did not start."""
    options = Options(automatic=True)
    answers = await ask_all(processors, started)
    asked = [
        (step, answer)
        for step, answer in zip(started, answers, strict=True)
        if isinstance(step, Charge) and isinstance(answer, ChargeResult)
    ]
    try:
        async with last() as ctx:
            await charges.read_ahead_answers(ctx, [step for step, _ in asked])
            for step, answer in asked:
                await charges.complete(ctx, step.settlement_id, answer, options)
    except Exception:
        if len(asked) == 1:
            raise
        log.warning("recording %d charges together failed; recording each alone",
                    len(asked), exc_info=True)  # fmt: skip

        async def alone(pair: tuple[Charge, ChargeResult]) -> None:
            async with last() as ctx:
                await charges.complete(ctx, pair[0].settlement_id, pair[1], options)

        await every(alone, asked)
    for each in answers:
        if not isinstance(each, Skipped):
            CHARGES.labels(_counted(each)).inc()
    return answers


async def _charge_alone(
    processors: Mapping[str, Processor], first: Open, last: Open, invoice_id: str
) -> ChargeResult | Skipped | None:
    async def recorded(step: Step, result: ChargeResult | None) -> ChargeResult | None:
        async with last() as ctx:
            await step(ctx)
        return result

    return await charge(processors, first, recorded, invoice_id, Options(automatic=True))


async def finish(
    processors: Mapping[str, Processor],
    last: Last[R],
    started: Charge,
    result: ChargeResult | None,
    options: Options = Options(),
) -> R:
    """Record the processor's answer in the last transaction; an unknown answer records
    nothing (the worker asks again) and `last` shows the invoice as it is."""

    async def complete(ctx: Context) -> Invoice:
        if result is None:
            return await InvoiceRepository(ctx).get(started.invoice_id)
        return await charges.complete(ctx, started.settlement_id, result, options)

    answer = await last(complete, result)
    CHARGES.labels(_counted(result)).inc()  # once recorded: `last` has committed
    return answer


def _counted(result: ChargeResult | None) -> str:
    """The outcome as the metric counts it: the failure's code is left out (a processor's
    codes are many, and its own)."""
    word = outcome(result)
    return word if word in ("succeeded", "pending") else "failed"


async def recover(
    processors: Mapping[str, Processor], first: Open, last: Last[R], settlement_id: str
) -> R | None:
    """Finish a charge that awaits its outcome (the worker, after a pending answer or a
    crash): ask the processor again — by its reference, or with the same idempotency key —
    and record what it says. None when there is nothing to finish."""
    async with first() as ctx:
        found = await charges.unresolved(ctx, settlement_id)
    if found is None:
        return None
    started, reference = found
    result = await ask(processors, started, reference=reference)
    return await finish(processors, last, started, result)
