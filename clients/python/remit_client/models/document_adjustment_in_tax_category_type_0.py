from typing import Literal

DocumentAdjustmentInTaxCategoryType0 = Literal["AE", "E", "G", "K", "L", "M", "O", "S", "Z"]

DOCUMENT_ADJUSTMENT_IN_TAX_CATEGORY_TYPE_0_VALUES: set[DocumentAdjustmentInTaxCategoryType0] = {
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


def check_document_adjustment_in_tax_category_type_0(value: str) -> DocumentAdjustmentInTaxCategoryType0:
    if value in DOCUMENT_ADJUSTMENT_IN_TAX_CATEGORY_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DOCUMENT_ADJUSTMENT_IN_TAX_CATEGORY_TYPE_0_VALUES!r}"
    )
