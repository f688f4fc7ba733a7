from typing import Literal

GetEinvoiceProfile = Literal["en16931", "xrechnung"]

GET_EINVOICE_PROFILE_VALUES: set[GetEinvoiceProfile] = {
    "en16931",
    "xrechnung",
}


def check_get_einvoice_profile(value: str) -> GetEinvoiceProfile:
    if value in GET_EINVOICE_PROFILE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_EINVOICE_PROFILE_VALUES!r}")
