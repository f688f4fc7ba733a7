"""Column shorthands shared by the tables (every tenant table starts with `account_id`).

Every tenant row also belongs to one mode, test or live (`livemode`), and a row refers only to
rows of its own account *and* mode: a reference is the triple (`account_id`, `livemode`,
`…_id`), which the referred table keeps unique (`mode_key`). So the database, not only the
code, keeps a live invoice from billing a test customer (docs/api.md, "Test mode and live
mode")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, ForeignKeyConstraint, Index, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.types import Id, JSONDoc, UTCDateTime


def tenant_key() -> Mapped[str]:
    """`account_id`, first column of every tenant table's primary key (SPEC §1)."""
    return mapped_column(Id(), ForeignKey("accounts.id"), primary_key=True)


def mode_column(*, primary_key: bool = False) -> Mapped[bool]:
    """`livemode`: the mode the row belongs to. No default: a row is always given its mode."""
    return mapped_column(Boolean, nullable=False, primary_key=primary_key)


def mode_key() -> UniqueConstraint:
    """(`account_id`, `livemode`, `id`): what references to this table point at."""
    return UniqueConstraint("account_id", "livemode", "id")


def tenant_reference(
    column: str, table: str, *, ondelete: str | None = None
) -> ForeignKeyConstraint:
    """`column` names a row of `table` of the same account and the same mode."""
    return ForeignKeyConstraint(
        ["account_id", "livemode", column],
        [f"{table}.account_id", f"{table}.livemode", f"{table}.id"],
        ondelete=ondelete,
    )


def on_clock_index(table: str) -> Index:
    """The rows of a test clock (`test_clock_id`), which advancing and deleting it read."""
    return Index(
        f"ix_{table}_test_clock",
        "account_id",
        "test_clock_id",
        sqlite_where=text("test_clock_id IS NOT NULL"),
        postgresql_where=text("test_clock_id IS NOT NULL"),
    )


def object_id() -> Mapped[str]:
    return mapped_column(Id(), primary_key=True)


def timestamp(*, nullable: bool = False) -> Mapped[Any]:
    return mapped_column(UTCDateTime(), nullable=nullable)


def metadata_column() -> Mapped[dict[str, Any]]:
    return mapped_column("metadata", JSONDoc, nullable=False, default=dict)


def json_column(*, nullable: bool = True) -> Mapped[Any]:
    return mapped_column(JSONDoc, nullable=nullable)


__all__ = [
    "datetime",
    "json_column",
    "metadata_column",
    "mode_column",
    "mode_key",
    "object_id",
    "on_clock_index",
    "tenant_key",
    "tenant_reference",
    "timestamp",
]
