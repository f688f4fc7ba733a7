"""Plans gain Stripe's pricing models: `billing_scheme` (per_unit | tiered), `tiers_mode`
(graduated | volume) with `tiers`, `transform_quantity` (package pricing) and `usage_type`
(licensed | metered). Existing plans are per-unit and licensed, as they were.

Revision ID: 5b1d3e2a7c90
Revises: cc5429670ffe
Create Date: 2026-12-04 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "5b1d3e2a7c90"
down_revision = "cc5429670ffe"
branch_labels = None
depends_on = None


def json_doc() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.add_column(
            sa.Column("billing_scheme", sa.String(16), server_default="per_unit", nullable=False)
        )
        batch.add_column(sa.Column("tiers_mode", sa.String(16), nullable=True))
        batch.add_column(sa.Column("tiers", json_doc(), nullable=True))
        batch.add_column(sa.Column("transform_quantity", json_doc(), nullable=True))
        batch.add_column(
            sa.Column("usage_type", sa.String(16), server_default="licensed", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        for column in ("usage_type", "transform_quantity", "tiers", "tiers_mode", "billing_scheme"):
            batch.drop_column(column)
