"""Column types that make SQLite and PostgreSQL store the same values the same way.

- `Money`: NUMERIC on PostgreSQL; on SQLite a TEXT column holding the decimal's plain text,
  because SQLite's NUMERIC affinity silently turns values into 8-byte floats.
- `UTCDateTime`: always timezone-aware UTC in Python; TIMESTAMPTZ on PostgreSQL and a
  fixed-width UTC text on SQLite (so comparisons in SQL order correctly).
- `Id`: ids compare byte-wise (`COLLATE "C"` on PostgreSQL) so keyset order is creation order.
- `JSONDoc`: JSONB on PostgreSQL, JSON text on SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, Numeric, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator, TypeEngine


class Money(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"Money columns take Decimal, not {type(value).__name__}")
        return f"{value:f}" if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def Id(length: int = 40) -> TypeEngine[str]:
    return String(length).with_variant(String(length, collation="C"), "postgresql")


JSONDoc: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")
