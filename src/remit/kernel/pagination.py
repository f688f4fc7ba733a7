"""Cursor pagination (SPEC §4): `limit` 1–100, `starting_after` / `ending_before` object ids.

Lists are ordered newest first by id, which embeds the creation time (see `ids`), so a
cursor is simply the id of the object to continue from and a page is one index range scan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


@dataclass(frozen=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    starting_after: str | None = None  # continue with objects older than this id
    ending_before: str | None = None  # continue with objects newer than this id
    # Oldest first (Whop's `direction=asc`): "after" and "before" then follow that order.
    ascending: bool = False

    @property
    def backwards(self) -> bool:
        return self.ending_before is not None


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_more: bool
    next_cursor: str | None

    @classmethod
    def from_rows(
        cls, rows: list[T], request: PageRequest, cursor_of: Callable[[T], str]
    ) -> Page[T]:
        """Build a page from up to `limit + 1` rows fetched in the request's direction."""
        has_more = len(rows) > request.limit
        rows = rows[: request.limit]
        if request.backwards:
            rows.reverse()  # fetched against the list's order from the cursor; shown in it
            cursor = cursor_of(rows[0]) if has_more and rows else None
        else:
            cursor = cursor_of(rows[-1]) if has_more and rows else None
        return cls(items=rows, has_more=has_more, next_cursor=cursor)
