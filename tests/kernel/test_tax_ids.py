"""Tax ids (kernel.tax_ids), pure: each type checked by python-stdnum and kept compact, every
refusal a typed error saying why, and the API's shapes of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from remit.kernel import tax_ids
from remit.kernel.tax_ids import InvalidTaxId, TaxIds, UnknownTaxIdType

DOCS = Path(__file__).resolve().parents[2] / "docs" / "einvoicing.md"

# Real, valid numbers (companies' published ids and python-stdnum's own examples).
VALID = [
    ("eu_vat", "DE136695976", "DE136695976"),
    ("eu_vat", "de 136 695 976", "DE136695976"),
    ("eu_vat", "FR 61 954 506 077", "FR61954506077"),
    ("eu_vat", "BE697449992", "BE0697449992"),  # the old nine-digit form gains its zero
    ("eu_vat", "XI980780684", "XI980780684"),  # Northern Ireland trades under EU VAT rules
    ("eu_vat", "EL094259216", "EL094259216"),
    ("gb_vat", "GB980780684", "GB980780684"),
    ("gb_vat", "980 7806 84", "GB980780684"),  # Stripe's shape keeps the prefix
    ("ch_vat", "CHE-107.787.577 IVA", "CHE107787577IVA"),
    ("no_vat", "NO 995 525 828 MVA", "995525828MVA"),
    ("de_stn", "181/815/08155", "18181508155"),
    ("us_ein", "91-1144442", "911144442"),
    ("au_abn", "83 914 571 673", "83914571673"),
    ("ca_bn", "12302 6635", "123026635"),
    ("in_gst", "27AAPFU0939F1ZV", "27AAPFU0939F1ZV"),
    ("mk_vat", "4030000375897", "MK4030000375897"),
    ("br_cnpj", "16.727.230/0001-97", "16727230000197"),
    ("pl_nip", "PL 8567346215", "8567346215"),
]

INVALID = [
    ("eu_vat", "DE136695977", "invalid_checksum", "check digit"),
    ("eu_vat", "136695976", "invalid_component", "EU country code"),
    ("eu_vat", "GB980780684", "invalid_component", "EU country code"),  # UK: gb_vat
    ("gb_vat", "GB980780685", "invalid_checksum", "check digit"),
    ("gb_vat", "GB98078068", "invalid_length", "too few or too many"),
    ("ch_vat", "CHE-107.787.578 IVA", "invalid_checksum", "check digit"),
    ("no_vat", "995525829MVA", "invalid_checksum", "check digit"),
    ("au_abn", "83 914 571 674", "invalid_checksum", "check digit"),
    ("us_ein", "07-1144442", "invalid_component", "is unknown"),
    ("in_gst", "27AAPFU0939F1ZW", "invalid_checksum", "check digit"),
    ("de_stn", "12", "invalid_length", "too few or too many"),
]


class TestValidate:
    @pytest.mark.parametrize(("kind", "given", "compact"), VALID)
    def test_valid_ids_come_back_compact(self, kind: str, given: str, compact: str) -> None:
        assert tax_ids.validate(kind, given) == compact

    @pytest.mark.parametrize(("kind", "given", "reason", "words"), INVALID)
    def test_invalid_ids_are_refused_saying_why(
        self, kind: str, given: str, reason: str, words: str
    ) -> None:
        with pytest.raises(InvalidTaxId) as refused:
            tax_ids.validate(kind, given)
        assert (refused.value.kind, refused.value.reason) == (kind, reason)
        assert str(refused.value).startswith(f"is not a valid {kind} (")
        assert words in str(refused.value)

    @pytest.mark.parametrize("kind", ["vat", "EU_VAT", tax_ids.UNKNOWN, ""])
    def test_an_unknown_type_is_refused(self, kind: str) -> None:
        with pytest.raises(UnknownTaxIdType):
            tax_ids.validate(kind, "DE136695976")

    @pytest.mark.parametrize("kind", sorted(tax_ids.TYPES))
    def test_every_type_has_its_checker(self, kind: str) -> None:
        assert callable(tax_ids._checker(tax_ids.TYPES[kind].module).validate)

    @given(kind=st.sampled_from(sorted(tax_ids.TYPES)), value=st.text(max_size=64))
    def test_any_text_is_an_id_or_a_typed_refusal(self, kind: str, value: str) -> None:
        try:
            compact = tax_ids.validate(kind, value)
        except InvalidTaxId:
            return
        assert compact == tax_ids.validate(kind, compact)  # the compact form is itself valid

    def test_stripes_names(self) -> None:
        assert {"eu_vat", "gb_vat", "ch_vat", "no_vat", "de_stn", "us_ein", "au_abn", "ca_bn",
                "in_gst"} <= tax_ids.TYPES.keys()  # fmt: skip
        assert all(re.fullmatch(r"[a-z]{2}_[a-z]+", kind) for kind in tax_ids.TYPES)

    def test_the_docs_list_every_type_with_a_valid_compact_example(self) -> None:
        table = re.compile(r"^\| `([a-z]{2}_[a-z]+)` \|.*\| `([^`]+)` \|$", re.MULTILINE)
        rows = table.findall(DOCS.read_text(encoding="utf-8"))
        assert [kind for kind, _ in rows] == sorted(tax_ids.TYPES)
        assert [tax_ids.validate(kind, example) for kind, example in rows] == [
            example for _, example in rows
        ]


class TestUntyped:
    def test_a_bare_id_is_shown_last_as_unknown(self) -> None:
        typed = [{"type": "eu_vat", "value": "DE136695976"}]
        assert tax_ids.untyped("CHE-123", typed) == [
            *typed,
            {"type": "unknown", "value": "CHE-123"},
        ]

    def test_none_or_empty_adds_nothing(self) -> None:
        assert tax_ids.untyped(None, []) == []
        assert tax_ids.untyped("", []) == []

    def test_a_bare_id_that_is_also_typed_is_shown_once(self) -> None:
        typed = [{"type": "eu_vat", "value": "DE136695976"}]
        assert tax_ids.untyped("DE136695976", typed) == typed


class Body(BaseModel):
    tax_ids: TaxIds


def errors(ids: object) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(ValidationError) as refused:
        Body.model_validate({"tax_ids": ids})
    return [(error["loc"], error["type"]) for error in refused.value.errors()]


class TestTaxIdIn:
    def test_values_are_kept_compact(self) -> None:
        body = Body.model_validate({"tax_ids": [{"type": "gb_vat", "value": "980 7806 84"}]})
        assert tax_ids.stored(body.tax_ids) == [{"type": "gb_vat", "value": "GB980780684"}]

    def test_each_refusal_names_its_item(self) -> None:
        ids = [
            {"type": "eu_vat", "value": "DE136695976"},
            {"type": "eu_vat", "value": "DE136695977"},
            {"type": "de_vat", "value": "DE136695976"},
            {"type": "us_ein"},
        ]
        assert errors(ids) == [
            (("tax_ids", 1, "value"), "tax_id_invalid"),
            (("tax_ids", 2, "type"), "invalid_choice"),  # the value of an unknown type: unjudged
            (("tax_ids", 3, "value"), "missing"),
        ]

    def test_unknown_is_not_a_type_one_may_give(self) -> None:
        assert errors([{"type": "unknown", "value": "X"}]) == [
            (("tax_ids", 0, "type"), "invalid_choice")
        ]

    def test_the_same_id_twice_is_refused(self) -> None:
        ids = [{"type": "gb_vat", "value": "GB980780684"}, {"type": "gb_vat", "value": "980780684"}]
        assert errors(ids) == [(("tax_ids",), "duplicate")]

    def test_at_most_25(self) -> None:
        ids = [{"type": "us_ein", "value": f"91-11444{n:02}"} for n in range(26)]
        assert errors(ids)[0] == (("tax_ids",), "too_long")

    def test_empty_or_overlong_values_and_other_fields_are_refused(self) -> None:
        assert errors([{"type": "us_ein", "value": ""}, {"type": "us_ein", "value": "9" * 65},
                       {"type": "us_ein", "value": "91-1144442", "country": "US"}]) == [
            (("tax_ids", 0, "value"), "string_too_short"),
            (("tax_ids", 1, "value"), "string_too_long"),
            (("tax_ids", 2, "country"), "extra_forbidden"),
        ]  # fmt: skip
