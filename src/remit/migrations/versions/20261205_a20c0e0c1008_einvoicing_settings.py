"""The account's e-invoicing settings (`einvoicing.embed_facturx`).

- Accounts gain `einvoice_embed_facturx`: whether invoice PDFs carry the CII e-invoice as
  Factur-X (docs/einvoicing.md); true for every account, new and existing.

Revision ID: a20c0e0c1008
Revises: a20c0e0c1007
Create Date: 2026-12-05 01:01:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a20c0e0c1008"
down_revision = "a20c0e0c1007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column("einvoice_embed_facturx", sa.Boolean(), server_default=sa.true(),
                      nullable=False)
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("einvoice_embed_facturx")
