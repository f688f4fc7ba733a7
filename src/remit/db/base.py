"""The declarative base every table derives from, and the session class remit uses."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import ForeignKeyConstraint, MetaData, Table
from sqlalchemy.orm import DeclarativeBase, Session


def _reference_columns(constraint: ForeignKeyConstraint, _table: Table) -> str:
    """A reference's columns as its name says them, without `livemode`: every reference
    within an account carries the mode (db.columns), and its name stays the one it had
    before modes (and within PostgreSQL's 63 characters)."""
    return "_".join(name for name in constraint.column_keys if name != "livemode")


NAMING: dict[str, Any] = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "reference_columns": _reference_columns,
    "fk": "fk_%(table_name)s_%(reference_columns)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # SQLAlchemy types it a `FromClause`; every remit model declares a table of its own.
    __table__: ClassVar[Table]


WAKEUPS = "remit_wakeups"  # session.info key: callables to run after a commit that made work


class RemitSession(Session):
    """remit's sessions; `webhooks.fanout` listens to them to write deliveries for events."""
