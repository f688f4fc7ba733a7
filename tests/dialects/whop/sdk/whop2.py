"""whop-sdk 2.6.0 (Fern) against remit, run in .venv-whop-2 by test_sdks.py.

Fern parses responses strictly: any field 2.6.0 requires that remit left out would raise
ParsingError, so each call here also checks the object's shape.
`python whop2.py lifecycle CONFIG` drives the invoice API; `verify CONFIG` unwraps webhooks.
"""

from __future__ import annotations

import time
from typing import Any

import script
from whop_sdk import Whop
from whop_sdk.environment import WhopEnvironment
from whop_sdk.errors import BadRequestError, NotFoundError, UnauthorizedError
from whop_sdk.invoices.types.create_invoices_request_product import CreateInvoicesRequestProduct
from whop_sdk.invoices.types.create_invoices_request_product_id import (
    CreateInvoicesRequestProductId,
)
from whop_sdk.lib.verify_webhook import unwrap
from whop_sdk.version import __version__

assert __version__ == "2.6.0", __version__
DUE = "2031-01-01T00:00:00Z"
PLAN = {"initial_price": 20, "plan_type": "one_time", "currency": "usd"}


def client_for(cfg: dict[str, Any], token: str) -> Whop:
    environment = WhopEnvironment(api=cfg["base_url"], vault=cfg["base_url"])
    return Whop(environment=environment, token=token, max_retries=0)


def with_product(**fields: Any) -> CreateInvoicesRequestProduct:
    return CreateInvoicesRequestProduct(**fields)


def lifecycle(cfg: dict[str, Any]) -> dict[str, Any]:
    client = client_for(cfg, cfg["api_key"])
    invoices = client.invoices
    send = {"account_id": cfg["company"], "collection_method": "send_invoice", "due_date": DUE}
    by_member = invoices.create(request=with_product(
        member_id=cfg["member"], plan=PLAN, product={"title": "Course"}, **send))  # fmt: skip
    by_email = invoices.create(request=CreateInvoicesRequestProductId(
        email_address="two@example.com", customer_name="Two", plan=PLAN,
        product_id=cfg["product"], **send))  # fmt: skip
    charged = invoices.create(request=with_product(
        account_id=cfg["company"], collection_method="charge_automatically", plan=PLAN,
        member_id=cfg["member"], payment_method_id=cfg["payment_method"],
        product={"title": "Auto"}))  # fmt: skip
    itemized = invoices.create(request=with_product(
        member_id=cfg["member"], product={"title": "Itemized"}, save_as_draft=True,
        plan={"initial_price": 30.5}, line_items=[
            {"label": "Setup", "unit_price": 10.5}, {"label": "Hours", "quantity": 2,
                                                     "unit_price": 10}],
        billing_address={"name": "Two", "line1": "2 Road", "city": "Oslo", "country": "NO"},
        **send))  # fmt: skip
    assert by_member.status == "open" and by_member.current_plan.formatted_price == "$20.00"
    assert by_member.company.id == cfg["company"] and by_member.member.id == cfg["member"]
    assert by_member.product.title == "Course" and by_member.payment_processing is False
    assert by_email.customer_name == "Two" and by_email.product.id == cfg["product"]
    assert itemized.status == "draft" and [i.total for i in itemized.line_items] == [10.5, 20]
    assert itemized.mailing_address.city == "Oslo"
    deadline = time.monotonic() + 30
    while invoices.retrieve(charged.id).status != "paid" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert invoices.retrieve(charged.id).status == "paid"

    fetched = invoices.retrieve(by_member.id)
    assert (fetched.number, fetched.pay_online_url) == (by_member.number, by_member.pay_online_url)
    anonymous = client_for(cfg, "-").invoices
    assert anonymous.retrieve(by_member.fetch_invoice_token).id == by_member.id
    assert script.refused(lambda: anonymous.retrieve(by_member.id), UnauthorizedError)

    every = [item.id for item in invoices.list(account_id=cfg["company"], first=2)]
    assert {by_member.id, by_email.id, charged.id, itemized.id} <= set(every), every
    drafts = [i.id for i in invoices.list(statuses=["draft"], product_ids=None)]
    assert itemized.id in drafts and by_member.id not in drafts
    auto = [i.id for i in invoices.list(collection_methods="charge_automatically")]
    assert charged.id in auto and by_member.id not in auto

    assert invoices.void(by_email.id) is True
    assert invoices.mark_paid(by_member.id) is True
    lost = invoices.create(request=with_product(member_id=cfg["member"], plan=PLAN,
                                                product={"title": "Lost"}, **send))  # fmt: skip
    assert invoices.resend(lost.id) is True
    assert invoices.mark_uncollectible(lost.id) is True
    assert invoices.retrieve(lost.id).status == "uncollectible"

    updated = invoices.update(itemized.id, line_items=[{"label": "Flat", "unit_price": 12}],
                              charge_buyer_fee=True)  # fmt: skip
    assert [i.label for i in updated.line_items] == ["Flat"] and updated.charge_buyer_fee
    assert invoices.delete(itemized.id) is True
    assert script.refused(lambda: invoices.retrieve(itemized.id), NotFoundError)

    assert script.refused(lambda: invoices.create(request=with_product(
        member_id=cfg["member"], email_address="both@example.com", plan=PLAN,
        product={"title": "X"}, **send)), BadRequestError)  # fmt: skip
    return {"member": by_member.id, "email": by_email.id, "charged": charged.id,
            "lost": lost.id, "numbers": {by_member.id: by_member.number}}  # fmt: skip


def verify(cfg: dict[str, Any]) -> dict[str, Any]:
    seen = []
    for message in cfg["messages"]:
        event = unwrap(message["body"], headers=message["headers"], key=cfg["secret"])
        seen.append([event["type"], event["data"]["id"]])
    first = cfg["messages"][0]
    tampered = script.tampered(first["body"])
    rejected = script.refused(lambda: unwrap(tampered, headers=first["headers"], key=cfg["secret"]),
                       Exception)  # fmt: skip
    return {"seen": seen, "tampered_rejected": rejected}


if __name__ == "__main__":
    script.main({"lifecycle": lifecycle, "verify": verify})
