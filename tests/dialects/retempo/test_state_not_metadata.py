"""What a dialect keeps about remit's objects is not the user's metadata (issue: dialect
state could be forged through native metadata and made Retempo answer 500).

Retempo's service owner and settlement reference, and Whop's product of a line, live in
columns and provider attributes; whatever the user writes in metadata changes nothing."""

from __future__ import annotations

from tests.dialects.retempo.conftest import MERCHANT_ADDRESS, PAYER_ADDRESS, Retempo, reference
from tests.support import TenantApi, expect


async def test_a_native_settlement_with_retempo_keys_in_metadata_is_just_metadata(
    retempo: Retempo, api: TenantApi
) -> None:
    invoice = await retempo.invoice(status="OPEN")
    forged = {"retempo_reference_hash": reference(5), "retempo_payer_address": PAYER_ADDRESS}
    body = {"method": "cash", "amount": "1.00", "metadata": forged}
    native = expect(await api.post(f"/v1/invoices/{invoice['id']}/settlements", body), 201)
    assert native["metadata"] == forged and native["reference"] is None
    settled = expect(await retempo.settle(invoice["id"], reference(5)), 201)["settlement"]
    assert settled["id"] != native["id"] and settled["referenceHash"] == reference(5)
    read = expect(await retempo.get(f"/invoices/{invoice['id']}"), 200)["invoice"]
    shown = {s["id"]: s for s in read["settlements"]}
    assert shown[native["id"]]["referenceHash"] is None
    assert shown[native["id"]]["payerAddress"] is None
    assert shown[settled["id"]]["payerAddress"] == PAYER_ADDRESS
    assert shown[settled["id"]]["merchantAddress"] == MERCHANT_ADDRESS


async def test_metadata_cannot_make_someone_a_service_owner(
    retempo: Retempo, api: TenantApi
) -> None:
    service = await retempo.service()
    intruder = await retempo.user(email="intruder@example.com")
    patch = {"metadata": {"retempo_owner": intruder["id"], "retempo_status": "DISABLED"}}
    expect(await api.get(f"/v1/products/{service['id']}"), 200)
    read = expect(await retempo.get(f"/services/{service['id']}"), 200)["service"]
    assert read["ownerId"] == service["ownerId"] != intruder["id"]
    customer = expect(await api.patch(f"/v1/customers/{intruder['id']}", patch), 200)
    assert customer["metadata"] == patch["metadata"]
    read = expect(await retempo.get(f"/services/{service['id']}"), 200)["service"]
    assert read["ownerId"] == service["ownerId"] and read["status"] == service["status"]


async def test_a_retempo_user_s_role_is_not_its_metadata(retempo: Retempo, api: TenantApi) -> None:
    user = await retempo.user()
    customer = expect(await api.get(f"/v1/customers/{user['id']}"), 200)
    assert customer["metadata"] == {}
    patched = {"metadata": {"retempo_role": "DEVELOPER"}}
    expect(await api.patch(f"/v1/customers/{user['id']}", patched), 200)
    assert expect(await retempo.get(f"/users/{user['id']}"), 200)["user"]["role"] == "PAYER"
