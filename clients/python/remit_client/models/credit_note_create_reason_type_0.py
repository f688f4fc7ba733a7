from typing import Literal

CreditNoteCreateReasonType0 = Literal["duplicate", "fraudulent", "order_change", "other", "product_unsatisfactory"]

CREDIT_NOTE_CREATE_REASON_TYPE_0_VALUES: set[CreditNoteCreateReasonType0] = {
    "duplicate",
    "fraudulent",
    "order_change",
    "other",
    "product_unsatisfactory",
}


def check_credit_note_create_reason_type_0(value: str) -> CreditNoteCreateReasonType0:
    if value in CREDIT_NOTE_CREATE_REASON_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CREDIT_NOTE_CREATE_REASON_TYPE_0_VALUES!r}")
