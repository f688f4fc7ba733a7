"""The seller's and the buyer's legal data, for legal invoices (docs/einvoicing.md).

- Accounts gain `legal_name`, `tax_ids` (a JSON list of {type, value}), `registration_id`,
  `email` and `phone`.
- Customers gain `tax_ids` and `tax_exempt` (`none` until changed); `tax_id` stays.

Revision ID: a20c0e0c1005
Revises: a20c0e0c1004
Create Date: 2026-12-05 00:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from remit.db.types import JSONDoc

revision = "a20c0e0c1005"
down_revision = "a20c0e0c1004"
branch_labels = None
depends_on = None


def _tax_ids() -> sa.Column:
    return sa.Column("tax_ids", JSONDoc, server_default="[]", nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("legal_name", sa.String(255)))
        batch.add_column(_tax_ids())
        batch.add_column(sa.Column("registration_id", sa.String(100)))
        batch.add_column(sa.Column("email", sa.String(320)))
        batch.add_column(sa.Column("phone", sa.String(64)))
    with op.batch_alter_table("customers") as batch:
        batch.add_column(_tax_ids())
        batch.add_column(
            sa.Column("tax_exempt", sa.String(16), server_default="none", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("tax_exempt")
        batch.drop_column("tax_ids")
    with op.batch_alter_table("accounts") as batch:
        for column in ("phone", "email", "registration_id", "tax_ids", "legal_name"):
            batch.drop_column(column)
