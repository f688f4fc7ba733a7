"""Webhook endpoints, deliveries and attempts; partial indexes for the worker's invoice timers.

Column types are spelled out (see the initial revision).

Revision ID: cbf0a0e9224c
Revises: 0a279aacedd5
Create Date: 2026-11-21 23:55:17.177780
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "cbf0a0e9224c"
down_revision = "0a279aacedd5"
branch_labels = None
depends_on = None


def ident() -> sa.types.TypeEngine:
    return sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql")


def utc_datetime() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


def json_doc() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("events", json_doc(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.String(length=255), nullable=True),
        sa.Column("secret_sealed", sa.Text(), nullable=False),
        sa.Column("previous_secret_sealed", sa.Text(), nullable=True),
        sa.Column("previous_secret_expires_at", utc_datetime(), nullable=True),
        sa.Column("failing_since", utc_datetime(), nullable=True),
        sa.Column("metadata", json_doc(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.Column("deleted_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_webhook_endpoints_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("endpoint_id", ident(), nullable=False),
        sa.Column("event_id", ident(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", utc_datetime(), nullable=True),
        sa.Column("leased_until", utc_datetime(), nullable=True),
        sa.Column("lease_owner", sa.String(length=128), nullable=True),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.Column("delivered_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id", "endpoint_id"],
            ["webhook_endpoints.account_id", "webhook_endpoints.id"],
            name=op.f("fk_webhook_deliveries_account_id_endpoint_id_webhook_endpoints"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_webhook_deliveries_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_webhook_deliveries")),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_webhook_deliveries_due",
            ["next_attempt_at"],
            unique=False,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.create_index(
            "ix_webhook_deliveries_endpoint", ["account_id", "endpoint_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_webhook_deliveries_pending_per_endpoint",
            ["account_id", "endpoint_id", "id"],
            unique=False,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )

    op.create_table(
        "webhook_attempts",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("delivery_id", ident(), nullable=False),
        sa.Column("attempted_at", utc_datetime(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("latency_ms", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("next_attempt_at", utc_datetime(), nullable=True),
        sa.Column("worker", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "delivery_id"],
            ["webhook_deliveries.account_id", "webhook_deliveries.id"],
            name=op.f("fk_webhook_attempts_account_id_delivery_id_webhook_deliveries"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_webhook_attempts_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_webhook_attempts")),
    )
    with op.batch_alter_table("webhook_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_webhook_attempts_delivery", ["account_id", "delivery_id", "id"], unique=False
        )

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoices_timer_auto_finalize",
            ["auto_finalize_at"],
            unique=False,
            sqlite_where=sa.text("status = 'draft' AND auto_finalize_at IS NOT NULL"),
            postgresql_where=sa.text("status = 'draft' AND auto_finalize_at IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_invoices_timer_expire",
            ["expires_at"],
            unique=False,
            sqlite_where=sa.text("status IN ('open', 'past_due') AND expires_at IS NOT NULL"),
            postgresql_where=sa.text("status IN ('open', 'past_due') AND expires_at IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_invoices_timer_past_due",
            ["due_at"],
            unique=False,
            sqlite_where=sa.text("status = 'open' AND due_at IS NOT NULL"),
            postgresql_where=sa.text("status = 'open' AND due_at IS NOT NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_invoices_timer_past_due",
            sqlite_where=sa.text("status = 'open' AND due_at IS NOT NULL"),
            postgresql_where=sa.text("status = 'open' AND due_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_invoices_timer_expire",
            sqlite_where=sa.text("status IN ('open', 'past_due') AND expires_at IS NOT NULL"),
            postgresql_where=sa.text("status IN ('open', 'past_due') AND expires_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_invoices_timer_auto_finalize",
            sqlite_where=sa.text("status = 'draft' AND auto_finalize_at IS NOT NULL"),
            postgresql_where=sa.text("status = 'draft' AND auto_finalize_at IS NOT NULL"),
        )

    with op.batch_alter_table("webhook_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_attempts_delivery")

    op.drop_table("webhook_attempts")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_webhook_deliveries_pending_per_endpoint",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
        batch_op.drop_index("ix_webhook_deliveries_endpoint")
        batch_op.drop_index(
            "ix_webhook_deliveries_due",
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )

    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
