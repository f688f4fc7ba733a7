from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EInvoicing")


@_attrs_define
class EInvoicing:
    """E-invoicing settings (docs/einvoicing.md).

    Attributes:
        embed_facturx (bool | None | Unset): Embed the CII e-invoice in invoice PDFs as Factur-X (default true).
    """

    embed_facturx: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        embed_facturx: bool | None | Unset
        if isinstance(self.embed_facturx, Unset):
            embed_facturx = UNSET
        else:
            embed_facturx = self.embed_facturx

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if embed_facturx is not UNSET:
            field_dict["embed_facturx"] = embed_facturx

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_embed_facturx(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        embed_facturx = _parse_embed_facturx(d.pop("embed_facturx", UNSET))

        e_invoicing = cls(
            embed_facturx=embed_facturx,
        )

        return e_invoicing
