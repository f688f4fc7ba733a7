from typing import Literal

GetCreditNoteEinvoiceSyntax = Literal["cii", "ubl"]

GET_CREDIT_NOTE_EINVOICE_SYNTAX_VALUES: set[GetCreditNoteEinvoiceSyntax] = {
    "cii",
    "ubl",
}


def check_get_credit_note_einvoice_syntax(value: str) -> GetCreditNoteEinvoiceSyntax:
    if value in GET_CREDIT_NOTE_EINVOICE_SYNTAX_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_CREDIT_NOTE_EINVOICE_SYNTAX_VALUES!r}")
