"""List parameters and the list envelope `{object, data, has_more, next_cursor}`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel

from remit.kernel.ids import is_id
from remit.kernel.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, PageRequest
from remit.kernel.problems import FieldError, ValidationFailed

Item = TypeVar("Item", bound=BaseModel)
T = TypeVar("T")


class ListOut(BaseModel, Generic[Item]):
    object: Literal["list"] = "list"
    data: list[Item]
    has_more: bool
    next_cursor: str | None

    @classmethod
    def of(cls, page: Page[T], present: Callable[[T], Item]) -> ListOut[Item]:
        return cls(
            data=[present(item) for item in page.items],
            has_more=page.has_more,
            next_cursor=page.next_cursor,
        )


def expand_params(*expandable: str) -> Any:
    """A dependency reading `expand[]` (repeatable), limited to the `expandable` fields."""

    def dependency(
        expand: list[str] = Query(
            [], alias="expand[]", description=f"Any of: {', '.join(expandable)}"
        ),
    ) -> frozenset[str]:
        unknown = [value for value in expand if value not in expandable]
        if unknown:
            raise ValidationFailed(
                f"Cannot expand {unknown[0]!r}; expandable: {', '.join(expandable)}.",
                errors=[FieldError("expand[]", f"cannot expand '{unknown[0]}'", "invalid_choice")],
            )
        return frozenset(expand)

    return dependency


def page_params(prefix: str) -> Any:
    """A dependency reading `limit`, `starting_after` and `ending_before` for ids of `prefix`."""

    def dependency(
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
        starting_after: str | None = Query(None, max_length=64),
        ending_before: str | None = Query(None, max_length=64),
    ) -> PageRequest:
        errors = [
            FieldError(name, f"must be an id starting with '{prefix}_'", "invalid_cursor")
            for name, value in (
                ("starting_after", starting_after),
                ("ending_before", ending_before),
            )
            if value is not None and not is_id(value, prefix)
        ]
        if starting_after is not None and ending_before is not None:
            errors.append(
                FieldError("ending_before", "cannot be combined with starting_after", "invalid")
            )
        if errors:
            raise ValidationFailed("Invalid pagination parameters.", errors=errors)
        return PageRequest(limit, starting_after, ending_before)

    return dependency
