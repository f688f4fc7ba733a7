"""List parameters and the list envelope `{object, data, has_more, next_cursor}`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel

from remit.api_keys.service import Principal
from remit.kernel.ids import is_id
from remit.kernel.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, PageRequest
from remit.kernel.problems import FieldError, ValidationFailed
from remit.kernel.scopes import ensure

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


@dataclass(frozen=True)
class Expansion:
    """What `expand[]` asked for. An expanded object is read as itself, so each expandable
    field names its object's read scope: the fields come out of `allowed`, which checks it."""

    requested: frozenset[str]
    scopes: Mapping[str, str]

    def allowed(self, principal: Principal) -> frozenset[str]:
        """The fields to expand, once the key holds each one's read scope (else 403)."""
        for name in sorted(self.requested):
            scope = self.scopes[name]
            detail = f"Expanding '{name}' needs the '{scope}' scope, which this API key lacks."
            ensure(principal.scopes, scope, detail, param="expand[]")
        return self.requested


def expand_params(**expandable: str) -> Any:
    """A dependency reading `expand[]` (repeatable), limited to the `expandable` fields, each
    given with the read scope of the object it expands to (`customer="customers:read"`)."""
    names = ", ".join(expandable)

    def dependency(
        expand: list[str] = Query([], alias="expand[]", description=f"Any of: {names}"),
    ) -> Expansion:
        unknown = [value for value in expand if value not in expandable]
        if unknown:
            raise ValidationFailed(
                f"Cannot expand {unknown[0]!r}; expandable: {names}.",
                errors=[FieldError("expand[]", f"cannot expand '{unknown[0]}'", "invalid_choice")],
            )
        return Expansion(frozenset(expand), expandable)

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
