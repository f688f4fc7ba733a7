"""Subscription billing: subscriptions bill their items every period.

- `subscription_items`: the prices a subscription bills, with quantities. Every existing
  subscription gets one item, its plan at quantity 1.
- `subscriptions` gain the billing state: `billing_cycle_anchor`, trials, collection settings,
  `cancel_at_period_end`, `billed_periods` and `next_bill_at` (the worker's timer), pause and
  end times. Subscriptions made before billing runs existed were never billed by remit and
  are not now: their `next_bill_at` stays empty (docs/billing.md).
- Invoices: one per subscription and period (`uq_invoices_subscription_period`).
- `meters` and `usage_events` (metered billing); plans name their `meter`.

Revision ID: 7d3f5a4c9e12
Revises: 5b1d3e2a7c90
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import remit.db.types
from remit.kernel.ids import new_id

revision = "7d3f5a4c9e12"
down_revision = "5b1d3e2a7c90"
branch_labels = None
depends_on = None

SUBSCRIPTION_PERIOD = (
    "subscription_id IS NOT NULL AND billing_reason IN ('subscription_create', "
    "'subscription_cycle')"
)


def upgrade() -> None:
    op.create_table(
        "meters",
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("event_name", sa.String(length=100), nullable=False),
        sa.Column("aggregation", sa.String(length=16), nullable=False),
        sa.Column("value_key", sa.String(length=100), nullable=True),
        sa.Column("display_name", sa.String(length=255), nullable=True),
        sa.Column(
            "metadata",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_meters_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_meters")),
        sa.UniqueConstraint(
            "account_id",
            "livemode",
            "event_name",
            name=op.f("uq_meters_account_id_livemode_event_name"),
        ),
        sa.UniqueConstraint(
            "account_id", "livemode", "id", name=op.f("uq_meters_account_id_livemode_id")
        ),
    )
    op.create_table(
        "usage_events",
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("event_name", sa.String(length=100), nullable=False),
        sa.Column(
            "customer_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("identifier", sa.String(length=255), nullable=False),
        sa.Column("occurred_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "invoice_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("created_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "livemode", "customer_id"],
            ["customers.account_id", "customers.livemode", "customers.id"],
            name=op.f("fk_usage_events_account_id_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_usage_events_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_usage_events")),
        sa.UniqueConstraint(
            "account_id",
            "livemode",
            "identifier",
            name=op.f("uq_usage_events_account_id_livemode_identifier"),
        ),
    )
    with op.batch_alter_table("usage_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_usage_events_customer",
            ["account_id", "livemode", "customer_id", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_usage_events_unbilled",
            ["account_id", "livemode", "customer_id", "event_name", "occurred_at"],
            unique=False,
            sqlite_where=sa.text("invoice_id IS NULL"),
            postgresql_where=sa.text("invoice_id IS NULL"),
        )

    op.create_table(
        "subscription_items",
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column(
            "subscription_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "plan_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column(
            "metadata",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", remit.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "livemode", "plan_id"],
            ["plans.account_id", "plans.livemode", "plans.id"],
            name=op.f("fk_subscription_items_account_id_plan_id_plans"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "livemode", "subscription_id"],
            ["subscriptions.account_id", "subscriptions.livemode", "subscriptions.id"],
            name=op.f("fk_subscription_items_account_id_subscription_id_subscriptions"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_subscription_items_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_subscription_items")),
    )
    with op.batch_alter_table("subscription_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_subscription_items_subscription",
            ["account_id", "subscription_id", "id"],
            unique=False,
        )

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            "uq_invoices_subscription_period",
            ["account_id", "livemode", "subscription_id", "period_start"],
            unique=True,
            sqlite_where=sa.text(SUBSCRIPTION_PERIOD),
            postgresql_where=sa.text(SUBSCRIPTION_PERIOD),
        )

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "meter_id",
                sa.String(length=40).with_variant(
                    sa.String(length=40, collation="C"), "postgresql"
                ),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_plans_account_id_meter_id_meters"),
            "meters",
            ["account_id", "livemode", "meter_id"],
            ["account_id", "livemode", "id"],
        )

    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "billing_cycle_anchor", remit.db.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("trial_start", remit.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("trial_end", remit.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("trial_end_notified", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "collection_method",
                sa.String(length=24),
                server_default="charge_automatically",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("days_until_due", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "cancel_at_period_end", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("billed_periods", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("next_bill_at", remit.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "latest_invoice_id",
                sa.String(length=40).with_variant(
                    sa.String(length=40, collation="C"), "postgresql"
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("paused_at", remit.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("ended_at", remit.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_subscriptions_next_bill",
            ["next_bill_at"],
            unique=False,
            sqlite_where=sa.text("next_bill_at IS NOT NULL"),
            postgresql_where=sa.text("next_bill_at IS NOT NULL"),
        )

    _items_of_existing_subscriptions()


def _items_of_existing_subscriptions() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT account_id, livemode, id, plan_id, created_at FROM subscriptions "
            "ORDER BY created_at"
        )
    ).all()
    now = datetime.now(UTC)
    for account_id, livemode, subscription_id, plan_id, created_at in rows:
        connection.execute(
            sa.text(
                "INSERT INTO subscription_items (account_id, id, livemode, subscription_id, "
                "plan_id, quantity, metadata, created_at, updated_at) VALUES (:account, :id, "
                ":livemode, :subscription, :plan, 1, :metadata, :created, :created)"
            ).bindparams(sa.bindparam("metadata", type_=sa.JSON())),
            {"account": account_id, "id": new_id("si", now), "livemode": livemode,
             "subscription": subscription_id, "plan": plan_id, "metadata": {},
             "created": created_at},
        )  # fmt: skip
        connection.execute(
            sa.text("UPDATE subscriptions SET billing_cycle_anchor = current_period_start "
                    "WHERE account_id = :account AND id = :id"),
            {"account": account_id, "id": subscription_id},
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_subscriptions_next_bill",
            sqlite_where=sa.text("next_bill_at IS NOT NULL"),
            postgresql_where=sa.text("next_bill_at IS NOT NULL"),
        )
        batch_op.drop_column("ended_at")
        batch_op.drop_column("paused_at")
        batch_op.drop_column("latest_invoice_id")
        batch_op.drop_column("next_bill_at")
        batch_op.drop_column("billed_periods")
        batch_op.drop_column("cancel_at_period_end")
        batch_op.drop_column("days_until_due")
        batch_op.drop_column("collection_method")
        batch_op.drop_column("trial_end_notified")
        batch_op.drop_column("trial_end")
        batch_op.drop_column("trial_start")
        batch_op.drop_column("billing_cycle_anchor")

    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_plans_account_id_meter_id_meters"), type_="foreignkey"
        )
        batch_op.drop_column("meter_id")

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_invoices_subscription_period",
            sqlite_where=sa.text(SUBSCRIPTION_PERIOD),
            postgresql_where=sa.text(SUBSCRIPTION_PERIOD),
        )

    with op.batch_alter_table("subscription_items", schema=None) as batch_op:
        batch_op.drop_index("ix_subscription_items_subscription")

    op.drop_table("subscription_items")
    with op.batch_alter_table("usage_events", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_usage_events_unbilled",
            sqlite_where=sa.text("invoice_id IS NULL"),
            postgresql_where=sa.text("invoice_id IS NULL"),
        )
        batch_op.drop_index("ix_usage_events_customer")

    op.drop_table("usage_events")
    op.drop_table("meters")
