"""Column shorthands shared by the tables (every tenant table starts with `account_id`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.types import Id, JSONDoc, UTCDateTime


def tenant_key() -> Mapped[str]:
    """`account_id`, first column of every tenant table's primary key (SPEC §1)."""
    return mapped_column(Id(), ForeignKey("accounts.id"), primary_key=True)


def object_id() -> Mapped[str]:
    return mapped_column(Id(), primary_key=True)


def timestamp(*, nullable: bool = False) -> Mapped[Any]:
    return mapped_column(UTCDateTime(), nullable=nullable)


def metadata_column() -> Mapped[dict[str, Any]]:
    return mapped_column("metadata", JSONDoc, nullable=False, default=dict)


def json_column(*, nullable: bool = True) -> Mapped[Any]:
    return mapped_column(JSONDoc, nullable=nullable)


__all__ = ["datetime", "json_column", "metadata_column", "object_id", "tenant_key", "timestamp"]
