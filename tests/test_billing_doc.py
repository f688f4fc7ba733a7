"""docs/billing.md's worked examples hold: each is run through kernel.pricing or kernel.calendar.

The page's format: a fenced block tagged `pricing-example`, `calendar-example` or
`periods-example` holds the input as JSON; the markdown table right after it holds the
expected results, one row each:
- pricing-example: {"currency", "price": Stripe-shaped price}; columns Quantity and Amount
  (the amount as shown, with the currency's places), and Packages when the price has a
  `transform_quantity`.
- calendar-example: {"anchor", "interval", "interval_count"}; columns n and Boundary.
- periods-example: the same plus "after" and "until"; columns Start and End (all periods).
Times in tables are UTC, `YYYY-MM-DD HH:MM`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import takewhile
from pathlib import Path
from typing import Any

import pytest

from remit.kernel.calendar import boundary, periods_between
from remit.kernel.pricing import Price, Tier, Transform, amount, breakdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "billing.md"
KINDS = ("pricing-example", "calendar-example", "periods-example")
EXAMPLE = re.compile(r"^```(?P<kind>[\w-]+)\n(?P<body>.*?)^```\n(?P<after>.*?)(?=^```|^#|\Z)",
                     re.DOTALL | re.MULTILINE)  # fmt: skip


@dataclass(frozen=True)
class Example:
    kind: str
    line: int
    given: dict[str, Any]
    rows: list[dict[str, str]]

    def __str__(self) -> str:
        return f"{self.kind}@line{self.line}"


def table(text: str) -> list[dict[str, str]]:
    """The rows of the table that opens `text`, keyed by header (backticks dropped)."""
    lines = list(takewhile(lambda line: line.startswith("|"), text.strip().splitlines()))
    cells = [[c.strip().strip("`") for c in line.strip("|").split("|")] for line in lines]
    if len(cells) < 3:
        return []
    header, body = cells[0], cells[2:]  # cells[1] is the |---| separator
    return [dict(zip(header, row, strict=True)) for row in body]


def examples(text: str) -> list[Example]:
    found = []
    for match in EXAMPLE.finditer(text):
        if match["kind"] in KINDS:
            line = text.count("\n", 0, match.start()) + 1
            given = json.loads(match["body"], parse_float=Decimal)
            found.append(Example(match["kind"], line, given, table(match["after"])))
    return found


def price_from_json(data: dict[str, Any]) -> Price:
    """A Stripe-shaped price (amounts as decimal strings) as a kernel `Price`."""
    unit = data.get("unit_amount")
    transform = data.get("transform_quantity")
    tiers = tuple(
        Tier(t["up_to"], Decimal(t.get("unit_amount", "0")), Decimal(t.get("flat_amount", "0")))
        for t in data.get("tiers", [])
    )
    return Price(
        data["billing_scheme"],
        None if unit is None else Decimal(unit),
        data.get("tiers_mode"),
        tiers,
        None if transform is None else Transform(transform["divide_by"], transform["round"]),
    )


def moment(text: str) -> datetime:
    """`2024-02-29T09:00:00Z` (JSON) or `2024-02-29 09:00` (a table, UTC)."""
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


TEXT = PAGE.read_text()
EXAMPLES = examples(TEXT)


def of_kind(kind: str) -> list[Example]:
    return [example for example in EXAMPLES if example.kind == kind]


class TestPage:
    def test_the_page_has_its_title_and_sections(self) -> None:
        assert TEXT.startswith("# Subscription billing\n")
        headings = re.findall(r"^## (.+)$", TEXT, re.MULTILINE)
        assert headings[:2] == ["Pricing models", "Billing periods"]

    def test_every_example_block_has_a_table_of_results(self) -> None:
        assert len(EXAMPLES) == TEXT.count("```pricing-example") + TEXT.count(
            "```calendar-example"
        ) + TEXT.count("```periods-example")
        assert all(example.rows for example in EXAMPLES), [str(e) for e in EXAMPLES if not e.rows]

    def test_every_pricing_model_has_a_worked_example(self) -> None:
        prices = [price_from_json(example.given["price"]) for example in of_kind("pricing-example")]
        models = {
            "package" if p.transform_quantity else (p.tiers_mode or p.billing_scheme)
            for p in prices
        }
        assert models == {"per_unit", "package", "graduated", "volume"}

    def test_the_month_end_examples_are_there(self) -> None:
        anchors = {example.given["anchor"][:10] for example in of_kind("calendar-example")}
        assert {"2023-01-31", "2024-01-31", "2024-02-29"} <= anchors


class TestPricingExamples:
    @pytest.mark.parametrize("example", of_kind("pricing-example"), ids=str)
    def test_amounts_match_kernel_pricing(self, example: Example) -> None:
        price, currency = price_from_json(example.given["price"]), example.given["currency"]
        for row in example.rows:
            quantity = Decimal(row["Quantity"])
            assert str(amount(price, quantity, currency)) == row["Amount"], row

    @pytest.mark.parametrize(
        "example", [e for e in of_kind("pricing-example") if "Packages" in e.rows[0]], ids=str
    )
    def test_packages_match_the_breakdown(self, example: Example) -> None:
        price, currency = price_from_json(example.given["price"]), example.given["currency"]
        for row in example.rows:
            [line] = breakdown(price, Decimal(row["Quantity"]), currency)
            assert line.quantity == Decimal(row["Packages"]), row


class TestCalendarExamples:
    @pytest.mark.parametrize("example", of_kind("calendar-example"), ids=str)
    def test_boundaries_match_kernel_calendar(self, example: Example) -> None:
        given = example.given
        anchor, interval, count = (
            moment(given["anchor"]),
            given["interval"],
            given["interval_count"],
        )
        for row in example.rows:
            assert boundary(anchor, interval, count, int(row["n"])) == moment(row["Boundary"]), row

    @pytest.mark.parametrize("example", of_kind("periods-example"), ids=str)
    def test_catch_up_periods_match_kernel_calendar(self, example: Example) -> None:
        given = example.given
        found = periods_between(
            moment(given["anchor"]),
            given["interval"],
            given["interval_count"],
            moment(given["after"]),
            moment(given["until"]),
        )
        assert found == [(moment(row["Start"]), moment(row["End"])) for row in example.rows]
