"""Credit notes: corrections of issued invoices with their own gapless numbers.

- `credit_notes`: each refers to its invoice and customer (same account and mode); numbers
  are unique per account and mode; the list filters (invoice, customer) have indexes that
  end in `id`, the keyset order.
- `credit_note_lines`: each refers to its note, and goes with it.
- Accounts gain `credit_note_number_template` (`CN-{seq:04}` until changed).

Revision ID: a20c0e0c1004
Revises: a20c0e0c1003
Create Date: 2026-12-05 00:04:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from remit.db.types import Id, JSONDoc, Money, UTCDateTime

revision = "a20c0e0c1004"
down_revision = "a20c0e0c1003"
branch_labels = None
depends_on = None

_AMOUNTS = (
    "subtotal", "discount_amount", "tax_amount", "total", "pre_payment_amount",
    "post_payment_amount", "refund_amount", "credit_amount", "out_of_band_amount",
)  # fmt: skip


def _reference(
    table: str, column: str, target: str, *, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    """`column` names a row of `target` of the same account and mode (db.columns), named as
    the models' naming convention names it (db.base)."""
    return sa.ForeignKeyConstraint(
        ["account_id", "livemode", column],
        [f"{target}.account_id", f"{target}.livemode", f"{target}.id"],
        name=f"fk_{table}_account_id_{column}_{target}",
        ondelete=ondelete,
    )


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column(
                "credit_note_number_template",
                sa.String(100),
                server_default="CN-{seq:04}",
                nullable=False,
            )
        )
    op.create_table(
        "credit_notes",
        sa.Column("account_id", Id(), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("id", Id(), primary_key=True),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("invoice_id", Id(), nullable=False),
        sa.Column("customer_id", Id(), nullable=False),
        sa.Column("currency", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32)),
        sa.Column("memo", sa.Text()),
        *(sa.Column(name, Money(), nullable=False) for name in _AMOUNTS),
        sa.Column("tax_breakdown", JSONDoc, nullable=False),
        sa.Column("refund_ids", JSONDoc, nullable=False),
        sa.Column("metadata", JSONDoc, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("voided_at", UTCDateTime()),
        sa.UniqueConstraint(
            "account_id", "livemode", "id", name="uq_credit_notes_account_id_livemode_id"
        ),
        sa.UniqueConstraint(
            "account_id", "livemode", "number", name="uq_credit_notes_account_id_livemode_number"
        ),
        _reference("credit_notes", "invoice_id", "invoices"),
        _reference("credit_notes", "customer_id", "customers"),
    )
    op.create_index(
        "ix_credit_notes_account_invoice", "credit_notes", ["account_id", "invoice_id", "id"]
    )
    op.create_index(
        "ix_credit_notes_account_customer", "credit_notes", ["account_id", "customer_id", "id"]
    )
    op.create_table(
        "credit_note_lines",
        sa.Column("account_id", Id(), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("id", Id(), primary_key=True),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("credit_note_id", Id(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("invoice_line_id", Id()),
        sa.Column("description", sa.Text()),
        sa.Column("quantity", Money()),
        sa.Column("unit_amount", Money()),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("discount_amount", Money(), nullable=False),
        sa.Column("tax_rate", Money(), nullable=False),
        sa.Column("tax_inclusive", sa.Boolean(), nullable=False),
        sa.Column("tax_amount", Money(), nullable=False),
        _reference("credit_note_lines", "credit_note_id", "credit_notes", ondelete="CASCADE"),
    )
    op.create_index(
        "ix_credit_note_lines_note",
        "credit_note_lines",
        ["account_id", "credit_note_id", "position"],
    )


def downgrade() -> None:
    op.drop_table("credit_note_lines")
    op.drop_table("credit_notes")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("credit_note_number_template")
