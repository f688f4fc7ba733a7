"""Invoice number templates (SPEC §3.3), pure: validation and formatting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.numbering import templates as numbering
from remit.numbering.templates import InvalidTemplate, format_number, validate_template

MOMENT = datetime(2026, 3, 7, 23, 59, 59, tzinfo=UTC)


class TestFormatNumber:
    def test_default_template_gives_hash_and_four_digits(self) -> None:
        assert numbering.DEFAULT_TEMPLATE == "#{seq:04}"
        assert format_number(numbering.DEFAULT_TEMPLATE, 1, MOMENT) == "#0001"
        assert format_number(numbering.DEFAULT_TEMPLATE, 42, MOMENT) == "#0042"

    def test_a_longer_sequence_than_the_padding_just_grows(self) -> None:
        assert format_number("#{seq:04}", 12345, MOMENT) == "#12345"
        assert format_number("{seq}", 7, MOMENT) == "7"

    def test_date_placeholders_use_the_finalization_date(self) -> None:
        assert format_number("INV-{yyyy}-{seq:06}", 3, MOMENT) == "INV-2026-000003"
        assert format_number("{yy}{mm}{dd}/{seq}", 12, MOMENT) == "260307/12"

    def test_prefix_is_the_customers_invoice_prefix(self) -> None:
        assert format_number(numbering.DEFAULT_CUSTOMER_TEMPLATE, 9, MOMENT, "ACME") == "ACME-0009"

    def test_literal_text_is_kept(self) -> None:
        assert format_number("Rechnung Nr. {seq:03} ✓", 5, MOMENT) == "Rechnung Nr. 005 ✓"

    @given(st.integers(1, 10**15), st.integers(0, 20))
    def test_sequence_is_padded_and_readable_back(self, seq: int, width: int) -> None:
        number = format_number(f"X-{{seq:{width:02d}}}", seq, MOMENT)
        digits = number.removeprefix("X-")
        assert int(digits) == seq
        assert len(digits) == max(width, len(str(seq)))

    @given(st.integers(1, 10**15), st.integers(1, 10**15))
    def test_distinct_sequences_give_distinct_numbers(self, a: int, b: int) -> None:
        for template in ("#{seq:04}", "INV-{yyyy}-{seq:06}", "{prefix}-{seq:04}"):
            first = format_number(template, a, MOMENT, "ACME")
            second = format_number(template, b, MOMENT, "ACME")
            assert (first == second) == (a == b)


class TestValidateTemplate:
    @pytest.mark.parametrize(
        "template", ["#{seq:04}", "INV-{yyyy}-{seq:06}", "{seq}", "{yy}{mm}{dd}-{seq:2}"]
    )
    def test_accepts_templates_with_one_sequence(self, template: str) -> None:
        assert validate_template(template, "account") == template

    def test_per_customer_needs_the_prefix(self) -> None:
        assert validate_template("{prefix}-{seq:04}", "customer") == "{prefix}-{seq:04}"
        with pytest.raises(InvalidTemplate, match="prefix"):
            validate_template("#{seq:04}", "customer")

    @pytest.mark.parametrize("template", ["{prefix}{seq}", "{prefix}{seq:04}"])
    def test_per_customer_refuses_a_prefix_that_runs_into_the_sequence(self, template: str) -> None:
        # Prefixes are [A-Z0-9]{3,12}: with digits straight after them, AB1 + 23 and
        # AB12 + 3 would give the same number to two customers.
        assert format_number(template, 23456, MOMENT, "AB1") == format_number(
            template, 3456, MOMENT, "AB12"
        ) or format_number(template, 23, MOMENT, "AB1") == format_number(
            template, 3, MOMENT, "AB12"
        )
        with pytest.raises(InvalidTemplate):
            validate_template(template, "customer")

    @pytest.mark.parametrize(
        ("template", "why"),
        [
            ("INV-0001", "seq"),  # no sequence: every number would be the same
            ("{seq}-{seq}", "seq"),
            ("{year}-{seq}", "unknown"),
            ("{SEQ}", "brace"),
            ("#{seq:04", "brace"),
            ("#seq:04}", "brace"),
            ("{{seq}}", "brace"),
            ("", "1–64"),
            ("{seq}" + "x" * 60, "1–64"),
        ],
    )
    def test_refuses_broken_templates(self, template: str, why: str) -> None:
        with pytest.raises(InvalidTemplate, match=why):
            validate_template(template, "account")

    @pytest.mark.parametrize("template", ["#{seq:99}x", "{seq:60}" + "x" * 50, "{prefix}{seq:90}"])
    def test_refuses_templates_whose_numbers_cannot_be_stored(self, template: str) -> None:
        # Numbers are stored in a column of MAX_NUMBER_LENGTH (100) characters: a template
        # whose first number is already longer can never finalize an invoice.
        assert len(format_number(template, 1, MOMENT, "A" * 12)) > numbering.MAX_NUMBER_LENGTH
        with pytest.raises(InvalidTemplate):
            validate_template(template, "account")
