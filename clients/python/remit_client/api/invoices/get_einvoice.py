from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_einvoice_profile import GetEinvoiceProfile
from ...models.get_einvoice_syntax import GetEinvoiceSyntax
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    invoice_id: str,
    *,
    syntax: GetEinvoiceSyntax | Unset = "ubl",
    profile: GetEinvoiceProfile | Unset = "en16931",
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
        "url": "/v1/invoices/{invoice_id}/einvoice".format(
            invoice_id=quote(str(invoice_id), safe=""),
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
    invoice_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetEinvoiceSyntax | Unset = "ubl",
    profile: GetEinvoiceProfile | Unset = "en16931",
) -> Response[Any | Problem]:
    """The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B

     The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice_id (str):
        syntax (GetEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or `cii` (CII
            D16B). Default: 'ubl'.
        profile (GetEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default: 'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        syntax=syntax,
        profile=profile,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    invoice_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetEinvoiceSyntax | Unset = "ubl",
    profile: GetEinvoiceProfile | Unset = "en16931",
) -> Any | Problem | None:
    """The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B

     The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice_id (str):
        syntax (GetEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or `cii` (CII
            D16B). Default: 'ubl'.
        profile (GetEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default: 'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        invoice_id=invoice_id,
        client=client,
        syntax=syntax,
        profile=profile,
    ).parsed


async def asyncio_detailed(
    invoice_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetEinvoiceSyntax | Unset = "ubl",
    profile: GetEinvoiceProfile | Unset = "en16931",
) -> Response[Any | Problem]:
    """The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B

     The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice_id (str):
        syntax (GetEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or `cii` (CII
            D16B). Default: 'ubl'.
        profile (GetEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default: 'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
        syntax=syntax,
        profile=profile,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    invoice_id: str,
    *,
    client: AuthenticatedClient,
    syntax: GetEinvoiceSyntax | Unset = "ubl",
    profile: GetEinvoiceProfile | Unset = "en16931",
) -> Any | Problem | None:
    """The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B

     The issued invoice as an EN 16931 e-invoice: UBL 2.1 or CII D16B.

    Requires an API key with `invoices:read` (or `*`; a `:write` scope includes `:read`).

    Args:
        invoice_id (str):
        syntax (GetEinvoiceSyntax | Unset): `ubl` (UBL 2.1 Invoice or CreditNote) or `cii` (CII
            D16B). Default: 'ubl'.
        profile (GetEinvoiceProfile | Unset): `en16931` or `xrechnung` (3.0). Default: 'en16931'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            invoice_id=invoice_id,
            client=client,
            syntax=syntax,
            profile=profile,
        )
    ).parsed
