"""Metadata updates merge, as Stripe's do: a key set to null is removed, others are set."""

from __future__ import annotations

from typing import Any


def merged(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    result = dict(current)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def cleaned(values: dict[str, Any]) -> dict[str, Any]:
    """Metadata as first given: nulls mean nothing yet, so they are dropped."""
    return {key: value for key, value in values.items() if value is not None}
