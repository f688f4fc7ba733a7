"""Payment method use cases: attach to a customer, detach."""

from __future__ import annotations

import re
from collections.abc import Mapping

from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerOut
from remit.events import service as events
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned
from remit.kernel.problems import FieldError
from remit.payments.errors import (
    CardNumberNotAllowed,
    InvalidToken,
    ProcessorNotAllowedInLiveMode,
    UnknownProcessor,
)
from remit.payments.models import PaymentMethod
from remit.payments.processors.base import Processor, TokenRefused
from remit.payments.repository import PaymentMethodRepository
from remit.payments.schemas import PaymentMethodCreate, PaymentMethodOut

_CARD_NUMBER = re.compile(r"^[\d -]{12,23}$")


def processor_for(processors: Mapping[str, Processor], name: str, *, livemode: bool) -> Processor:
    processor = processors.get(name)
    if processor is None:
        raise UnknownProcessor(
            f"There is no processor '{name}'.",
            errors=[
                FieldError(
                    "processor",
                    f"must be one of {', '.join(sorted(processors))}",
                    "unknown_processor",
                )
            ],
        )
    if livemode and processor.test_only:
        raise ProcessorNotAllowedInLiveMode(
            f"The '{name}' processor is for test mode; this is live mode.",
            errors=[
                FieldError(
                    "processor", "not allowed in live mode", "processor_not_allowed_in_live_mode"
                )
            ],
        )
    return processor


@flushed
async def attach(
    ctx: Context, processors: Mapping[str, Processor], customer_id: str, data: PaymentMethodCreate
) -> PaymentMethod:
    customer = await CustomerRepository(ctx).get_for_update(customer_id)
    if _CARD_NUMBER.fullmatch(data.token) and sum(c.isdigit() for c in data.token) >= 12:
        raise CardNumberNotAllowed(
            "Send the processor's token for the card, never its number.",
            errors=[FieldError("token", "looks like a card number", "card_number_not_allowed")],
        )
    processor = processor_for(processors, data.processor, livemode=ctx.livemode)
    try:
        details = processor.describe(data.type, data.token, data.wallet_address)
    except TokenRefused as exc:
        raise InvalidToken(str(exc), errors=[FieldError("token", str(exc), exc.code)]) from None
    method_id = ctx.new_id("pm")
    method = PaymentMethod(
        account_id=ctx.account_id,
        id=method_id,
        livemode=ctx.livemode,
        customer_id=customer.id,
        type=data.type,
        processor=processor.name,
        token=data.token,
        brand=details.brand,
        last4=details.last4,
        wallet_address=details.wallet_address,
        metadata_=cleaned(data.metadata),
        created_at=id_time(method_id),
    )
    PaymentMethodRepository(ctx).add(method)
    await ctx.session.flush()  # usable at once by what follows in the transaction (a charge)
    if data.is_default:
        customer.default_payment_method, customer.updated_at = method.id, ctx.now
        events.record(ctx, "customer.updated", CustomerOut.of(customer))
    events.record(
        ctx, "payment_method.attached", PaymentMethodOut.of(method, customer.default_payment_method)
    )
    return method


async def detach(ctx: Context, customer_id: str, method_id: str) -> None:
    customer = await CustomerRepository(ctx).get_for_update(customer_id)
    method = await PaymentMethodRepository(ctx).of_customer(
        customer.id, method_id, param="payment_method"
    )
    method.detached_at = ctx.now
    if customer.default_payment_method == method.id:
        customer.default_payment_method, customer.updated_at = None, ctx.now
        events.record(ctx, "customer.updated", CustomerOut.of(customer))
    events.record(ctx, "payment_method.detached", PaymentMethodOut.of(method, None))


@flushed
async def methods_of(ctx: Context, customer_id: str) -> list[PaymentMethod]:
    """Every payment method attached to the customer, newest first."""
    return await PaymentMethodRepository(ctx).of(customer_id)
