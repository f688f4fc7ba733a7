from typing import Literal

LineInTaxCategoryType0 = Literal["AE", "E", "G", "K", "L", "M", "O", "S", "Z"]

LINE_IN_TAX_CATEGORY_TYPE_0_VALUES: set[LineInTaxCategoryType0] = {
    "AE",
    "E",
    "G",
    "K",
    "L",
    "M",
    "O",
    "S",
    "Z",
}


def check_line_in_tax_category_type_0(value: str) -> LineInTaxCategoryType0:
    if value in LINE_IN_TAX_CATEGORY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LINE_IN_TAX_CATEGORY_TYPE_0_VALUES!r}")
