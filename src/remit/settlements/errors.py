"""Errors of settlements."""

from remit.kernel.problems import Conflict, Unprocessable


class SettlementNotPending(Conflict):
    code, title = "settlement_not_pending", "Only pending settlements can be confirmed or failed"


class SettlementManagedByProcessor(Conflict):
    code, title = "settlement_managed_by_processor", "A processor decides this settlement"


class Overpayment(Unprocessable):
    code, title = "overpayment", "The settlement exceeds what is left to pay"


class CurrencyMismatch(Unprocessable):
    code, title = "currency_mismatch", "The settlement's currency is not the invoice's"
