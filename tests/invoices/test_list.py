"""`GET /v1/invoices` (SPEC §4): filters and cursor pagination semantics.

(The 100 000-invoice performance test lives elsewhere; this file proves what lists return.)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.support import TenantApi, expect, problem


async def ids(api: TenantApi, **params: Any) -> list[str]:
    listed = expect(await api.get("/v1/invoices", params={"limit": 100, **params}), 200)
    return [invoice["id"] for invoice in listed["data"]]


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def stamp(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


class TestListShape:
    async def test_envelope_and_newest_first(self, api: TenantApi) -> None:
        made = [await api.invoice() for _ in range(3)]
        listed = expect(await api.get("/v1/invoices"), 200)
        assert listed["object"] == "list"
        assert (listed["has_more"], listed["next_cursor"]) == (False, None)
        assert [i["id"] for i in listed["data"]] == [i["id"] for i in reversed(made)]
        assert listed["data"][0] == made[-1]  # full invoices, lines included

    async def test_empty_account_lists_nothing(self, api: TenantApi) -> None:
        listed = expect(await api.get("/v1/invoices"), 200)
        assert (listed["data"], listed["has_more"], listed["next_cursor"]) == ([], False, None)

    async def test_other_accounts_invoices_are_never_listed(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        mine = await api.invoice()
        theirs = await other_api.invoice()
        assert await ids(api) == [mine["id"]]
        assert await ids(api, customer=theirs["customer"]) == []
        assert await ids(other_api) == [theirs["id"]]

    async def test_a_key_without_invoices_read_is_403(self, api: TenantApi) -> None:
        reader = await api.with_scopes("customers:read")
        problem(await reader.get("/v1/invoices"), 403, "insufficient_scope")

    async def test_an_invoices_write_key_may_read(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        writer = await api.with_scopes("invoices:write")
        listed = expect(await writer.get("/v1/invoices"), 200)
        assert [i["id"] for i in listed["data"]] == [invoice["id"]]


class TestListFilters:
    async def test_status_filter_is_repeatable(self, api: TenantApi) -> None:
        drafted = await api.invoice()
        opened = await api.open_invoice()
        voided = await api.open_invoice()
        expect(await api.post(f"/v1/invoices/{voided['id']}/void"), 200)
        assert await ids(api, status="draft") == [drafted["id"]]
        assert await ids(api, status="void") == [voided["id"]]
        assert await ids(api, status=["draft", "open"]) == [opened["id"], drafted["id"]]
        assert await ids(api, status="paid") == []

    async def test_collection_method_and_product_filters(self, api: TenantApi) -> None:
        product = expect(await api.post("/v1/products", {"name": "Course"}), 201)
        plan = expect(await api.post("/v1/plans", {"product": product["id"], "amount": "5.00",
                                                    "interval": "none"}), 201)  # fmt: skip
        planned = await api.invoice(plan=plan["id"], collection_method="send_invoice")
        await api.invoice(collection_method="charge_automatically")
        assert await ids(api, product=product["id"]) == [planned["id"]]
        assert await ids(api, collection_method="send_invoice") == [planned["id"]]
        assert await ids(api, product="prod_" + "0" * 26) == []
        body = problem(await api.get("/v1/invoices", params={"collection_method": "cash"}),
                       400, "validation_error")  # fmt: skip
        assert [e["param"] for e in body["errors"]] == ["collection_method"]

    async def test_unknown_status_is_400(self, api: TenantApi) -> None:
        body = problem(
            await api.get("/v1/invoices", params={"status": ["open", "bogus"]}),
            400,
            "validation_error",
        )
        assert [e["param"] for e in body["errors"]] == ["status"]

    async def test_customer_filter(self, api: TenantApi) -> None:
        first = await api.customer(email="one@example.com")
        second = await api.customer(email="two@example.com")
        a = await api.invoice(customer=first["id"])
        await api.invoice(customer=second["id"])
        c = await api.invoice(customer=first["id"])
        assert await ids(api, customer=first["id"]) == [c["id"], a["id"]]
        assert await ids(api, customer="cus_" + "0" * 26) == []

    async def test_currency_filter_is_case_insensitive(self, api: TenantApi) -> None:
        euro = await api.invoice(currency="EUR")
        await api.invoice(currency="USD")
        assert await ids(api, currency="EUR") == [euro["id"]]
        assert await ids(api, currency="eur") == [euro["id"]]

    async def test_unknown_currency_filter_is_400(self, api: TenantApi) -> None:
        problem(await api.get("/v1/invoices", params={"currency": "XYZ"}), 400, "validation_error")

    async def test_number_filter(self, api: TenantApi) -> None:
        await api.open_invoice()
        second = await api.open_invoice()
        assert await ids(api, number="#0002") == [second["id"]]
        assert await ids(api, number="#0003") == []

    async def test_subscription_filter(self, api: TenantApi) -> None:
        customer = await api.customer()
        product = expect(await api.post("/v1/products", {"name": "Pro"}), 201)
        plan = expect(
            await api.post("/v1/plans", {"product": product["id"], "amount": "10.00"}), 201
        )
        subscription = expect(
            await api.post("/v1/subscriptions", {"customer": customer["id"], "plan": plan["id"]}),
            201,
        )
        billed = await api.invoice(customer=customer["id"], subscription=subscription["id"])
        await api.invoice(customer=customer["id"])
        assert await ids(api, subscription=subscription["id"]) == [billed["id"]]

    async def test_filters_combine(self, api: TenantApi) -> None:
        customer = await api.customer()
        wanted = await api.open_invoice(customer=customer["id"], currency="EUR")
        await api.invoice(customer=customer["id"], currency="EUR")
        await api.open_invoice(customer=customer["id"])
        await api.open_invoice(currency="EUR")
        assert await ids(api, customer=customer["id"], currency="EUR", status="open") == [
            wanted["id"]
        ]


class TestCreatedFilter:
    async def test_bounds_are_inclusive_or_exclusive_as_named(self, api: TenantApi) -> None:
        made = [await api.invoice() for _ in range(3)]
        middle = made[1]
        at = middle["created_at"]
        listed_gte = await ids(api, **{"created[gte]": at})
        listed_gt = await ids(api, **{"created[gt]": at})
        listed_lte = await ids(api, **{"created[lte]": at})
        listed_lt = await ids(api, **{"created[lt]": at})
        assert middle["id"] in listed_gte and middle["id"] in listed_lte
        assert middle["id"] not in listed_gt and middle["id"] not in listed_lt
        for invoice in made:
            created = moment(invoice["created_at"])
            assert (invoice["id"] in listed_gte) == (created >= moment(at))
            assert (invoice["id"] in listed_gt) == (created > moment(at))
            assert (invoice["id"] in listed_lte) == (created <= moment(at))
            assert (invoice["id"] in listed_lt) == (created < moment(at))

    async def test_a_range_around_the_invoices(self, api: TenantApi) -> None:
        made = [await api.invoice() for _ in range(2)]
        start = moment(made[0]["created_at"]) - timedelta(seconds=1)
        end = moment(made[1]["created_at"]) + timedelta(seconds=1)
        params = {"created[gte]": stamp(start), "created[lte]": stamp(end)}
        assert await ids(api, **params) == [made[1]["id"], made[0]["id"]]
        later = {"created[gt]": stamp(end)}
        assert await ids(api, **later) == []
        earlier = {"created[lt]": stamp(start)}
        assert await ids(api, **earlier) == []

    async def test_offsets_are_honoured(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        created = moment(invoice["created_at"])
        as_berlin = created.astimezone(datetime.fromisoformat("2000-01-01T00:00+02:00").tzinfo)
        assert await ids(api, **{"created[gte]": stamp(as_berlin)}) == [invoice["id"]]
        assert await ids(api, **{"created[gt]": stamp(as_berlin)}) == []

    async def test_complementary_bounds_split_the_invoices_even_inside_a_millisecond(
        self, api: TenantApi
    ) -> None:
        made = {(await api.invoice())["id"] for _ in range(3)}
        created = moment(expect(await api.get(f"/v1/invoices/{min(made)}"), 200)["created_at"])
        for offset in (0, 1, 500, 999, 1000):
            bound = stamp(created + timedelta(microseconds=offset))
            gte, lt = (
                await ids(api, **{"created[gte]": bound}),
                await ids(api, **{"created[lt]": bound}),
            )
            gt, lte = (
                await ids(api, **{"created[gt]": bound}),
                await ids(api, **{"created[lte]": bound}),
            )
            assert set(gte) | set(lt) == made and not set(gte) & set(lt), offset
            assert set(gt) | set(lte) == made and not set(gt) & set(lte), offset
            assert set(gt) <= set(gte) and set(lt) <= set(lte), offset

    async def test_bad_timestamp_is_400(self, api: TenantApi) -> None:
        body = problem(
            await api.get("/v1/invoices", params={"created[gte]": "yesterday"}),
            400,
            "validation_error",
        )
        assert [e["param"] for e in body["errors"]] == ["created[gte]"]


class TestDueFilter:
    async def test_due_ranges(self, api: TenantApi) -> None:
        soon = await api.invoice(due_at="2030-01-10T12:00:00Z")
        later = await api.invoice(due_at="2030-02-10T12:00:00Z")
        await api.invoice()  # no due date: never in a due range
        assert await ids(api, **{"due_at[gte]": "2030-01-10T12:00:00Z"}) == [
            later["id"],
            soon["id"],
        ]
        assert await ids(api, **{"due_at[gt]": "2030-01-10T12:00:00Z"}) == [later["id"]]
        assert await ids(api, **{"due_at[lte]": "2030-01-10T12:00:00Z"}) == [soon["id"]]
        assert await ids(api, **{"due_at[lt]": "2030-01-10T12:00:00Z"}) == []
        assert await ids(
            api, **{"due_at[gt]": "2030-01-01T00:00:00Z", "due_at[lt]": "2030-02-01T00:00:00Z"}
        ) == [soon["id"]]

    async def test_due_range_with_an_offset(self, api: TenantApi) -> None:
        due = await api.invoice(due_at="2030-01-10T12:00:00Z")
        # 13:00 at +02:00 is 11:00 UTC, before the due date
        assert await ids(api, **{"due_at[gte]": "2030-01-10T13:00:00+02:00"}) == [due["id"]]
        assert await ids(api, **{"due_at[lte]": "2030-01-10T13:00:00+02:00"}) == []


class TestPagination:
    async def test_walking_forward_visits_every_invoice_once_in_order(self, api: TenantApi) -> None:
        made = [(await api.invoice())["id"] for _ in range(7)]
        seen: list[str] = []
        params: dict[str, Any] = {"limit": 3}
        pages = 0
        while True:
            listed = expect(await api.get("/v1/invoices", params=params), 200)
            pages += 1
            seen += [invoice["id"] for invoice in listed["data"]]
            if not listed["has_more"]:
                assert listed["next_cursor"] is None
                break
            assert listed["next_cursor"] == listed["data"][-1]["id"]
            params = {"limit": 3, "starting_after": listed["next_cursor"]}
        assert seen == list(reversed(made))
        assert pages == 3

    async def test_exact_multiple_of_the_limit_ends_without_more(self, api: TenantApi) -> None:
        made = [(await api.invoice())["id"] for _ in range(4)]
        first = expect(await api.get("/v1/invoices", params={"limit": 2}), 200)
        assert first["has_more"] is True
        second = expect(
            await api.get(
                "/v1/invoices", params={"limit": 2, "starting_after": first["next_cursor"]}
            ),
            200,
        )
        assert [i["id"] for i in second["data"]] == [made[1], made[0]]
        assert (second["has_more"], second["next_cursor"]) == (False, None)

    async def test_ending_before_gives_the_newer_neighbours_newest_first(
        self, api: TenantApi
    ) -> None:
        made = [(await api.invoice())["id"] for _ in range(6)]
        listed = expect(
            await api.get("/v1/invoices", params={"limit": 2, "ending_before": made[1]}), 200
        )
        assert [i["id"] for i in listed["data"]] == [made[3], made[2]]
        assert listed["has_more"] is True
        back = expect(
            await api.get(
                "/v1/invoices", params={"limit": 2, "ending_before": listed["next_cursor"]}
            ),
            200,
        )
        assert [i["id"] for i in back["data"]] == [made[5], made[4]]
        assert back["has_more"] is False

    async def test_pagination_respects_filters(self, api: TenantApi) -> None:
        opened = [(await api.open_invoice())["id"] for _ in range(3)]
        for _ in range(3):
            await api.invoice()
        first = expect(await api.get("/v1/invoices", params={"status": "open", "limit": 2}), 200)
        rest = expect(
            await api.get(
                "/v1/invoices",
                params={"status": "open", "limit": 2, "starting_after": first["next_cursor"]},
            ),
            200,
        )
        assert [i["id"] for i in first["data"] + rest["data"]] == list(reversed(opened))

    async def test_cursor_of_a_deleted_invoice_still_works(self, api: TenantApi) -> None:
        made = [(await api.invoice())["id"] for _ in range(3)]
        expect(await api.delete(f"/v1/invoices/{made[1]}"), 204)
        assert await ids(api, starting_after=made[1]) == [made[0]]

    async def test_another_accounts_cursor_leaks_nothing(
        self, api: TenantApi, other_api: TenantApi
    ) -> None:
        mine = [(await api.invoice())["id"] for _ in range(2)]
        theirs = (await other_api.invoice())["id"]
        assert await ids(api, starting_after=theirs) == list(reversed(mine))

    @pytest.mark.parametrize(
        ("params", "param"),
        [
            ({"limit": 0}, "limit"),
            ({"limit": 101}, "limit"),
            ({"limit": "ten"}, "limit"),
            ({"starting_after": "cus_" + "0" * 26}, "starting_after"),
            ({"ending_before": "not-an-id"}, "ending_before"),
            ({"starting_after": "inv_" + "0" * 26, "ending_before": "inv_" + "0" * 26},
             "ending_before"),
        ],
    )  # fmt: skip
    async def test_bad_parameters_are_400(
        self, api: TenantApi, params: dict[str, Any], param: str
    ) -> None:
        body = problem(await api.get("/v1/invoices", params=params), 400, "validation_error")
        assert param in [e["param"] for e in body["errors"]]

    async def test_limits_one_and_a_hundred_are_allowed(self, api: TenantApi) -> None:
        made = [(await api.invoice())["id"] for _ in range(2)]
        one = expect(await api.get("/v1/invoices", params={"limit": 1}), 200)
        assert ([i["id"] for i in one["data"]], one["has_more"]) == ([made[1]], True)
        hundred = expect(await api.get("/v1/invoices", params={"limit": 100}), 200)
        assert len(hundred["data"]) == 2

    async def test_default_limit_is_ten(self, api: TenantApi) -> None:
        for _ in range(11):
            await api.invoice(lines=[])
        listed = expect(await api.get("/v1/invoices"), 200)
        assert (len(listed["data"]), listed["has_more"]) == (10, True)
