"""The hosted page in a real browser (Debian's Chromium, driven by Playwright): a customer
opens the link from a live `remit serve`, pays with the test card, and sees the paid badge.
A screenshot of each step is kept in test-artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, serve

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip


@pytest.fixture
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("REMIT_TEST_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed (apt-get install -y chromium); CI installs it")
    return path


async def test_a_customer_pays_the_hosted_invoice_with_a_test_card(
    chromium: str, database: MigratedDatabase, tmp_path: Path, backend: str
) -> None:
    from playwright.async_api import async_playwright, expect

    env = remit_env(database.url, TEST_SECRET)
    key = cli_json("accounts", "create", "--name", "Acme Tools", "--json", env=env)["api_key"]
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(env, tmp_path) as server:
        async with httpx.AsyncClient(
            base_url=server.url, headers={"Authorization": f"Bearer {key}"}
        ) as client:
            body = {
                "customer": {"email": "ada@example.com", "name": "Ada Lovelace"},
                "status": "open",
                "collection_method": "send_invoice",
                "lines": [
                    {"description": "Analytical engine, tuning", "quantity": "3",
                     "unit_amount": "150.00", "tax_rate": "8.25"},
                    {"description": "Punch cards", "quantity": "1.5", "unit_amount": "33.333",
                     "tax_rate": "8.25"},
                ],
            }  # fmt: skip
            invoice = (await client.post("/v1/invoices", json=body)).json()
            link = f"{server.url}/i/{invoice['public_token']}"
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_FLAGS, headless=True
                )
                page = await browser.new_page(viewport={"width": 1000, "height": 1300})
                await page.goto(link)
                await expect(page.get_by_role("status")).to_have_text("Open")
                await expect(page.get_by_text("Invoice #0001").first).to_be_visible()
                await page.screenshot(path=str(ARTIFACTS / f"hosted-invoice-open-{backend}.png"))
                await page.get_by_label("Test card (simulator)").select_option("tok_visa")
                await page.get_by_role("button", name="Pay").click()
                await page.wait_for_url("**result=succeeded")
                await expect(page.get_by_role("status")).to_have_text("Paid")
                await expect(page.get_by_role("alert")).to_contain_text("payment went through")
                await page.screenshot(
                    path=str(ARTIFACTS / f"hosted-invoice-paid-{backend}.png"), full_page=True
                )
                phone = await browser.new_page(viewport={"width": 390, "height": 844})
                await phone.goto(link)
                await expect(phone.get_by_role("status")).to_have_text("Paid")
                await phone.screenshot(path=str(ARTIFACTS / f"hosted-invoice-phone-{backend}.png"))
                await browser.close()
            paid = (await client.get(f"/v1/invoices/{invoice['id']}")).json()
            assert paid["status"] == "paid" and paid["amount_paid"] == paid["amount_due"]


async def test_a_customer_follows_the_invoice_s_credit_note_to_its_page(
    chromium: str, database: MigratedDatabase, tmp_path: Path, backend: str
) -> None:
    from playwright.async_api import async_playwright, expect

    env = remit_env(database.url, TEST_SECRET)
    key = cli_json("accounts", "create", "--name", "Acme Tools", "--json", env=env)["api_key"]
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(env, tmp_path) as server:
        async with httpx.AsyncClient(
            base_url=server.url, headers={"Authorization": f"Bearer {key}"}
        ) as client:
            body = {
                "customer": {"email": "ada@example.com", "name": "Ada Lovelace"},
                "status": "open",
                "collection_method": "send_invoice",
                "lines": [{"description": "Analytical engine, tuning", "quantity": "3",
                           "unit_amount": "150.00", "tax_rate": "8.25"}],
            }  # fmt: skip
            invoice = (await client.post("/v1/invoices", json=body)).json()
            line = invoice["lines"][0]["id"]
            credit = {"invoice": invoice["id"], "reason": "order_change",
                      "lines": [{"invoice_line": line, "quantity": "1"}]}  # fmt: skip
            note = (await client.post("/v1/credit_notes", json=credit)).json()
            assert note["total"] == "162.38", note  # 150.00 + 12.38 tax
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=chromium, args=CHROMIUM_FLAGS, headless=True
                )
                page = await browser.new_page(viewport={"width": 1000, "height": 1300})
                await page.goto(f"{server.url}/i/{invoice['public_token']}")
                await page.screenshot(
                    path=str(ARTIFACTS / f"hosted-invoice-credited-{backend}.png"), full_page=True
                )
                await page.get_by_role("link", name=f"Credit note {note['number']}").click()
                await page.wait_for_url("**/c/**")
                await expect(page.get_by_role("heading", level=1)).to_have_text(
                    f"Credit note {note['number']}"
                )
                await expect(page.get_by_role("status")).to_have_text("Issued")
                total = page.get_by_role("row", name="Total credited")
                await expect(total).to_contain_text("$162.38")
                await page.screenshot(
                    path=str(ARTIFACTS / f"hosted-credit-note-{backend}.png"), full_page=True
                )
                await page.get_by_role("link", name=f"Invoice {invoice['number']}").click()
                await page.wait_for_url(f"**/i/{invoice['public_token']}")
                await expect(page.get_by_role("status")).to_have_text("Open")
                await browser.close()
