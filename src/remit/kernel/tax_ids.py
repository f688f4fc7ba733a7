"""Tax ids — VAT numbers, EINs, ABNs, … — typed by Stripe's names (`eu_vat`, `gb_vat`, …)
and checked by python-stdnum's rules for each: lengths, formats, check digits.

`validate(type, value)` answers the id in its compact form (no spaces, dots or dashes; the
form registers and EN 16931's identifiers use) or raises `InvalidTaxId` saying why. An id
remit cannot type (a customer's legacy `tax_id` string) is shown with the type `unknown`.
The request and response shapes (`TaxIdIn`, `TaxIdOut`) are at the end (docs/einvoicing.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

from remit.kernel.fields import InputModel

UNKNOWN = "unknown"  # the type of an id given as a bare string, never checked
MAX_LENGTH = 64  # characters of a value as given (spaces and punctuation included)
MAX_IDS = 25  # per account or customer, as Stripe allows per customer


@dataclass(frozen=True)
class TaxIdType:
    description: str
    module: str  # python-stdnum's module for the id, under `stdnum.`
    # Kept in front of stdnum's compact form, which drops it: Stripe's shape (GB123456789).
    prefix: str = ""


# Stripe's types that python-stdnum checks as Stripe means them; the others Stripe lists (au_arn,
# ca_gst_hst, ch_uid with its "HR" suffix, eu_oss_vat, …) are not accepted until a rule for
# them is. docs/einvoicing.md lists these (a test keeps the two in step).
TYPES: dict[str, TaxIdType] = {
    "ad_nrt": TaxIdType("Andorran NRT number", "ad.nrt"),
    "al_tin": TaxIdType("Albanian tax identification number (NIPT)", "al.nipt"),
    "ar_cuit": TaxIdType("Argentinian tax id (CUIT)", "ar.cuit"),
    "au_abn": TaxIdType("Australian Business Number", "au.abn"),
    "au_acn": TaxIdType("Australian Company Number", "au.acn"),
    "az_tin": TaxIdType("Azerbaijani tax id (VÖEN)", "az.voen"),
    "br_cnpj": TaxIdType("Brazilian CNPJ number", "br.cnpj"),
    "br_cpf": TaxIdType("Brazilian CPF number", "br.cpf"),
    "by_tin": TaxIdType("Belarusian tax id (UNP)", "by.unp"),
    "ca_bn": TaxIdType("Canadian Business Number", "ca.bn"),
    "ch_vat": TaxIdType("Swiss VAT number (MWST/TVA/IVA)", "ch.vat"),
    "cl_tin": TaxIdType("Chilean tax id (RUT)", "cl.rut"),
    "cn_tin": TaxIdType("Chinese unified social credit code", "cn.uscc"),
    "co_nit": TaxIdType("Colombian NIT number", "co.nit"),
    "cz_dic": TaxIdType("Czech tax id (DIČ)", "cz.dic"),
    "de_stn": TaxIdType("German tax number (Steuernummer)", "de.stnr"),
    "ec_ruc": TaxIdType("Ecuadorian RUC number", "ec.ruc"),
    "eg_tin": TaxIdType("Egyptian tax registration number", "eg.tn"),
    "es_cif": TaxIdType("Spanish company tax id (CIF)", "es.cif"),
    "eu_vat": TaxIdType("European VAT number", "eu.vat"),
    "fr_siren": TaxIdType("French SIREN number", "fr.siren"),
    "fr_siret": TaxIdType("French SIRET number", "fr.siret"),
    "gb_vat": TaxIdType("United Kingdom VAT number", "gb.vat", prefix="GB"),
    "hr_oib": TaxIdType("Croatian OIB number", "hr.oib"),
    "id_npwp": TaxIdType("Indonesian NPWP number", "id.npwp"),
    "in_gst": TaxIdType("Indian GST number (GSTIN)", "in_.gstin"),
    "is_kt": TaxIdType("Icelandic identity number (kennitala)", "is_.kennitala"),
    "is_vat": TaxIdType("Icelandic VAT number (VSK)", "is_.vsk"),
    "jp_cn": TaxIdType("Japanese corporate number", "jp.cn"),
    "ke_pin": TaxIdType("Kenyan KRA PIN", "ke.pin"),
    "kr_brn": TaxIdType("Korean business registration number", "kr.brn"),
    "me_pib": TaxIdType("Montenegrin tax id (PIB)", "me.pib"),
    "mk_vat": TaxIdType("North Macedonian tax number (EDB)", "mk.edb", prefix="MK"),
    "mx_rfc": TaxIdType("Mexican RFC number", "mx.rfc"),
    "no_vat": TaxIdType("Norwegian VAT number (MVA)", "no.mva"),
    "nz_gst": TaxIdType("New Zealand GST number (IRD)", "nz.ird"),
    "pe_ruc": TaxIdType("Peruvian RUC number", "pe.ruc"),
    "pl_nip": TaxIdType("Polish NIP number", "pl.nip"),
    "pt_nif": TaxIdType("Portuguese tax number (NIF)", "pt.nif"),
    "rs_pib": TaxIdType("Serbian tax id (PIB)", "rs.pib"),
    "ru_inn": TaxIdType("Russian INN", "ru.inn"),
    "sg_uen": TaxIdType("Singaporean UEN", "sg.uen"),
    "si_tin": TaxIdType("Slovenian tax number (davčna številka)", "si.ddv"),
    "sv_nit": TaxIdType("Salvadoran NIT number", "sv.nit"),
    "th_vat": TaxIdType("Thai tax id", "th.tin"),
    "tr_tin": TaxIdType("Turkish tax id (VKN)", "tr.vkn"),
    "tw_vat": TaxIdType("Taiwanese VAT number (UBN)", "tw.ubn"),
    "us_ein": TaxIdType("United States EIN", "us.ein"),
    "uy_ruc": TaxIdType("Uruguayan RUC number", "uy.rut"),
    "ve_rif": TaxIdType("Venezuelan RIF number", "ve.rif"),
    "vn_tin": TaxIdType("Vietnamese tax id (MST)", "vn.mst"),
}

# What stdnum's refusals mean, said to whoever typed the id.
# The types that are VAT identifiers (EN 16931 BT-31, BT-48; "VAT ID" on an invoice), each
# with the country prefix its stored value lacks (BR-CO-09 wants one); every other type is
# another tax registration (BT-32).
VAT_IDENTIFIERS: dict[str, str] = {"eu_vat": "", "gb_vat": "", "ch_vat": "", "no_vat": "NO",
                                   "mk_vat": "", "is_vat": "IS"}  # fmt: skip


def is_vat_identifier(kind: str) -> bool:
    return kind in VAT_IDENTIFIERS


_REASONS: dict[type[ValidationError], tuple[str, str]] = {
    InvalidChecksum: ("invalid_checksum", "its check digit is wrong"),
    InvalidLength: ("invalid_length", "it has too few or too many characters"),
    InvalidFormat: ("invalid_format", "it has characters or a layout this type never has"),
    InvalidComponent: ("invalid_component", "a part of it (a country or region code) is unknown"),
}
# stdnum's eu.vat answers InvalidComponent for a missing or non-EU country code.
_EU_PREFIX = (
    "it must start with its EU country code (DE, FR, …; EL for Greece, XI for Northern Ireland)"
)


class UnknownTaxIdType(ValueError):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"unknown tax id type {kind[:32]!r}")


class InvalidTaxId(ValueError):
    """`value` is not an id of `kind`; `reason` is stdnum's refusal as a stable word
    (`invalid_checksum`, `invalid_length`, `invalid_format`, `invalid_component`)."""

    def __init__(self, kind: str, reason: str, explanation: str) -> None:
        self.kind, self.reason = kind, reason
        super().__init__(f"is not a valid {kind} ({TYPES[kind].description}): {explanation}")


@cache
def _checker(module: str) -> Any:
    """stdnum's module, imported on first use (all of them take a third of a second)."""
    return import_module(f"stdnum.{module}")


