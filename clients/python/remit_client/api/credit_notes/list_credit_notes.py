import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_out_credit_note_out import ListOutCreditNoteOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    invoice: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
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

    json_invoice: None | str | Unset
    if isinstance(invoice, Unset):
        json_invoice = UNSET
    else:
        json_invoice = invoice
    params["invoice"] = json_invoice

    json_customer: None | str | Unset
    if isinstance(customer, Unset):
        json_customer = UNSET
    else:
        json_customer = customer
    params["customer"] = json_customer

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/credit_notes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListOutCreditNoteOut | Problem | None:
    if response.status_code == 200:
        response_200 = ListOutCreditNoteOut.from_dict(response.json())

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
) -> Response[ListOutCreditNoteOut | Problem]:
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
    invoice: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
) -> Response[ListOutCreditNoteOut | Problem]:
    """List Credit Notes

     List credit notes.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        invoice (None | str | Unset):
        customer (None | str | Unset):
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutCreditNoteOut | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        invoice=invoice,
        customer=customer,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
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
    invoice: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
) -> ListOutCreditNoteOut | Problem | None:
    """List Credit Notes

     List credit notes.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        invoice (None | str | Unset):
        customer (None | str | Unset):
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutCreditNoteOut | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        invoice=invoice,
        customer=customer,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    invoice: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
) -> Response[ListOutCreditNoteOut | Problem]:
    """List Credit Notes

     List credit notes.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        invoice (None | str | Unset):
        customer (None | str | Unset):
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutCreditNoteOut | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        starting_after=starting_after,
        ending_before=ending_before,
        invoice=invoice,
        customer=customer,
        createdgte=createdgte,
        createdgt=createdgt,
        createdlte=createdlte,
        createdlt=createdlt,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 10,
    starting_after: None | str | Unset = UNSET,
    ending_before: None | str | Unset = UNSET,
    invoice: None | str | Unset = UNSET,
    customer: None | str | Unset = UNSET,
    createdgte: datetime.datetime | None | Unset = UNSET,
    createdgt: datetime.datetime | None | Unset = UNSET,
    createdlte: datetime.datetime | None | Unset = UNSET,
    createdlt: datetime.datetime | None | Unset = UNSET,
) -> ListOutCreditNoteOut | Problem | None:
    """List Credit Notes

     List credit notes.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        limit (int | Unset):  Default: 10.
        starting_after (None | str | Unset):
        ending_before (None | str | Unset):
        invoice (None | str | Unset):
        customer (None | str | Unset):
        createdgte (datetime.datetime | None | Unset):
        createdgt (datetime.datetime | None | Unset):
        createdlte (datetime.datetime | None | Unset):
        createdlt (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutCreditNoteOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            invoice=invoice,
            customer=customer,
            createdgte=createdgte,
            createdgt=createdgt,
            createdlte=createdlte,
            createdlt=createdlt,
        )
    ).parsed
