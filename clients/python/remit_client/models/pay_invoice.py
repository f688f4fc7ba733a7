from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pay_invoice_failure_action import PayInvoiceFailureAction, check_pay_invoice_failure_action
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayInvoice")


@_attrs_define
class PayInvoice:
    """
    Attributes:
        payment_method (None | str | Unset): The method to charge (`pm_…`), or `auto` for the customer's newest; without
            it, the invoice's, else the customer's default.
        failure_action (PayInvoiceFailureAction | Unset): What a decline does: leave the invoice open (dunning retries
            invoices collected automatically), or mark it uncollectible at once. Default: 'leave_open'.
        paid_out_of_band (bool | Unset): Record the invoice as paid outside remit (what is left, method `other`) instead
            of charging anything. Default: False.
    """

    payment_method: None | str | Unset = UNSET
    failure_action: PayInvoiceFailureAction | Unset = "leave_open"
    paid_out_of_band: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        payment_method: None | str | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        else:
            payment_method = self.payment_method

        failure_action: str | Unset = UNSET
        if not isinstance(self.failure_action, Unset):
            failure_action = self.failure_action

        paid_out_of_band = self.paid_out_of_band

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method
        if failure_action is not UNSET:
            field_dict["failure_action"] = failure_action
        if paid_out_of_band is not UNSET:
            field_dict["paid_out_of_band"] = paid_out_of_band

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_payment_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_method = _parse_payment_method(d.pop("payment_method", UNSET))

        _failure_action = d.pop("failure_action", UNSET)
        failure_action: PayInvoiceFailureAction | Unset
        if isinstance(_failure_action, Unset):
            failure_action = UNSET
        else:
            failure_action = check_pay_invoice_failure_action(_failure_action)

        paid_out_of_band = d.pop("paid_out_of_band", UNSET)

        pay_invoice = cls(
            payment_method=payment_method,
            failure_action=failure_action,
            paid_out_of_band=paid_out_of_band,
        )

        return pay_invoice
