from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.credit_note_out import CreditNoteOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    invoice: None | str | Unset = UNSET,
    lines: None | str | Unset = UNSET,
    amount: None | str | Unset = UNSET,
    reason: None | str | Unset = UNSET,
    memo: None | str | Unset = UNSET,
    refund_amount: None | str | Unset = UNSET,
    credit_amount: None | str | Unset = UNSET,
    out_of_band_amount: None | str | Unset = UNSET,
    metadata: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_invoice: None | str | Unset
    if isinstance(invoice, Unset):
        json_invoice = UNSET
    else:
        json_invoice = invoice
    params["invoice"] = json_invoice

    json_lines: None | str | Unset
    if isinstance(lines, Unset):
        json_lines = UNSET
    else:
        json_lines = lines
    params["lines"] = json_lines

    json_amount: None | str | Unset
    if isinstance(amount, Unset):
        json_amount = UNSET
    else:
        json_amount = amount
    params["amount"] = json_amount

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    else:
        json_reason = reason
    params["reason"] = json_reason

    json_memo: None | str | Unset
    if isinstance(memo, Unset):
        json_memo = UNSET
    else:
        json_memo = memo
    params["memo"] = json_memo

    json_refund_amount: None | str | Unset
    if isinstance(refund_amount, Unset):
        json_refund_amount = UNSET
    else:
        json_refund_amount = refund_amount
    params["refund_amount"] = json_refund_amount

    json_credit_amount: None | str | Unset
    if isinstance(credit_amount, Unset):
        json_credit_amount = UNSET
    else:
        json_credit_amount = credit_amount
    params["credit_amount"] = json_credit_amount

    json_out_of_band_amount: None | str | Unset
    if isinstance(out_of_band_amount, Unset):
        json_out_of_band_amount = UNSET
    else:
        json_out_of_band_amount = out_of_band_amount
    params["out_of_band_amount"] = json_out_of_band_amount

    json_metadata: None | str | Unset
    if isinstance(metadata, Unset):
        json_metadata = UNSET
    else:
        json_metadata = metadata
    params["metadata"] = json_metadata

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/credit_notes/preview",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreditNoteOut | Problem | None:
    if response.status_code == 200:
        response_200 = CreditNoteOut.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

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
) -> Response[CreditNoteOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    invoice: None | str | Unset = UNSET,
    lines: None | str | Unset = UNSET,
    amount: None | str | Unset = UNSET,
    reason: None | str | Unset = UNSET,
    memo: None | str | Unset = UNSET,
    refund_amount: None | str | Unset = UNSET,
    credit_amount: None | str | Unset = UNSET,
    out_of_band_amount: None | str | Unset = UNSET,
    metadata: None | str | Unset = UNSET,
) -> Response[CreditNoteOut | Problem]:
    """Preview Credit Note

     The credit note the same parameters would issue now, without issuing it: nothing is
    written and no number is taken (`id` and `number` are null).

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice (None | str | Unset):
        lines (None | str | Unset): The lines, as JSON text (as in the POST).
        amount (None | str | Unset):
        reason (None | str | Unset):
        memo (None | str | Unset):
        refund_amount (None | str | Unset):
        credit_amount (None | str | Unset):
        out_of_band_amount (None | str | Unset):
        metadata (None | str | Unset): Metadata, as JSON text.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditNoteOut | Problem]
    """

    kwargs = _get_kwargs(
        invoice=invoice,
        lines=lines,
        amount=amount,
        reason=reason,
        memo=memo,
        refund_amount=refund_amount,
        credit_amount=credit_amount,
        out_of_band_amount=out_of_band_amount,
        metadata=metadata,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    invoice: None | str | Unset = UNSET,
    lines: None | str | Unset = UNSET,
    amount: None | str | Unset = UNSET,
    reason: None | str | Unset = UNSET,
    memo: None | str | Unset = UNSET,
    refund_amount: None | str | Unset = UNSET,
    credit_amount: None | str | Unset = UNSET,
    out_of_band_amount: None | str | Unset = UNSET,
    metadata: None | str | Unset = UNSET,
) -> CreditNoteOut | Problem | None:
    """Preview Credit Note

     The credit note the same parameters would issue now, without issuing it: nothing is
    written and no number is taken (`id` and `number` are null).

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice (None | str | Unset):
        lines (None | str | Unset): The lines, as JSON text (as in the POST).
        amount (None | str | Unset):
        reason (None | str | Unset):
        memo (None | str | Unset):
        refund_amount (None | str | Unset):
        credit_amount (None | str | Unset):
        out_of_band_amount (None | str | Unset):
        metadata (None | str | Unset): Metadata, as JSON text.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditNoteOut | Problem
    """

    return sync_detailed(
        client=client,
        invoice=invoice,
        lines=lines,
        amount=amount,
        reason=reason,
        memo=memo,
        refund_amount=refund_amount,
        credit_amount=credit_amount,
        out_of_band_amount=out_of_band_amount,
        metadata=metadata,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    invoice: None | str | Unset = UNSET,
    lines: None | str | Unset = UNSET,
    amount: None | str | Unset = UNSET,
    reason: None | str | Unset = UNSET,
    memo: None | str | Unset = UNSET,
    refund_amount: None | str | Unset = UNSET,
    credit_amount: None | str | Unset = UNSET,
    out_of_band_amount: None | str | Unset = UNSET,
    metadata: None | str | Unset = UNSET,
) -> Response[CreditNoteOut | Problem]:
    """Preview Credit Note

     The credit note the same parameters would issue now, without issuing it: nothing is
    written and no number is taken (`id` and `number` are null).

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice (None | str | Unset):
        lines (None | str | Unset): The lines, as JSON text (as in the POST).
        amount (None | str | Unset):
        reason (None | str | Unset):
        memo (None | str | Unset):
        refund_amount (None | str | Unset):
        credit_amount (None | str | Unset):
        out_of_band_amount (None | str | Unset):
        metadata (None | str | Unset): Metadata, as JSON text.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditNoteOut | Problem]
    """

    kwargs = _get_kwargs(
        invoice=invoice,
        lines=lines,
        amount=amount,
        reason=reason,
        memo=memo,
        refund_amount=refund_amount,
        credit_amount=credit_amount,
        out_of_band_amount=out_of_band_amount,
        metadata=metadata,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    invoice: None | str | Unset = UNSET,
    lines: None | str | Unset = UNSET,
    amount: None | str | Unset = UNSET,
    reason: None | str | Unset = UNSET,
    memo: None | str | Unset = UNSET,
    refund_amount: None | str | Unset = UNSET,
    credit_amount: None | str | Unset = UNSET,
    out_of_band_amount: None | str | Unset = UNSET,
    metadata: None | str | Unset = UNSET,
) -> CreditNoteOut | Problem | None:
    """Preview Credit Note

     The credit note the same parameters would issue now, without issuing it: nothing is
    written and no number is taken (`id` and `number` are null).

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice (None | str | Unset):
        lines (None | str | Unset): The lines, as JSON text (as in the POST).
        amount (None | str | Unset):
        reason (None | str | Unset):
        memo (None | str | Unset):
        refund_amount (None | str | Unset):
        credit_amount (None | str | Unset):
        out_of_band_amount (None | str | Unset):
        metadata (None | str | Unset): Metadata, as JSON text.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditNoteOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            invoice=invoice,
            lines=lines,
            amount=amount,
            reason=reason,
            memo=memo,
            refund_amount=refund_amount,
            credit_amount=credit_amount,
            out_of_band_amount=out_of_band_amount,
            metadata=metadata,
        )
    ).parsed
