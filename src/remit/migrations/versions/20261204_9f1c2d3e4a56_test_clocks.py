"""Test clocks: simulated time for test-mode customers, their subscriptions and invoices.

Revision ID: 9f1c2d3e4a56
Revises: 8e4a6b5d0f23
Create Date: 2026-12-04 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from remit.db.types import Id, UTCDateTime

revision = "9f1c2d3e4a56"
down_revision = "8e4a6b5d0f23"
branch_labels = None
depends_on = None

_ON_CLOCK = ("customers", "subscriptions", "invoices")


def _reference(table: str) -> str:
    """The name the models' naming convention gives the reference (db.base)."""
    return f"fk_{table}_account_id_test_clock_id_test_clocks"


def upgrade() -> None:
    op.create_table(
        "test_clocks",
        sa.Column("account_id", Id(), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("id", Id(), primary_key=True),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.Column("frozen_time", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("target_time", UTCDateTime()),
        sa.Column("leased_until", UTCDateTime()),
        sa.Column("lease_owner", sa.String(128)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("account_id", "livemode", "id"),
    )
    op.create_index("ix_test_clocks_account", "test_clocks", ["account_id", "livemode", "id"])
    op.create_index(
        "ix_test_clocks_advancing",
        "test_clocks",
        ["status"],
        sqlite_where=sa.text("status = 'advancing'"),
        postgresql_where=sa.text("status = 'advancing'"),
    )
    for table in _ON_CLOCK:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("test_clock_id", Id()))
            batch.create_foreign_key(
                _reference(table),
                "test_clocks",
                ["account_id", "livemode", "test_clock_id"],
                ["account_id", "livemode", "id"],
            )
        op.create_index(
            f"ix_{table}_test_clock",
            table,
            ["account_id", "test_clock_id"],
            sqlite_where=sa.text("test_clock_id IS NOT NULL"),
            postgresql_where=sa.text("test_clock_id IS NOT NULL"),
        )


def downgrade() -> None:
    for table in _ON_CLOCK:
        op.drop_index(f"ix_{table}_test_clock", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(_reference(table), type_="foreignkey")
            batch.drop_column("test_clock_id")
    op.drop_table("test_clocks")
