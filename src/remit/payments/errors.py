"""Errors of payments."""

from remit.kernel.problems import Conflict, Unprocessable


class PaymentMethodMissing(Unprocessable):
    code, title = "payment_method_missing", "There is no payment method to charge"


class PaymentInProgress(Conflict):
    code, title = "payment_in_progress", "A charge for this invoice is still awaiting its outcome"


class UnknownProcessor(Unprocessable):
    code, title = "unknown_processor", "No such payment processor"


class ProcessorNotAllowedInLiveMode(Unprocessable):
    code, title = "processor_not_allowed_in_live_mode", "Test processors cannot move real money"


class InvalidToken(Unprocessable):
    code, title = "invalid_token", "The processor does not accept this token"


class CardNumberNotAllowed(Unprocessable):
    code, title = "card_number_not_allowed", "remit never stores card numbers"
