"""Refunds of settlements, two-phase through the processor.

- `refunds`: each refers to its settlement (same account and mode), which therefore keeps
  (`account_id`, `livemode`, `id`) unique; a partial index answers the worker's question
  (pending processor refunds).
- Settlements gain `amount_refunded`: the sum of their pending and succeeded refunds.

Revision ID: a20c0e0c1003
Revises: a20c0e0c1002
Create Date: 2026-12-05 00:03:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from remit.db.types import Id, Money, UTCDateTime

revision = "a20c0e0c1003"
down_revision = "a20c0e0c1002"
branch_labels = None
depends_on = None

_UNRESOLVED = "status = 'pending' AND processor <> 'manual'"


def upgrade() -> None:
    with op.batch_alter_table("settlements") as batch:
        batch.add_column(sa.Column("amount_refunded", Money(), server_default="0", nullable=False))
        batch.create_unique_constraint(
            "uq_settlements_account_id_livemode_id", ["account_id", "livemode", "id"]
        )
    op.create_table(
        "refunds",
        sa.Column("account_id", Id(), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("id", Id(), primary_key=True),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("settlement_id", Id(), nullable=False),
        sa.Column("invoice_id", Id(), nullable=False),
        sa.Column("credit_note_id", Id()),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("processor", sa.String(32), nullable=False),
        sa.Column("processor_reference", sa.String(255)),
        sa.Column("failure_code", sa.String(64)),
        sa.Column("failure_message", sa.String(500)),
        sa.Column("description", sa.Text()),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "livemode", "settlement_id"],
            ["settlements.account_id", "settlements.livemode", "settlements.id"],
            name="fk_refunds_account_id_settlement_id_settlements",
        ),
    )
    op.create_index("ix_refunds_settlement", "refunds", ["account_id", "settlement_id", "id"])
    op.create_index("ix_refunds_invoice", "refunds", ["account_id", "invoice_id", "id"])
    op.create_index(
        "ix_refunds_unresolved",
        "refunds",
        ["created_at"],
        sqlite_where=sa.text(_UNRESOLVED),
        postgresql_where=sa.text(_UNRESOLVED),
    )


def downgrade() -> None:
    op.drop_table("refunds")
    with op.batch_alter_table("settlements") as batch:
        batch.drop_constraint("uq_settlements_account_id_livemode_id", type_="unique")
        batch.drop_column("amount_refunded")
