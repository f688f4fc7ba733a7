"""Invoices show the customer balance applied to them and the credit notes issued against them.

Revision ID: a20c0e0c1001
Revises: 9f1c2d3e4a56
Create Date: 2026-12-05 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from remit.db.types import Money

revision = "a20c0e0c1001"
down_revision = "9f1c2d3e4a56"
branch_labels = None
depends_on = None

_AMOUNTS = (
    "starting_balance",
    "applied_balance",
    "pre_payment_credit_notes_amount",
    "post_payment_credit_notes_amount",
)


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        for name in _AMOUNTS:
            batch.add_column(sa.Column(name, Money(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("credit_note_ids", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"))
        )


def downgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        for name in (*_AMOUNTS, "credit_note_ids"):
            batch.drop_column(name)
