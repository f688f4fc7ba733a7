"""Accounts: the seller's address and manual payment instructions, shown on hosted invoices.

Revision ID: 90d4d035373a
Revises: eabe56fe7941
Create Date: 2026-11-22 01:06:15.762888
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "90d4d035373a"
down_revision = "eabe56fe7941"
branch_labels = None
depends_on = None


def json_doc() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", json_doc(), nullable=True))
        batch_op.add_column(sa.Column("payment_instructions", json_doc(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("payment_instructions")
        batch_op.drop_column("address")
