from typing import Literal

GetCreditNoteEinvoiceProfile = Literal["en16931", "xrechnung"]

GET_CREDIT_NOTE_EINVOICE_PROFILE_VALUES: set[GetCreditNoteEinvoiceProfile] = {
    "en16931",
    "xrechnung",
}


def check_get_credit_note_einvoice_profile(value: str) -> GetCreditNoteEinvoiceProfile:
    if value in GET_CREDIT_NOTE_EINVOICE_PROFILE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_CREDIT_NOTE_EINVOICE_PROFILE_VALUES!r}")
