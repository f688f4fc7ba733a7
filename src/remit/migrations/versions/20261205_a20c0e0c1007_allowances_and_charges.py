"""Line and document allowances and charges (EN 16931 BG-20, BG-21, BG-27, BG-28).

- Invoice lines gain `allowances` and `charges` (JSON lists, empty until given) and
  `net_amount` (BT-131), filled for the lines written before: amount − discount.
- Invoices gain `allowances` and `charges` and their sums `allowance_amount` and
  `charge_amount` (BT-107, BT-108), 0 for the invoices written before.
- Pending invoice items gain `allowances` and `charges`, which their lines will take.

Revision ID: a20c0e0c1007
Revises: a20c0e0c1006
Create Date: 2026-12-05 01:00:00
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

from remit.db.types import JSONDoc, Money

revision = "a20c0e0c1007"
down_revision = "a20c0e0c1006"
branch_labels = None
depends_on = None


def _lists(batch: BatchOperations) -> None:
    for name in ("allowances", "charges"):
        batch.add_column(sa.Column(name, JSONDoc, server_default="[]", nullable=False))


def upgrade() -> None:
    with op.batch_alter_table("invoice_lines") as batch:
        _lists(batch)
        batch.add_column(sa.Column("net_amount", Money(), server_default="0", nullable=False))
    with op.batch_alter_table("invoices") as batch:
        _lists(batch)
        for name in ("allowance_amount", "charge_amount"):
            batch.add_column(sa.Column(name, Money(), server_default="0", nullable=False))
    with op.batch_alter_table("pending_invoice_items") as batch:
        _lists(batch)
    _fill_net_amounts(op.get_bind())


def _fill_net_amounts(connection: sa.Connection) -> None:
    """amount − discount, in exact decimals (SQLite keeps money as text: its `-` would go
    through a float, so the few discounted lines are computed here)."""
    lines = sa.table(
        "invoice_lines",
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("amount", Money()),
        sa.column("discount_amount", Money()),
        sa.column("net_amount", Money()),
    )
    connection.execute(sa.update(lines).values(net_amount=lines.c.amount))
    discounted = sa.select(
        lines.c.account_id, lines.c.id, lines.c.amount, lines.c.discount_amount
    ).where(lines.c.discount_amount != Decimal(0))
    for account_id, line_id, amount, discount in connection.execute(discounted).all():
        if Decimal(discount) == 0:
            continue
        keyed = (lines.c.account_id == account_id) & (lines.c.id == line_id)
        net = Decimal(amount) - Decimal(discount)
        connection.execute(sa.update(lines).where(keyed).values(net_amount=net))


def downgrade() -> None:
    with op.batch_alter_table("pending_invoice_items") as batch:
        batch.drop_column("charges")
        batch.drop_column("allowances")
    with op.batch_alter_table("invoices") as batch:
        for name in ("charge_amount", "allowance_amount", "charges", "allowances"):
            batch.drop_column(name)
    with op.batch_alter_table("invoice_lines") as batch:
        for name in ("net_amount", "charges", "allowances"):
            batch.drop_column(name)
