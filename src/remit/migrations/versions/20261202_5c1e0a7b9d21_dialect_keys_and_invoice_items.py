"""Provider dialects: key kinds with sealed HMAC secrets, invoice-level tax rates and pending
invoice items.

- `api_keys.kind` (`remit`, `rapyd`, …) and `secret_sealed`: a provider key whose secret must
  be recoverable (an HMAC signature is checked with it) keeps it sealed with the server secret.
- `invoices.default_tax_rate` and `invoice_lines.tax_from_invoice`: lines that name no tax
  rate follow the invoice's (Rapyd's `tax_percent`).
- `pending_invoice_items`: items waiting for the customer's next invoice in their currency.

Column types are spelled out (see the initial revision).

Revision ID: 5c1e0a7b9d21
Revises: 90d4d035373a
Create Date: 2026-12-02 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "5c1e0a7b9d21"
down_revision = "90d4d035373a"
branch_labels = None
depends_on = None


def ident() -> sa.types.TypeEngine:
    return sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql")


def money() -> sa.types.TypeEngine:
    return sa.Text().with_variant(sa.Numeric(), "postgresql")


def utc_datetime() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


def json_doc() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="remit")
        )
        batch_op.add_column(sa.Column("secret_sealed", sa.Text(), nullable=True))
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("default_tax_rate", money(), nullable=True))
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tax_from_invoice", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "pending_invoice_items",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("customer_id", ident(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", money(), nullable=False),
        sa.Column("unit_amount", money(), nullable=False),
        sa.Column("tax_rate", money(), nullable=True),
        sa.Column("period_start", utc_datetime(), nullable=True),
        sa.Column("period_end", utc_datetime(), nullable=True),
        sa.Column("metadata", json_doc(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_pending_invoice_items_account_id_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "customer_id"],
            ["customers.account_id", "customers.id"],
            name=op.f("fk_pending_invoice_items_account_id_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_pending_invoice_items")),
    )
    with op.batch_alter_table("pending_invoice_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pending_invoice_items_customer",
            ["account_id", "customer_id", "currency", "id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("pending_invoice_items", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_invoice_items_customer")
    op.drop_table("pending_invoice_items")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_column("tax_from_invoice")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("default_tax_rate")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_column("secret_sealed")
        batch_op.drop_column("kind")
