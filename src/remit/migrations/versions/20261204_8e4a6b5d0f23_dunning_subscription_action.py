"""Accounts choose what a subscription becomes when dunning of its invoice gives up:
`dunning_subscription_action` = mark_unpaid (default, as Stripe's), cancel or leave_past_due.

Revision ID: 8e4a6b5d0f23
Revises: 7d3f5a4c9e12
Create Date: 2026-12-04 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "8e4a6b5d0f23"
down_revision = "7d3f5a4c9e12"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column(
                "dunning_subscription_action",
                sa.String(24),
                server_default="mark_unpaid",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("dunning_subscription_action")
