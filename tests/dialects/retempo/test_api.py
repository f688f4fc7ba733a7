"""Retempo's API over remit, in process: the seed's error table word for word, the digest's
messages, the happy path to PAID, settlements and their confirmer, and the native view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.dialects.retempo.conftest import ROOT, Retempo, reference
from tests.support import TenantApi, expect


def error(response: Any, status: int) -> str:
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    body = response.json()
    assert list(body) == ["error"], body
    return body["error"]


class TestSeedErrorTable:
    """Every row of the seed page's error table (000), status and message exactly."""

    @pytest.mark.parametrize(
        ("missing", "message"),
        [
            ("serviceId", "serviceId is required."),
            ("paymentPlanId", "paymentPlanId is required."),
            ("userId", "userId is required."),
            ("amount", "amount is required."),
        ],
    )
    async def test_a_required_field_omitted(
        self, retempo: Retempo, missing: str, message: str
    ) -> None:
        body = {**(await retempo.context()), "amount": "49"}
        del body[missing]
        assert error(await retempo.post("/invoices", body), 400) == message

    async def test_status_paid_is_refused(self, retempo: Retempo) -> None:
        body = {**(await retempo.context()), "amount": "49", "status": "PAID"}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "Invoices cannot be created as PAID without a real payment event."
        )

    @pytest.mark.parametrize("status", ["SENT", "draft", 3])
    async def test_an_unknown_status(self, retempo: Retempo, status: Any) -> None:
        body = {**(await retempo.context()), "amount": "49", "status": status}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "status must be one of: DRAFT, OPEN, PAID, VOID, EXPIRED."
        )

    async def test_a_plan_of_another_service(self, retempo: Retempo) -> None:
        body = {**(await retempo.context()), "amount": "49"}
        other = await retempo.service(name="Another")
        for service_id in (other["id"], "prod_unknown"):
            response = await retempo.post("/invoices", {**body, "serviceId": service_id})
            assert error(response, 404) == "Payment plan was not found for the service."
        response = await retempo.post("/invoices", {**body, "paymentPlanId": "plan_unknown"})
        assert error(response, 404) == "Payment plan was not found for the service."

    async def test_an_unknown_user(self, retempo: Retempo) -> None:
        body = {**(await retempo.context()), "amount": "49", "userId": "cus_unknown"}
        assert (
            error(await retempo.post("/invoices", body), 404)
            == "Referenced database record was not found."
        )

    async def test_a_subscription_of_another_user_or_service(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        body = {**(await retempo.context()), "amount": "49"}
        own = await _subscription(api, body["userId"], body["paymentPlanId"])
        other_user = await retempo.user(email="other@example.com")
        theirs = await _subscription(api, other_user["id"], body["paymentPlanId"])
        other_service = await retempo.service(name="Elsewhere")
        elsewhere = await retempo.plan(other_service["id"])
        off_service = await _subscription(api, body["userId"], elsewhere["id"])
        for subscription in (theirs["id"], off_service["id"], "sub_unknown"):
            response = await retempo.post("/invoices", {**body, "subscriptionId": subscription})
            assert error(response, 404) == "Subscription was not found for the service and user."
        ok = expect(await retempo.post("/invoices", {**body, "subscriptionId": own["id"]}), 201)
        assert ok["invoice"]["subscriptionId"] == own["id"]
        assert ok["invoice"]["subscription"]["status"] == "ACTIVE"

    async def test_a_refused_request_changes_nothing(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        body = {**(await retempo.context()), "amount": "49", "status": "PAID"}
        error(await retempo.post("/invoices", body), 400)
        listed = expect(await api.get("/v1/invoices"), 200)
        assert listed["data"] == []


async def _subscription(api: TenantApi, customer: str, plan: str) -> dict[str, Any]:
    return expect(await api.post("/v1/subscriptions", {"customer": customer, "plan": plan}), 201)


class TestDigestMessages:
    """The messages of the digest's §1.1, each sent and read back."""

    @pytest.mark.parametrize("content", ["[]", '"text"', "{not json", "", "null"])
    async def test_a_body_that_is_not_an_object(self, retempo: Retempo, content: str) -> None:
        response = await retempo.post("/invoices", content=content)
        assert error(response, 400) == "Request body must be a JSON object."

    @pytest.mark.parametrize("value", ["", "   ", 5, ["svc"]])
    async def test_a_string_that_is_empty_or_not_a_string(
        self, retempo: Retempo, value: Any
    ) -> None:
        body = {**(await retempo.context()), "amount": "49", "serviceId": value}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "serviceId must be a non-empty string."
        )

    @pytest.mark.parametrize("value", [True, {"value": 1}, ["1"], "abc"])
    async def test_a_decimal_of_the_wrong_type(self, retempo: Retempo, value: Any) -> None:
        body = {**(await retempo.context()), "amount": value}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "amount must be a decimal string or number."
        )

    @pytest.mark.parametrize("value", ["-1", -0.5, "NaN", "Infinity", "-Infinity"])
    async def test_a_negative_or_non_finite_decimal(self, retempo: Retempo, value: Any) -> None:
        body = {**(await retempo.context()), "amount": value}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "amount must be a non-negative decimal."
        )

    async def test_a_date_that_is_not_a_string(self, retempo: Retempo) -> None:
        body = {**(await retempo.context()), "amount": "49", "dueAt": 1767225600}
        assert (
            error(await retempo.post("/invoices", body), 400) == "dueAt must be an ISO date string."
        )

    async def test_a_date_that_does_not_parse(self, retempo: Retempo) -> None:
        body = {**(await retempo.context()), "amount": "49", "dueAt": "next tuesday"}
        assert (
            error(await retempo.post("/invoices", body), 400)
            == "dueAt must be a valid ISO date string."
        )

    async def test_an_enum_message_lists_the_values(self, retempo: Retempo) -> None:
        service = await retempo.service()
        response = await retempo.post(
            f"/services/{service['id']}/plans",
            {"name": "X", "amount": "1", "pricingType": "FREE"},
        )
        assert (
            error(response, 400)
            == "pricingType must be one of: FIXED_RECURRING, USAGE_BASED, ONE_TIME."
        )

    async def test_a_missing_referenced_record(self, retempo: Retempo) -> None:
        response = await retempo.post(
            "/services/prod_unknown/plans", {"name": "X", "amount": "1", "pricingType": "ONE_TIME"}
        )
        assert error(response, 404) == "Referenced database record was not found."
        response = await retempo.settle("inv_unknown", reference(1))
        assert error(response, 404) == "Referenced database record was not found."

    async def test_a_duplicate_unique_record(self, retempo: Retempo, api: TenantApi) -> None:
        ids = await retempo.context()
        subscription = await _subscription(api, ids["userId"], ids["paymentPlanId"])
        event = {
            "serviceId": ids["serviceId"], "subscriptionId": subscription["id"],
            "userId": ids["userId"], "eventKey": "call-1", "quantity": "3",
        }  # fmt: skip
        created = expect(await retempo.post("/usage-events", event), 201)["usageEvent"]
        assert created["eventKey"] == "call-1" and created["quantity"] == "3.000000"
        assert (
            error(await retempo.post("/usage-events", event), 409)
            == "A database record with these unique fields already exists."
        )

    async def test_an_unknown_object(self, retempo: Retempo) -> None:
        assert error(await retempo.get("/invoices/inv_unknown"), 404) == "Invoice was not found."
        assert error(await retempo.get("/services/prod_x"), 404) == "Service was not found."
        assert error(await retempo.get("/settlements/stl_x"), 404) == "Settlement was not found."
        assert (
            error(await retempo.get("/checkout-sessions/inv_x"), 404)
            == "Checkout session was not found."
        )


