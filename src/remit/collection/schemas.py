"""The body of `POST /v1/invoices/{id}/pay`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from remit.kernel.fields import InputModel


class PayInvoice(InputModel):
    payment_method: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        None,
        description="The method to charge (`pm_…`), or `auto` for the customer's newest; "
        "without it, the invoice's, else the customer's default.",
    )
    failure_action: Literal["leave_open", "mark_uncollectible"] = Field(
        "leave_open",
        description="What a decline does: leave the invoice open (dunning retries invoices "
        "collected automatically), or mark it uncollectible at once.",
    )
    paid_out_of_band: StrictBool = Field(
        False,
        description="Record the invoice as paid outside remit (what is left, method `other`) "
        "instead of charging anything.",
    )

    @model_validator(mode="after")
    def _charge_or_record(self) -> PayInvoice:
        if self.paid_out_of_band and self.payment_method is not None:
            raise PydanticCustomError(
                "invalid", "give payment_method or paid_out_of_band, not both"
            )
        return self
