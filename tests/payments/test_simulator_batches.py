"""The simulator books several charges in one call (`charge_many`, how a billing group's
charges are asked): each answered as `charge` answers it, a repeated key with the charge
booked first."""

from __future__ import annotations

from decimal import Decimal

from remit.payments.processors.base import Batching, ChargeRequest
from remit.payments.processors.simulator import Simulator
from remit.runtime import Runtime


def _request(key: str, token: str) -> ChargeRequest:
    return ChargeRequest(key, Decimal("12.50"), "EUR", token, "card", "acct_x", False, "Test")


async def test_charge_many_answers_each_as_charge_does(runtime: Runtime) -> None:
    simulator = Simulator(runtime)
    assert isinstance(simulator, Batching)
    first = await simulator.charge(_request("key-1", "tok_visa"))
    requests = [
        _request("key-2", "tok_chargeDeclined"),
        _request("key-1", "tok_visa"),  # booked before: that charge again
        _request("key-3", "tok_unknown"),
        _request("key-4", "tok_pending_succeeds"),
        _request("key-5", "tok_visa"),
    ]
    results = await simulator.charge_many(requests)
    assert [result.status for result in results] == [
        "failed", "succeeded", "failed", "pending", "succeeded"
    ]  # fmt: skip
    assert results[0].failure_code == "card_declined"
    assert results[1] == first
    assert (results[2].failure_code, results[2].reference) == ("invalid_token", None)
    references = [result.reference for result in results if result.reference is not None]
    assert len(set(references)) == 4 and all(ref.startswith("sim_ch_") for ref in references)
    again = await simulator.charge_many(requests)  # every key booked: the same answers
    assert again == results
    assert (await simulator.retrieve(results[3].reference or "")).status == "succeeded"
    assert await simulator.charge_many([]) == []
