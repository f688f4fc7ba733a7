import datetime
from http import HTTPStatus
from typing import Any, Literal
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_out_meter_summary_out import ListOutMeterSummaryOut
from ...models.meter_summary_out import MeterSummaryOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    meter_id: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    customer: str,
    value_grouping_window: Literal["day"] | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start = start.isoformat()
    params["start"] = json_start

    json_end = end.isoformat()
    params["end"] = json_end

    params["customer"] = customer

    json_value_grouping_window: Literal["day"] | None | Unset
    if isinstance(value_grouping_window, Unset):
        json_value_grouping_window = UNSET
    else:
        json_value_grouping_window = value_grouping_window
    params["value_grouping_window"] = json_value_grouping_window

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/meters/{meter_id}/summaries".format(
            meter_id=quote(str(meter_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ListOutMeterSummaryOut | MeterSummaryOut | Problem | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ListOutMeterSummaryOut | MeterSummaryOut:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = MeterSummaryOut.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ListOutMeterSummaryOut.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ListOutMeterSummaryOut | MeterSummaryOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    meter_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    customer: str,
    value_grouping_window: Literal["day"] | None | Unset = UNSET,
) -> Response[ListOutMeterSummaryOut | MeterSummaryOut | Problem]:
    """Summarize Meter

     What the customer's events add up to in [start, end), billed or not: one summary, or
    one per UTC day with `value_grouping_window=day`.

    Requires an API key with `plans:read` and `subscriptions:read` (or `*`; a `:write` scope includes
    `:read`).

    Args:
        meter_id (str):
        start (datetime.datetime):
        end (datetime.datetime):
        customer (str):
        value_grouping_window (Literal['day'] | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutMeterSummaryOut | MeterSummaryOut | Problem]
    """

    kwargs = _get_kwargs(
        meter_id=meter_id,
        start=start,
        end=end,
        customer=customer,
        value_grouping_window=value_grouping_window,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    meter_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    customer: str,
    value_grouping_window: Literal["day"] | None | Unset = UNSET,
) -> ListOutMeterSummaryOut | MeterSummaryOut | Problem | None:
    """Summarize Meter

     What the customer's events add up to in [start, end), billed or not: one summary, or
    one per UTC day with `value_grouping_window=day`.

    Requires an API key with `plans:read` and `subscriptions:read` (or `*`; a `:write` scope includes
    `:read`).

    Args:
        meter_id (str):
        start (datetime.datetime):
        end (datetime.datetime):
        customer (str):
        value_grouping_window (Literal['day'] | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutMeterSummaryOut | MeterSummaryOut | Problem
    """

    return sync_detailed(
        meter_id=meter_id,
        client=client,
        start=start,
        end=end,
        customer=customer,
        value_grouping_window=value_grouping_window,
    ).parsed


async def asyncio_detailed(
    meter_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    customer: str,
    value_grouping_window: Literal["day"] | None | Unset = UNSET,
) -> Response[ListOutMeterSummaryOut | MeterSummaryOut | Problem]:
    """Summarize Meter

     What the customer's events add up to in [start, end), billed or not: one summary, or
    one per UTC day with `value_grouping_window=day`.

    Requires an API key with `plans:read` and `subscriptions:read` (or `*`; a `:write` scope includes
    `:read`).

    Args:
        meter_id (str):
        start (datetime.datetime):
        end (datetime.datetime):
        customer (str):
        value_grouping_window (Literal['day'] | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListOutMeterSummaryOut | MeterSummaryOut | Problem]
    """

    kwargs = _get_kwargs(
        meter_id=meter_id,
        start=start,
        end=end,
        customer=customer,
        value_grouping_window=value_grouping_window,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    meter_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime,
    end: datetime.datetime,
    customer: str,
    value_grouping_window: Literal["day"] | None | Unset = UNSET,
) -> ListOutMeterSummaryOut | MeterSummaryOut | Problem | None:
    """Summarize Meter

     What the customer's events add up to in [start, end), billed or not: one summary, or
    one per UTC day with `value_grouping_window=day`.

    Requires an API key with `plans:read` and `subscriptions:read` (or `*`; a `:write` scope includes
    `:read`).

    Args:
        meter_id (str):
        start (datetime.datetime):
        end (datetime.datetime):
        customer (str):
        value_grouping_window (Literal['day'] | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListOutMeterSummaryOut | MeterSummaryOut | Problem
    """

    return (
        await asyncio_detailed(
            meter_id=meter_id,
            client=client,
            start=start,
            end=end,
            customer=customer,
            value_grouping_window=value_grouping_window,
        )
    ).parsed
