"""Errors of refunds."""

from remit.kernel.problems import Conflict, Unprocessable


class SettlementNotConfirmed(Conflict):
    code, title = "settlement_not_confirmed", "Only confirmed settlements can be refunded"


class RefundExceedsSettlement(Unprocessable):
    code, title = "refund_exceeds_settlement", "The refund exceeds what is left to refund"


class RefundNotSupported(Unprocessable):
    code, title = "refund_not_supported", "The settlement's processor cannot refund"
