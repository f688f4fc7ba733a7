"""whop-sdk 0.0.35 (Stainless) against remit, run in .venv-whop-0 by test_sdks.py.

`python whop0.py lifecycle CONFIG` drives the invoice API and prints what the test checks
natively; `python whop0.py verify CONFIG` unwraps recorded webhooks. Methods newer than
0.0.35 (mark_paid and mark_uncollectible from 0.0.36, update and delete from 0.0.37) go
through the SDK's own `post`/`patch`/`delete`, as a 0.0.35 user would call them.
"""

from __future__ import annotations

import base64
import time
from typing import Any

import script
import whop_sdk
from whop_sdk import AuthenticationError, BadRequestError, NotFoundError, Whop
from whop_sdk.types.shared.invoice import Invoice

assert whop_sdk.__version__ == "0.0.35", whop_sdk.__version__
DUE = "2031-01-01T00:00:00Z"
PLAN = {"initial_price": 10.5, "plan_type": "one_time"}


def paid_soon(client: Whop, invoice_id: str) -> str:
    deadline = time.monotonic() + 30
    status = client.invoices.retrieve(invoice_id).status
    while status != "paid" and time.monotonic() < deadline:
        time.sleep(0.2)
        status = client.invoices.retrieve(invoice_id).status
    return status


def lifecycle(cfg: dict[str, Any]) -> dict[str, Any]:
    client = Whop(api_key=cfg["api_key"], base_url=cfg["base_url"], max_retries=0)
    common = {"company_id": cfg["company"], "due_date": DUE}
    send = {**common, "collection_method": "send_invoice"}
    by_member = client.invoices.create(member_id=cfg["member"], plan=PLAN,
                                       product={"title": "Course"}, **send)  # fmt: skip
    by_email = client.invoices.create(email_address="zero@example.com", customer_name="Zero",
                                      plan=PLAN, product_id=cfg["product"], **send)  # fmt: skip
    charged = client.invoices.create(
        member_id=cfg["member"], plan=PLAN, product={"title": "Auto"},
        collection_method="charge_automatically", payment_method_id=cfg["payment_method"],
        **common,
    )  # fmt: skip
    assert by_member.status == "open" and by_member.number.startswith("#")
    assert by_member.current_plan.formatted_price == "$10.50"
    assert by_member.current_plan.currency == "usd"
    assert by_email.email_address == "zero@example.com"
    assert paid_soon(client, charged.id) == "paid"

    fetched = client.invoices.retrieve(by_member.id)
    assert (fetched.id, fetched.number) == (by_member.id, by_member.number)
    anonymous = Whop(api_key="-", base_url=cfg["base_url"], max_retries=0)
    public = anonymous.invoices.retrieve(by_member.fetch_invoice_token)
    assert public.id == by_member.id
    assert script.refused(lambda: anonymous.invoices.retrieve(by_member.id), AuthenticationError)

    every = [item.id for item in client.invoices.list(company_id=cfg["company"], first=2)]
    assert {by_member.id, by_email.id, charged.id} <= set(every), every
    paid = [i.id for i in client.invoices.list(company_id=cfg["company"], statuses=["paid"])]
    assert charged.id in paid and by_member.id not in paid
    by_product = client.invoices.list(company_id=cfg["company"], product_ids=[cfg["product"]])
    assert [i.id for i in by_product] == [by_email.id]

    assert client.invoices.void(by_email.id) is True
    assert client.invoices.retrieve(by_email.id).status == "void"
    assert client.post(f"/invoices/{by_member.id}/mark_paid", cast_to=bool) is True
    lost = client.invoices.create(member_id=cfg["member"], plan=PLAN,
                                  product={"title": "Lost"}, **send)  # fmt: skip
    assert client.post(f"/invoices/{lost.id}/mark_uncollectible", cast_to=bool) is True

    later = "2030-06-01T00:00:00Z"  # a future finalization keeps a draft
    draft = client.invoices.create(member_id=cfg["member"], plan=PLAN, product={"title": "Later"},
                                   automatically_finalizes_at=later, **send)  # fmt: skip
    assert draft.status == "draft"
    body = {"line_items": [{"label": "Changed", "quantity": 2, "unit_price": 7.25}]}
    updated = client.patch(f"/invoices/{draft.id}", cast_to=Invoice, body=body)
    assert updated.current_plan.formatted_price == "$14.50", updated
    assert client.delete(f"/invoices/{draft.id}", cast_to=bool) is True
    assert script.refused(lambda: client.invoices.retrieve(draft.id), NotFoundError)

    assert script.refused(lambda: client.invoices.create(
        member_id=cfg["member"], plan=PLAN, product={"title": "X"},
        collection_method="charge_automatically", **common), BadRequestError)  # fmt: skip
    assert script.refused(lambda: client.invoices.create(
        email_address="new@example.com", plan=PLAN, product={"title": "X"}, **send),
        BadRequestError)  # fmt: skip
    return {"member": by_member.id, "email": by_email.id, "charged": charged.id,
            "lost": lost.id, "numbers": {by_member.id: by_member.number}}  # fmt: skip


def verify(cfg: dict[str, Any]) -> dict[str, Any]:
    client = Whop(api_key="-", base_url=cfg["base_url"], max_retries=0)
    key = base64.b64encode(cfg["secret"].encode()).decode()  # Whop's docs: btoa(secret)
    seen = []
    for message in cfg["messages"]:
        event = client.webhooks.unwrap(message["body"], headers=message["headers"], key=key)
        seen.append([event.type, event.data.id])
    first = cfg["messages"][0]
    tampered = script.tampered(first["body"])
    rejected = script.refused(lambda: client.webhooks.unwrap(tampered, headers=first["headers"],
                                                      key=key), Exception)  # fmt: skip
    return {"seen": seen, "tampered_rejected": rejected}


if __name__ == "__main__":
    script.main({"lifecycle": lifecycle, "verify": verify})
