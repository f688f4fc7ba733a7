"""`/v1/customers/{id}/balance_transactions` and `/v1/customers/{id}/balance`: the customer
balance's ledger, manual adjustments of it, and the balance per currency."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.balances import service
from remit.balances.models import CustomerBalanceTransaction
from remit.balances.repository import BalanceTransactionRepository
from remit.balances.schemas import (
    BalanceTransactionCreate,
    BalanceTransactionOut,
    CustomerBalanceOut,
)
from remit.context import Context
from remit.customers.repository import CustomerRepository
from remit.kernel.currencies import UnknownCurrency, normalize_currency
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, ValidationFailed

router = APIRouter(prefix="/v1/customers", tags=["customer balance"], route_class=RemitRoute)
TRANSACTIONS = "/{customer_id}/balance_transactions"


def _present(transaction: CustomerBalanceTransaction, _ctx: Context) -> BalanceTransactionOut:
    return BalanceTransactionOut.of(transaction)


def currency_filter(currency: str | None = Query(None, max_length=8)) -> str | None:
    if currency is None:
        return None
    try:
        return normalize_currency(currency)
    except UnknownCurrency:
        raise ValidationFailed(
            "Invalid list filters.",
            errors=[FieldError("currency", f"unknown currency {currency}", "invalid_currency")],
        ) from None


@router.post(TRANSACTIONS, status_code=201, response_model=BalanceTransactionOut)
async def create_balance_transaction(
    customer_id: str,
    body: BalanceTransactionCreate,
    request: Request,
    principal: Principal = require("customers:write"),
) -> Response:
    """Adjust the customer's balance by hand (`type: adjustment`): a negative amount credits
    the customer, a positive one is owed and added to the next invoice in that currency."""
    return await operations.write(
        request,
        principal,
        lambda ctx: service.create_adjustment(ctx, customer_id, body),
        _present,
        status_code=201,
    )


@router.get(TRANSACTIONS, response_model=ListOut[BalanceTransactionOut])
async def list_balance_transactions(
    customer_id: str,
    request: Request,
    principal: Principal = require("customers:read"),
    page: PageRequest = Depends(page_params("cbtxn")),
    currency: str | None = Depends(currency_filter),
) -> Response:
    async def query(ctx: Context) -> Page[CustomerBalanceTransaction]:
        await CustomerRepository(ctx).ensure_exists(customer_id)  # 404 across accounts
        ledger = BalanceTransactionRepository(ctx)
        return await ledger.of_customer_page(customer_id, page, currency=currency)

    return await operations.read(
        request,
        principal,
        query,
        lambda found, _: ListOut[BalanceTransactionOut].of(found, BalanceTransactionOut.of),
    )


@router.get(TRANSACTIONS + "/{transaction_id}", response_model=BalanceTransactionOut)
async def get_balance_transaction(
    customer_id: str,
    transaction_id: str,
    request: Request,
    principal: Principal = require("customers:read"),
) -> Response:
    async def query(ctx: Context) -> CustomerBalanceTransaction:
        await CustomerRepository(ctx).ensure_exists(customer_id)  # a deleted one's too
        return await BalanceTransactionRepository(ctx).of_customer(customer_id, transaction_id)

    return await operations.read(request, principal, query, _present)


@router.get("/{customer_id}/balance", response_model=CustomerBalanceOut)
async def get_balance(
    customer_id: str, request: Request, principal: Principal = require("customers:read")
) -> Response:
    """The customer's balance in each currency it has transactions in: the sum of its ledger
    (negative: credit in the customer's favour)."""

    async def query(ctx: Context) -> CustomerBalanceOut:
        await CustomerRepository(ctx).ensure_exists(customer_id)
        return CustomerBalanceOut.of(customer_id, await service.balances_of(ctx, customer_id))

    return await operations.read(request, principal, query, lambda balance, _: balance)
