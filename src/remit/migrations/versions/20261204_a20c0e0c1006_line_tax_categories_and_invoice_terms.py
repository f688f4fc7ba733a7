"""Invoice lines' VAT categories and the invoice's e-invoicing terms (docs/einvoicing.md).

- Invoice lines gain `tax_category` (NULL: by the line's rate, `S` above 0 % and `Z` at 0 %,
  so lines written before keep their tax groups), `tax_exemption_reason`,
  `tax_exemption_reason_code` and `unit_code` (`C62`, "one", until given).
- Invoices gain `buyer_reference`, `note`, `payment_terms`, `delivery_date` and
  `customer_tax_exempt`, taken from each invoice's customer.

Revision ID: a20c0e0c1006
Revises: a20c0e0c1005
Create Date: 2026-12-05 00:06:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a20c0e0c1006"
down_revision = "a20c0e0c1005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invoice_lines") as batch:
        batch.add_column(sa.Column("tax_category", sa.String(2)))
        batch.add_column(sa.Column("tax_exemption_reason", sa.String(255)))
        batch.add_column(sa.Column("tax_exemption_reason_code", sa.String(32)))
        batch.add_column(sa.Column("unit_code", sa.String(3), server_default="C62", nullable=False))
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(sa.Column("buyer_reference", sa.String(255)))
        batch.add_column(sa.Column("note", sa.Text()))
        batch.add_column(sa.Column("payment_terms", sa.Text()))
        batch.add_column(sa.Column("delivery_date", sa.Date()))
        batch.add_column(
            sa.Column("customer_tax_exempt", sa.String(16), server_default="none", nullable=False)
        )
    op.execute(
        "UPDATE invoices SET customer_tax_exempt = (SELECT customers.tax_exempt FROM customers "
        "WHERE customers.account_id = invoices.account_id AND customers.id = invoices.customer_id)"
        " WHERE EXISTS (SELECT 1 FROM customers WHERE customers.account_id = invoices.account_id"
        " AND customers.id = invoices.customer_id AND customers.tax_exempt <> 'none')"
    )


def downgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        for column in (
            "customer_tax_exempt", "delivery_date", "payment_terms", "note", "buyer_reference",
        ):  # fmt: skip
            batch.drop_column(column)
    with op.batch_alter_table("invoice_lines") as batch:
        for column in (
            "unit_code", "tax_exemption_reason_code", "tax_exemption_reason", "tax_category",
        ):  # fmt: skip
            batch.drop_column(column)
