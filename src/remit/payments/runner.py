"""Calling the processor between the two transactions of a charge (see `charges`)."""

from __future__ import annotations

import logging

from remit.api.runtime import Runtime
from remit.kernel import faults
from remit.payments.charges import Charge
from remit.payments.processors.base import ChargeResult

log = logging.getLogger("remit.payments")


async def call_processor(
    runtime: Runtime, charge: Charge, *, reference: str | None = None
) -> ChargeResult | None:
    """The processor's answer: a new charge (or, with the same key, the first one again), or
    with `reference` the state of a charge it already has. None when the answer is unknown
    (the call itself failed): the settlement then stays pending and is asked about later."""
    processor = runtime.processors[charge.processor]
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