class TestHappyPath:
    async def test_service_plan_user_invoice_settlement_paid(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        service = await retempo.service(description="Price oracle", status="ACTIVE")
        assert service["owner"]["role"] == "DEVELOPER" and service["ownerId"]
        assert service["status"] == "ACTIVE" and service["paymentPlans"] == []
        plan = await retempo.plan(service["id"])
        assert plan["amount"] == "49.000000" and plan["currency"] == "USDC"
        assert (plan["pricingType"], plan["billingInterval"]) == ("FIXED_RECURRING", "MONTH")
        user = await retempo.user()
        assert user["role"] == "PAYER"
        due = (datetime.now(UTC) + timedelta(days=14)).isoformat()
        body = {
            "serviceId": service["id"], "paymentPlanId": plan["id"], "userId": user["id"],
            "amount": 49, "status": "OPEN", "dueAt": due,
        }  # fmt: skip
        invoice = expect(await retempo.post("/invoices", body), 201)["invoice"]
        assert invoice["status"] == "OPEN" and invoice["amount"] == "49.000000"
        assert invoice["currency"] == "USDC" and invoice["paidAt"] is None
        assert invoice["paymentPlan"]["id"] == plan["id"]
        assert invoice["service"]["id"] == service["id"]
        assert invoice["user"]["id"] == user["id"] and invoice["subscription"] is None
        assert invoice["settlements"] == [] and invoice["usageEvents"] == []

        response = await retempo.settle(invoice["id"], reference(7))
        settled = expect(response, 201)
        settlement = settled["settlement"]
        assert settlement["status"] == "CONFIRMED" and settlement["amount"] == "49.000000"
        assert settlement["referenceHash"] == reference(7)
        assert settlement["payerId"] == user["id"]
        assert settlement["merchantId"] == service["ownerId"]
        assert settlement["invoice"]["status"] == "PAID"
        assert settled["chain"]["receiptStatus"] == "success"
        assert settled["chain"]["transactionHash"] == settlement["transactionHash"]

        again = expect(await retempo.settle(invoice["id"], reference(7)), 200)
        assert again["settlement"]["id"] == settlement["id"]

        read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
        assert read["status"] == "PAID" and read["paidAt"] is not None
        assert [s["id"] for s in read["settlements"]] == [settlement["id"]]

        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["status"] == "paid" and native["total"] == "49.000000"
        assert native["amount_paid"] == "49.000000" and native["number"] == read["number"]
        assert native["paid_at"] == read["paidAt"] and native["currency"] == "USDC"
        assert native["customer"] == user["id"] and native["plan"] == plan["id"]
        settlements = expect(await api.get(f"/v1/invoices/{invoice['id']}/settlements"), 200)
        assert [(s["id"], s["method"], s["status"]) for s in settlements["data"]] == [
            (settlement["id"], "crypto", "confirmed")
        ]

    async def test_a_draft_is_issued_and_paid_by_a_settlement(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        invoice = await retempo.invoice(amount="12.5")
        assert invoice["status"] == "DRAFT" and invoice["number"] is None
        settled = expect(await retempo.settle(invoice["id"], reference(1)), 201)
        assert settled["settlement"]["invoice"]["status"] == "PAID"
        assert settled["settlement"]["amount"] == "12.500000"
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["status"] == "paid" and native["number"] is not None

    async def test_the_same_reference_on_another_invoice_is_another_settlement(
        self, retempo: Retempo
    ) -> None:
        first = await retempo.invoice(status="OPEN")
        second = await retempo.invoice(status="OPEN")
        a = expect(await retempo.settle(first["id"], reference(3)), 201)["settlement"]
        b = expect(await retempo.settle(second["id"], reference(3)), 201)["settlement"]
        assert a["id"] != b["id"]

    async def test_a_partial_settlement_leaves_the_invoice_open(self, retempo: Retempo) -> None:
        invoice = await retempo.invoice(status="OPEN")
        partial = expect(await retempo.settle(invoice["id"], reference(4), amount="9"), 201)
        assert partial["settlement"]["invoice"]["status"] == "OPEN"
        rest = expect(await retempo.settle(invoice["id"], reference(5)), 201)
        assert rest["settlement"]["amount"] == "40.000000"
        assert rest["settlement"]["invoice"]["status"] == "PAID"

    @pytest.mark.parametrize(("status", "native"), [("VOID", "void"), ("EXPIRED", "expired")])
    async def test_void_and_expired_invoices_cannot_be_paid(
        self, retempo: Retempo, api: TenantApi, status: str, native: str
    ) -> None:
        invoice = await retempo.invoice(status=status)
        assert invoice["status"] == status
        response = await retempo.settle(invoice["id"], reference(2))
        assert response.status_code == 409 and "error" in response.json()
        read = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert read["status"] == native and read["amount_paid"] == "0.000000"


class TestSettlementChecks:
    async def test_field_checks(self, retempo: Retempo) -> None:
        invoice = await retempo.invoice(status="OPEN")
        cases = [
            ({"referenceHash": "0x1234"}, "referenceHash must be a 32-byte hex value."),
            ({"referenceHash": "0x" + "g" * 64}, "referenceHash must be a 32-byte hex value."),
            ({"payerAddress": "0xnothex"}, "payerAddress must be a valid address."),
            ({"merchantAddress": None}, "merchantAddress must be a valid address."),
            ({"payerId": "cus_someone"}, "Settlement payer must match the invoice user."),
            ({"merchantId": "cus_someone"}, "Settlement merchant must match the service owner."),
            ({"amount": "1.0000001"}, "Settlement amount supports at most 6 decimal places."),
            ({"amount": "-1"}, "amount must be a non-negative decimal."),
        ]
        for fields, message in cases:
            assert error(await retempo.settle(invoice["id"], reference(9), **fields), 400) == (
                message
            ), fields
        read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
        assert read["status"] == "OPEN" and read["settlements"] == []

    async def test_more_than_is_due_is_refused(self, retempo: Retempo) -> None:
        invoice = await retempo.invoice(status="OPEN")
        response = await retempo.settle(invoice["id"], reference(9), amount="50")
        assert error(response, 400).startswith("amount exceeds 49.000000 left to pay")

    async def test_a_failing_confirmer(self, retempo: Retempo, confirmer: Any) -> None:
        invoice = await retempo.invoice(status="OPEN")
        confirmer("failing")
        response = await retempo.settle(invoice["id"], reference(11))
        body = expect(response, 502)
        assert body["settlement"]["status"] == "FAILED"
        assert body["chain"]["receiptStatus"] == "reverted" and body["error"]
        read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
        assert read["status"] == "OPEN" and read["paidAt"] is None
        confirmer("immediate")  # the same reference after a failure is a new attempt
        retried = expect(await retempo.settle(invoice["id"], reference(11)), 201)["settlement"]
        assert retried["status"] == "CONFIRMED" and retried["id"] != body["settlement"]["id"]

    async def test_a_pending_confirmer(self, retempo: Retempo, confirmer: Any) -> None:
        invoice = await retempo.invoice(status="OPEN")
        confirmer("pending")
        pending = expect(await retempo.settle(invoice["id"], reference(12)), 201)["settlement"]
        assert pending["status"] == "PENDING" and pending["invoice"]["status"] == "OPEN"
        still = expect(await retempo.get(f"/settlements/{pending['id']}"), 200)["settlement"]
        assert still["status"] == "PENDING"
        again = expect(await retempo.settle(invoice["id"], reference(12)), 200)["settlement"]
        assert again["id"] == pending["id"]
        confirmer("immediate")  # the chain answers: reading the settlement records it
        done = expect(await retempo.get(f"/settlements/{pending['id']}"), 200)["settlement"]
        assert done["status"] == "CONFIRMED" and done["invoice"]["status"] == "PAID"


class TestOtherResources:
    async def test_services_and_plans_read_back(self, retempo: Retempo) -> None:
        service = await retempo.service(ownerId=None)
        plan = await retempo.plan(service["id"], amount=0.5, currency="USDC", description="d")
        read = expect(await retempo.get(f"/services/{service['id']}"), 200)["service"]
        assert [p["id"] for p in read["paymentPlans"]] == [plan["id"]]
        assert read["paymentPlans"][0]["amount"] == "0.500000"
        assert read["paymentPlans"][0]["description"] == "d"
        listed = expect(await retempo.get("/services"), 200)["services"]
        assert [s["id"] for s in listed] == [service["id"]]
        plans = expect(await retempo.get(f"/services/{service['id']}/plans"), 200)["plans"]
        assert [p["id"] for p in plans] == [plan["id"]]

    async def test_a_service_needs_an_owner(self, retempo: Retempo) -> None:
        response = await retempo.post("/services", {"name": "Nobody's"})
        assert error(response, 400) == "ownerId or owner.email is required."
        response = await retempo.post("/services", {"name": "X", "owner": "dev@example.com"})
        assert error(response, 400) == "owner must be a JSON object."

    async def test_users_are_found_by_email(self, retempo: Retempo) -> None:
        first = await retempo.user(email="same@example.com", name="First")
        second = await retempo.user(email="same@example.com", name="Renamed")
        assert second["id"] == first["id"] and second["name"] == "Renamed"
        read = expect(await retempo.get(f"/users/{first['id']}"), 200)["user"]
        assert read["email"] == "same@example.com"

    async def test_a_checkout_session_is_an_open_invoice_on_the_hosted_page(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        ids = await retempo.context()
        expires = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        body = {**ids, "expiresAt": expires}
        created = expect(await retempo.post("/checkout-sessions", body), 201)["checkoutSession"]
        assert created["status"] == "PENDING" and created["url"].startswith("http")
        assert created["paymentPlan"]["id"] == ids["paymentPlanId"]
        read = expect(await retempo.get(f"/checkout-sessions/{created['id']}"), 200)
        assert read["checkoutSession"]["subscriptions"] == []
        native = expect(await api.get(f"/v1/invoices/{created['id']}"), 200)
        assert native["status"] == "open" and native["total"] == "49.000000"
        refused = await retempo.post("/checkout-sessions", {**body, "status": "PAID"})
        assert error(refused, 400) == "Checkout sessions can only be created with PENDING status."

    async def test_usage_events_join_the_subscription_invoice(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        ids = await retempo.context()
        subscription = await _subscription(api, ids["userId"], ids["paymentPlanId"])
        invoice = await retempo.invoice(amount="0")
        event = {
            "serviceId": invoice["serviceId"], "subscriptionId": subscription["id"],
            "userId": invoice["userId"], "eventKey": "k", "quantity": 2,
        }  # fmt: skip
        response = await retempo.post("/usage-events", {**event, "invoiceId": invoice["id"]})
        assert error(response, 404) == "Subscription was not found for the service and user."
        same = {**event, "serviceId": ids["serviceId"], "userId": ids["userId"]}
        response = await retempo.post("/usage-events", {**same, "invoiceId": invoice["id"]})
        assert error(response, 400) == "Invoice does not match the usage event service and user."


class TestAccess:
    async def test_health(self, retempo: Retempo) -> None:
        response = await retempo.api.http.get("/retempo/health")
        assert response.json() == {"ok": True, "service": "Retempo", "apiRoot": "/api/v1"}

    async def test_a_key_is_required_unless_an_anonymous_account_is_set(
        self, retempo: Retempo, anonymous: Any
    ) -> None:
        http = retempo.api.http
        response = await http.get(f"{ROOT}/services")
        assert response.status_code == 401 and "error" in response.json()
        bad = await http.get(f"{ROOT}/services", headers={"Authorization": "Bearer nope"})
        assert error(bad, 401)
        service = await retempo.service()
        anonymous(retempo.api.account_id)
        listed = expect(await http.get(f"{ROOT}/services"), 200)["services"]
        assert [s["id"] for s in listed] == [service["id"]]

    async def test_a_key_without_the_scope(self, retempo: Retempo, api: TenantApi) -> None:
        reader = await api.with_scopes("invoices:read")
        response = await reader.post(f"{ROOT}/services", {"name": "X", "ownerId": "cus_x"})
        assert response.status_code == 403 and "products:write" in error(response, 403)

    async def test_a_services_owner_by_email_needs_customers_write(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        """A service's nested `owner` finds (renaming) or creates a customer: that is a
        customer write, whichever route carries it."""
        victim = await api.customer(email="victim@example.com", name="Victim", phone="+1555")
        builder = await api.with_scopes("products:write")
        for owner in ({"email": "victim@example.com", "name": "Renamed"},
                      {"email": "victim@example.com"}, {"email": "new@example.com"}):  # fmt: skip
            response = await builder.post(f"{ROOT}/services", {"name": "X", "owner": owner})
            assert "customers:write" in error(response, 403)
            assert "+1555" not in response.text and "Victim" not in response.text
        customers = expect(await api.get("/v1/customers"), 200)["data"]
        assert customers == [victim]
        assert expect(await api.get("/v1/products"), 200)["data"] == []

    async def test_a_services_owner_by_email_with_customers_write(
        self, retempo: Retempo, api: TenantApi
    ) -> None:
        builder = await api.with_scopes("products:write", "customers:write")
        body = {"name": "X", "owner": {"email": "dev@example.com", "name": "Dev"}}
        service = expect(await builder.post(f"{ROOT}/services", body), 201)["service"]
        owner = expect(await api.get(f"/v1/customers/{service['ownerId']}"), 200)
        assert (owner["email"], owner["name"]) == ("dev@example.com", "Dev")

    async def test_another_accounts_objects_are_not_found(
        self, retempo: Retempo, other_api: TenantApi
    ) -> None:
        invoice = await retempo.invoice()
        response = await other_api.get(f"{ROOT}/invoices/{invoice['id']}")
        assert error(response, 404) == "Invoice was not found."

    async def test_an_unknown_route(self, retempo: Retempo) -> None:
        assert error(await retempo.get("/nothing/here"), 404) == "Route was not found."