def validate(kind: str, value: str) -> str:
    """The id in its compact form (`DE 136 695 976` → `DE136695976`), or `InvalidTaxId`."""
    spec = TYPES.get(kind)
    if spec is None:
        raise UnknownTaxIdType(kind)
    try:
        compact = str(_checker(spec.module).validate(value))
    except ValidationError as exc:
        raise _refusal(kind, exc) from None
    return compact if compact.startswith(spec.prefix) else spec.prefix + compact


def _refusal(kind: str, exc: ValidationError) -> InvalidTaxId:
    # The most specific first: stdnum's InvalidLength is an InvalidFormat.
    reason, explanation = next(
        (_REASONS[cls] for cls in type(exc).__mro__ if cls in _REASONS),
        ("invalid", "it is not one"),
    )
    if kind == "eu_vat" and reason == "invalid_component":
        explanation = _EU_PREFIX
    return InvalidTaxId(kind, reason, explanation)


def untyped(value: str | None, typed: list[dict[str, str]]) -> list[dict[str, str]]:
    """`typed`, then `value` as an `unknown` id when set and not already one of them."""
    if not value or any(item["value"] == value for item in typed):
        return list(typed)
    return [*typed, {"type": UNKNOWN, "value": value}]


# — as the API takes and shows them —


class TaxIdIn(InputModel):
    type: str = Field(
        description="Stripe's name for the kind of id (docs/einvoicing.md).",
        json_schema_extra={"enum": [name for name in sorted(TYPES)]},  # JSON values, to mypy
    )
    value: Annotated[str, Field(min_length=1, max_length=MAX_LENGTH)] = Field(
        description="As written (spaces, dots, dashes allowed); kept in its compact form."
    )

    @field_validator("type")
    @classmethod
    def _known(cls, kind: str) -> str:
        if kind not in TYPES:
            raise PydanticCustomError(
                "invalid_choice", "is not a supported tax id type (docs/einvoicing.md lists them)"
            )
        return kind

    @field_validator("value")
    @classmethod
    def _valid(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("type")
        if kind is None:  # its type was refused: that is the error to report
            return value
        try:
            return validate(kind, value)
        except InvalidTaxId as exc:
            raise PydanticCustomError("tax_id_invalid", str(exc)) from None


def _distinct(ids: list[TaxIdIn]) -> list[TaxIdIn]:
    seen: set[tuple[str, str]] = set()
    for item in ids:
        if (item.type, item.value) in seen:
            raise PydanticCustomError(
                "duplicate", "lists {kind} {value} twice", {"kind": item.type, "value": item.value}
            )
        seen.add((item.type, item.value))
    return ids


TaxIds = Annotated[list[TaxIdIn], Field(max_length=MAX_IDS), AfterValidator(_distinct)]


class TaxIdOut(BaseModel):
    type: str
    value: str


def stored(ids: list[TaxIdIn] | None) -> list[dict[str, str]]:
    """How a list sent is kept (`null` keeps none)."""
    return [item.model_dump() for item in ids or []]
