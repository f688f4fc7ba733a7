import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_out_invoice_out import ListOutInvoiceOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    subscription: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    number: None | str | Unset = UNSET,
    collection_method: list[str] | None | Unset = UNSET,
    product: list[str] | None | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
    due_atgte: datetime.datetime | None | Unset = UNSET,
    due_atgt: datetime.datetime | None | Unset = UNSET,
    due_atlte: datetime.datetime | None | Unset = UNSET,
    due_atlt: datetime.datetime | None | Unset = UNSET,
    expand: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_starting_after: None | str | Unset
    if isinstance(starting_after, Unset):
        json_starting_after = UNSET
    else:
        json_starting_after = starting_after
    params["starting_after"] = json_starting_after

    json_ending_before: None | str | Unset
    if isinstance(ending_before, Unset):
        json_ending_before = UNSET
    else:
        json_ending_before = ending_before
    params["ending_before"] = json_ending_before

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = status

    else:
        json_status = status
    params["status"] = json_status

    json_customer: None | str | Unset
    if isinstance(customer, Unset):
        json_customer = UNSET
    else:
        json_customer = customer
    params["customer"] = json_customer

    json_subscription: None | str | Unset
    if isinstance(subscription, Unset):
        json_subscription = UNSET
    else:
        json_subscription = subscription
    params["subscription"] = json_subscription

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    else:
        json_currency = currency
    params["currency"] = json_currency

    json_number: None | str | Unset
    if isinstance(number, Unset):
        json_number = UNSET
    else:
        json_number = number
    params["number"] = json_number

    json_collection_method: list[str] | None | Unset
    if isinstance(collection_method, Unset):
        json_collection_method = UNSET
    elif isinstance(collection_method, list):
        json_collection_method = collection_method

    else:
        json_collection_method = collection_method
    params["collection_method"] = json_collection_method

    json_product: list[str] | None | Unset
    if isinstance(product, Unset):
        json_product = UNSET
    elif isinstance(product, list):
        json_product = product

    else:
        json_product = product
    params["product"] = json_product

    json_createdgte: None | str | Unset
    if isinstance(createdgte, Unset):
        json_createdgte = UNSET
    elif isinstance(createdgte, datetime.datetime):
        json_createdgte = createdgte.isoformat()
    else:
        json_createdgte = createdgte
    params["created[gte]"] = json_createdgte

    json_createdgt: None | str | Unset
    if isinstance(createdgt, Unset):
        json_createdgt = UNSET
    elif isinstance(createdgt, datetime.datetime):
        json_createdgt = createdgt.isoformat()
    else:
        json_createdgt = createdgt
    params["created[gt]"] = json_createdgt

    json_createdlte: None | str | Unset
    if isinstance(createdlte, Unset):
        json_createdlte = UNSET
    elif isinstance(createdlte, datetime.datetime):
        json_createdlte = createdlte.isoformat()
    else:
        json_createdlte = createdlte
    params["created[lte]"] = json_createdlte

    json_createdlt: None | str | Unset
    if isinstance(createdlt, Unset):
        json_createdlt = UNSET
    elif isinstance(createdlt, datetime.datetime):
        json_createdlt = createdlt.isoformat()
    else:
        json_createdlt = createdlt
    params["created[lt]"] = json_createdlt

    json_due_atgte: None | str | Unset
    if isinstance(due_atgte, Unset):
        json_due_atgte = UNSET
    elif isinstance(due_atgte, datetime.datetime):
        json_due_atgte = due_atgte.isoformat()
    else:
        json_due_atgte = due_atgte
    params["due_at[gte]"] = json_due_atgte

    json_due_atgt: None | str | Unset
    if isinstance(due_atgt, Unset):
        json_due_atgt = UNSET
    elif isinstance(due_atgt, datetime.datetime):
        json_due_atgt = due_atgt.isoformat()
    else:
        json_due_atgt = due_atgt
    params["due_at[gt]"] = json_due_atgt

    json_due_atlte: None | str | Unset
    if isinstance(due_atlte, Unset):
        json_due_atlte = UNSET
    elif isinstance(due_atlte, datetime.datetime):
        json_due_atlte = due_atlte.isoformat()
    else:
        json_due_atlte = due_atlte
    params["due_at[lte]"] = json_due_atlte

    json_due_atlt: None | str | Unset
    if isinstance(due_atlt, Unset):
        json_due_atlt = UNSET
    elif isinstance(due_atlt, datetime.datetime):
        json_due_atlt = due_atlt.isoformat()
    else:
        json_due_atlt = due_atlt
    params["due_at[lt]"] = json_due_atlt

    json_expand: list[str] | Unset = UNSET
    if not isinstance(expand, Unset):
        json_expand = expand

    params["expand[]"] = json_expand

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListOutInvoiceOut | Problem | None:
    if response.status_code == 200:
        response_200 = ListOutInvoiceOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListOutInvoiceOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    subscription: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    number: None | str | Unset = UNSET,
    collection_method: list[str] | None | Unset = UNSET,
    product: list[str] | None | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
    due_atgte: datetime.datetime | None | Unset = UNSET,
    due_atgt: datetime.datetime | None | Unset = UNSET,
    due_atlte: datetime.datetime | None | Unset = UNSET,
    due_atlt: datetime.datetime | None | Unset = UNSET,
    expand: list[str] | Unset = UNSET,
) -> Response[ListOutInvoiceOut | Problem]:
    """List Invoices

     List invoices.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        status (list[str] | None | Unset): One or more statuses.
        customer (None | str | Unset):
        subscription (None | str | Unset):
        currency (None | str | Unset):
        number (None | str | Unset):
        collection_method (list[str] | None | Unset): One or both methods.
        product (list[str] | None | Unset): Invoices for plans of these products.
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):
        due_atgte (datetime.datetime | None | Unset):
        due_atgt (datetime.datetime | None | Unset):
        due_atlte (datetime.datetime | None | Unset):
        due_atlt (datetime.datetime | None | Unset):
        expand (list[str] | Unset): Any of: customer

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutInvoiceOut | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        status=status,
        customer=customer,
        subscription=subscription,
        currency=currency,
        number=number,
        collection_method=collection_method,
        product=product,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
        due_atgte=due_atgte,
        due_atgt=due_atgt,
        due_atlte=due_atlte,
        due_atlt=due_atlt,
        expand=expand,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    subscription: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    number: None | str | Unset = UNSET,
    collection_method: list[str] | None | Unset = UNSET,
    product: list[str] | None | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
    due_atgte: datetime.datetime | None | Unset = UNSET,
    due_atgt: datetime.datetime | None | Unset = UNSET,
    due_atlte: datetime.datetime | None | Unset = UNSET,
    due_atlt: datetime.datetime | None | Unset = UNSET,
    expand: list[str] | Unset = UNSET,
) -> ListOutInvoiceOut | Problem | None:
    """List Invoices

     List invoices.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        status (list[str] | None | Unset): One or more statuses.
        customer (None | str | Unset):
        subscription (None | str | Unset):
        currency (None | str | Unset):
        number (None | str | Unset):
        collection_method (list[str] | None | Unset): One or both methods.
        product (list[str] | None | Unset): Invoices for plans of these products.
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):
        due_atgte (datetime.datetime | None | Unset):
        due_atgt (datetime.datetime | None | Unset):
        due_atlte (datetime.datetime | None | Unset):
        due_atlt (datetime.datetime | None | Unset):
        expand (list[str] | Unset): Any of: customer

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutInvoiceOut | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        status=status,
        customer=customer,
        subscription=subscription,
        currency=currency,
        number=number,
        collection_method=collection_method,
        product=product,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
        due_atgte=due_atgte,
        due_atgt=due_atgt,
        due_atlte=due_atlte,
        due_atlt=due_atlt,
        expand=expand,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    subscription: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    number: None | str | Unset = UNSET,
    collection_method: list[str] | None | Unset = UNSET,
    product: list[str] | None | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
    due_atgte: datetime.datetime | None | Unset = UNSET,
    due_atgt: datetime.datetime | None | Unset = UNSET,
    due_atlte: datetime.datetime | None | Unset = UNSET,
    due_atlt: datetime.datetime | None | Unset = UNSET,
    expand: list[str] | Unset = UNSET,
) -> Response[ListOutInvoiceOut | Problem]:
    """List Invoices

     List invoices.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        status (list[str] | None | Unset): One or more statuses.
        customer (None | str | Unset):
        subscription (None | str | Unset):
        currency (None | str | Unset):
        number (None | str | Unset):
        collection_method (list[str] | None | Unset): One or both methods.
        product (list[str] | None | Unset): Invoices for plans of these products.
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):
        due_atgte (datetime.datetime | None | Unset):
        due_atgt (datetime.datetime | None | Unset):
        due_atlte (datetime.datetime | None | Unset):
        due_atlt (datetime.datetime | None | Unset):
        expand (list[str] | Unset): Any of: customer

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutInvoiceOut | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        status=status,
        customer=customer,
        subscription=subscription,
        currency=currency,
        number=number,
        collection_method=collection_method,
        product=product,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
        due_atgte=due_atgte,
        due_atgt=due_atgt,
        due_atlte=due_atlte,
        due_atlt=due_atlt,
        expand=expand,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    status: list[str] | None | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    subscription: None | str | Unset = UNSET,
    currency: None | str | Unset = UNSET,
    number: None | str | Unset = UNSET,
    collection_method: list[str] | None | Unset = UNSET,
    product: list[str] | None | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
    due_atgte: datetime.datetime | None | Unset = UNSET,
    due_atgt: datetime.datetime | None | Unset = UNSET,
    due_atlte: datetime.datetime | None | Unset = UNSET,
    due_atlt: datetime.datetime | None | Unset = UNSET,
    expand: list[str] | Unset = UNSET,
) -> ListOutInvoiceOut | Problem | None:
    """List Invoices

     List invoices.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        status (list[str] | None | Unset): One or more statuses.
        customer (None | str | Unset):
        subscription (None | str | Unset):
        currency (None | str | Unset):
        number (None | str | Unset):
        collection_method (list[str] | None | Unset): One or both methods.
        product (list[str] | None | Unset): Invoices for plans of these products.
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):
        due_atgte (datetime.datetime | None | Unset):
        due_atgt (datetime.datetime | None | Unset):
        due_atlte (datetime.datetime | None | Unset):
        due_atlt (datetime.datetime | None | Unset):
        expand (list[str] | Unset): Any of: customer

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutInvoiceOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            status=status,
            customer=customer,
            subscription=subscription,
            currency=currency,
            number=number,
            collection_method=collection_method,
            product=product,
            createdgte=createdgte,
            createdgt=createdgt,
            createdlte=createdlte,
            createdlt=createdlt,
            due_atgte=due_atgte,
            due_atgt=due_atgt,
            due_atlte=due_atlte,
            due_atlt=due_atlt,
            expand=expand,
        )
    ).parsed
