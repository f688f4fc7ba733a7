"""Customers keep a balance per currency as a ledger of transactions.

Revision ID: a20c0e0c1002
Revises: a20c0e0c1001
Create Date: 2026-12-05 00:02:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from remit.db.types import Id, Money, UTCDateTime

revision = "a20c0e0c1002"
down_revision = "a20c0e0c1001"
branch_labels = None
depends_on = None

_TABLE = "customer_balance_transactions"


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column("account_id", Id(), nullable=False),
        sa.Column("id", Id(), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("customer_id", Id(), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("ending_balance", Money(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("invoice_id", Id()),
        sa.Column("credit_note_id", Id()),
        sa.Column("settlement_id", Id()),
        sa.Column("description", sa.Text()),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f(f"fk_{_TABLE}_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "livemode", "customer_id"],
            ["customers.account_id", "customers.livemode", "customers.id"],
            name=op.f(f"fk_{_TABLE}_account_id_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f(f"pk_{_TABLE}")),
    )
    op.create_index(
        "ix_customer_balance_transactions_customer",
        _TABLE,
        ["account_id", "customer_id", "currency", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_customer_balance_transactions_customer", table_name=_TABLE)
    op.drop_table(_TABLE)
