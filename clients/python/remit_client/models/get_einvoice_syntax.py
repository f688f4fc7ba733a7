from typing import Literal

GetEinvoiceSyntax = Literal["cii", "ubl"]

GET_EINVOICE_SYNTAX_VALUES: set[GetEinvoiceSyntax] = {
    "cii",
    "ubl",
}


def check_get_einvoice_syntax(value: str) -> GetEinvoiceSyntax:
    if value in GET_EINVOICE_SYNTAX_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_EINVOICE_SYNTAX_VALUES!r}")
