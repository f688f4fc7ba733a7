from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_credit_note_einvoice_profile import (
    GetCreditNoteEinvoiceProfile,
)
from ...models.get_credit_note_einvoice_syntax import GetCreditNoteEinvoiceSyntax
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    credit_note_id: str,
    *,
    syntax: GetCreditNoteEinvoiceSyntax | Unset = "ubl",
    profile: GetCreditNoteEinvoiceProfile | Unset = "en16931",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_syntax: str | Unset = UNSET
    if not isinstance(syntax, Unset):
        json_syntax = syntax

    params["syntax"] = json_syntax

    json_profile: str | Unset = UNSET
    if not isinstance(profile, Unset):
        json_profile = profile

    params["profile"] = json_profile

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/credit_notes/{credit_note_id}/einvoice".format(
            credit_note_id=quote(str(credit_note_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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

    if response.status_code == 405:
        response_405 = Problem.from_dict(response.json())

        return response_405

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    credit_note_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetCreditNoteEinvoiceSyntax | Unset = "ubl",
    profile: GetCreditNoteEinvoiceProfile | Unset = "en16931",
) -> Response[Any | Problem]:
    """The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381

     The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        credit_note_id (str):
        syntax (GetCreditNoteEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or
            `cii` (CII D16B). Default: 'ubl'.
        profile (GetCreditNoteEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default:
            'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        credit_note_id=credit_note_id,
        syntax=syntax,
        profile=profile,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    credit_note_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetCreditNoteEinvoiceSyntax | Unset = "ubl",
    profile: GetCreditNoteEinvoiceProfile | Unset = "en16931",
) -> Any | Problem | None:
    """The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381

     The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        credit_note_id (str):
        syntax (GetCreditNoteEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or
            `cii` (CII D16B). Default: 'ubl'.
        profile (GetCreditNoteEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default:
            'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        credit_note_id=credit_note_id,
        client=client,
        syntax=syntax,
        profile=profile,
    ).parsed


async def asyncio_detailed(
    credit_note_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetCreditNoteEinvoiceSyntax | Unset = "ubl",
    profile: GetCreditNoteEinvoiceProfile | Unset = "en16931",
) -> Response[Any | Problem]:
    """The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381

     The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        credit_note_id (str):
        syntax (GetCreditNoteEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or
            `cii` (CII D16B). Default: 'ubl'.
        profile (GetCreditNoteEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default:
            'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        credit_note_id=credit_note_id,
        syntax=syntax,
        profile=profile,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    credit_note_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetCreditNoteEinvoiceSyntax | Unset = "ubl",
    profile: GetCreditNoteEinvoiceProfile | Unset = "en16931",
) -> Any | Problem | None:
    """The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381

     The credit note as an EN 16931 e-invoice: UBL 2.1 CreditNote or CII type 381.

    Requires an API key with `credit_notes:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        credit_note_id (str):
        syntax (GetCreditNoteEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or
            `cii` (CII D16B). Default: 'ubl'.
        profile (GetCreditNoteEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default:
            'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            credit_note_id=credit_note_id,
            client=client,
            syntax=syntax,
            profile=profile,
        )
    ).parsed
