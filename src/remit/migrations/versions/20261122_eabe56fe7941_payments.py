"""Payments: payment methods, the simulator's ledger, processor fields on settlements,
dunning settings and state, subscription payment methods, event details.

Column types are spelled out (see the initial revision).

Revision ID: eabe56fe7941
Revises: cbf0a0e9224c
Create Date: 2026-11-22 00:27:55.453145
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "eabe56fe7941"
down_revision = "cbf0a0e9224c"
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
    op.create_table(
        "simulator_charges",
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=255), nullable=False),
        sa.Column("amount", money(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_code", sa.String(length=64), nullable=True),
        sa.Column("retrievals", sa.Integer(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.PrimaryKeyConstraint("idempotency_key", name=op.f("pk_simulator_charges")),
        sa.UniqueConstraint("reference", name=op.f("uq_simulator_charges_reference")),
    )
    op.create_table(
        "payment_methods",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("customer_id", ident(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("processor", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=255), nullable=False),
        sa.Column("brand", sa.String(length=32), nullable=True),
        sa.Column("last4", sa.String(length=4), nullable=True),
        sa.Column("wallet_address", sa.String(length=128), nullable=True),
        sa.Column("metadata", json_doc(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("detached_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id", "customer_id"],
            ["customers.account_id", "customers.id"],
            name=op.f("fk_payment_methods_account_id_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_payment_methods_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_payment_methods")),
    )
    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payment_methods_customer", ["account_id", "customer_id", "id"], unique=False
        )

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("livemode", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("dunning_schedule_days", json_doc(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "dunning_final_action",
                sa.String(length=24),
                server_default="leave_open",
                nullable=False,
            )
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", json_doc(), nullable=True))

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dunning_started_at", utc_datetime(), nullable=True))
        batch_op.create_index(
            "ix_invoices_timer_charge",
            ["next_payment_attempt_at"],
            unique=False,
            sqlite_where=sa.text(
                "status IN ('open', 'past_due') AND next_payment_attempt_at IS NOT NULL"
            ),
            postgresql_where=sa.text(
                "status IN ('open', 'past_due') AND next_payment_attempt_at IS NOT NULL"
            ),
        )

    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("processor", sa.String(length=32), server_default="manual", nullable=False)
        )
        batch_op.add_column(sa.Column("payment_method_id", ident(), nullable=True))
        batch_op.add_column(sa.Column("processor_reference", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("failure_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("failure_message", sa.String(length=500), nullable=True))
        batch_op.create_index(
            "ix_settlements_unresolved_charges",
            ["created_at"],
            unique=False,
            sqlite_where=sa.text("status = 'pending' AND processor <> 'manual'"),
            postgresql_where=sa.text("status = 'pending' AND processor <> 'manual'"),
        )

    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payment_method_id", ident(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("payment_method_id")

    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_settlements_unresolved_charges",
            sqlite_where=sa.text("status = 'pending' AND processor <> 'manual'"),
            postgresql_where=sa.text("status = 'pending' AND processor <> 'manual'"),
        )
        batch_op.drop_column("failure_message")
        batch_op.drop_column("failure_code")
        batch_op.drop_column("processor_reference")
        batch_op.drop_column("payment_method_id")
        batch_op.drop_column("processor")

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_invoices_timer_charge",
            sqlite_where=sa.text(
                "status IN ('open', 'past_due') AND next_payment_attempt_at IS NOT NULL"
            ),
            postgresql_where=sa.text(
                "status IN ('open', 'past_due') AND next_payment_attempt_at IS NOT NULL"
            ),
        )
        batch_op.drop_column("dunning_started_at")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("details")

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("dunning_final_action")
        batch_op.drop_column("dunning_schedule_days")
        batch_op.drop_column("livemode")

    with op.batch_alter_table("payment_methods", schema=None) as batch_op:
        batch_op.drop_index("ix_payment_methods_customer")

    op.drop_table("payment_methods")
    op.drop_table("simulator_charges")
