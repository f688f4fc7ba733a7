"""Initial schema: accounts, keys, customers, catalog, subscriptions, invoices, settlements,
events and idempotency records.

Column types are spelled out here (not imported from remit.db.types) so that this revision
keeps creating the same schema whatever the application's types become.

Revision ID: 0a279aacedd5
Revises:
Create Date: 2026-11-21 22:32:56.531206
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0a279aacedd5"
down_revision = None
branch_labels = None
depends_on = None


def ident() -> sa.types.TypeEngine:
    """Ids: byte-wise ordering on PostgreSQL, so keyset order is creation order."""
    return sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql")


def money() -> sa.types.TypeEngine:
    """Exact decimals: NUMERIC on PostgreSQL, the decimal's text on SQLite (never REAL)."""
    return sa.Text().with_variant(sa.Numeric(), "postgresql")


def utc_datetime() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


def json_doc() -> sa.types.TypeEngine:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column(
            "id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("default_currency", sa.String(length=8), nullable=False),
        sa.Column("invoice_number_template", sa.String(length=100), nullable=False),
        sa.Column("invoice_number_scope", sa.String(length=16), nullable=False),
        sa.Column("buyer_fee_percent", money(), nullable=False),
        sa.Column(
            "branding", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    op.create_table(
        "api_keys",
        sa.Column(
            "id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column(
            "scopes", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=8), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("revoked_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_api_keys_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_keys_account_id"), ["account_id"], unique=False)

    op.create_table(
        "customers",
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
        sa.Column("handle", sa.String(length=255), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column(
            "billing_address",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "shipping_address",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column("tax_id", sa.String(length=64), nullable=True),
        sa.Column("locale", sa.String(length=35), nullable=True),
        sa.Column("invoice_prefix", sa.String(length=12), nullable=False),
        sa.Column(
            "default_payment_method",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.Column("deleted_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_customers_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index("ix_customers_account_email", ["account_id", "email"], unique=False)
        batch_op.create_index(
            "uq_customers_account_handle",
            ["account_id", "handle"],
            unique=True,
            sqlite_where=sa.text("handle IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=sa.text("handle IS NOT NULL AND deleted_at IS NULL"),
        )
        batch_op.create_index(
            "uq_customers_account_invoice_prefix", ["account_id", "invoice_prefix"], unique=True
        )

    op.create_table(
        "events",
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
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=32), nullable=False),
        sa.Column(
            "object_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("request_id", sa.String(length=128), nullable=True),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_events_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_account_object", ["account_id", "object_id", "id"], unique=False
        )
        batch_op.create_index("ix_events_account_type", ["account_id", "type", "id"], unique=False)

    op.create_table(
        "idempotency_records",
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_idempotency_records_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "key", name=op.f("pk_idempotency_records")),
    )
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.create_index("ix_idempotency_records_created", ["created_at"], unique=False)

    op.create_table(
        "invoice_number_counters",
        sa.Column(
            "account_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "scope",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_invoice_number_counters_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", "scope", name=op.f("pk_invoice_number_counters")),
    )
    op.create_table(
        "products",
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
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_products_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_products")),
    )
    op.create_table(
        "plans",
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
        sa.Column(
            "product_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("nickname", sa.String(length=255), nullable=True),
        sa.Column("amount", money(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("interval", sa.String(length=8), nullable=False),
        sa.Column("interval_count", sa.Integer(), nullable=False),
        sa.Column("trial_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "product_id"],
            ["products.account_id", "products.id"],
            name=op.f("fk_plans_account_id_product_id_products"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_plans_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_plans")),
    )
    op.create_table(
        "subscriptions",
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
        sa.Column(
            "customer_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "plan_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_period_start", utc_datetime(), nullable=False),
        sa.Column("current_period_end", utc_datetime(), nullable=True),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.Column("canceled_at", utc_datetime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id", "customer_id"],
            ["customers.account_id", "customers.id"],
            name=op.f("fk_subscriptions_account_id_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "plan_id"],
            ["plans.account_id", "plans.id"],
            name=op.f("fk_subscriptions_account_id_plan_id_plans"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_subscriptions_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_subscriptions")),
    )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_subscriptions_account_customer", ["account_id", "customer_id", "id"], unique=False
        )

    op.create_table(
        "invoices",
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
        sa.Column("number", sa.String(length=100), nullable=True),
        sa.Column("handle", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "customer_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "subscription_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "plan_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("collection_method", sa.String(length=24), nullable=False),
        sa.Column(
            "payment_method",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("statement_descriptor", sa.String(length=22), nullable=True),
        sa.Column("subtotal", money(), nullable=False),
        sa.Column("discount_amount", money(), nullable=False),
        sa.Column("tax_amount", money(), nullable=False),
        sa.Column("total", money(), nullable=False),
        sa.Column("buyer_fee", money(), nullable=False),
        sa.Column("amount_due", money(), nullable=False),
        sa.Column("amount_paid", money(), nullable=False),
        sa.Column(
            "tax_breakdown",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("charge_buyer_fee", sa.Boolean(), nullable=False),
        sa.Column("due_at", utc_datetime(), nullable=True),
        sa.Column("days_until_due", sa.Integer(), nullable=True),
        sa.Column("auto_finalize_at", utc_datetime(), nullable=True),
        sa.Column("charge_at", utc_datetime(), nullable=True),
        sa.Column("expires_at", utc_datetime(), nullable=True),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("next_payment_attempt_at", utc_datetime(), nullable=True),
        sa.Column(
            "last_payment_error",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column("billing_reason", sa.String(length=32), nullable=False),
        sa.Column("period_start", utc_datetime(), nullable=True),
        sa.Column("period_end", utc_datetime(), nullable=True),
        sa.Column(
            "billing_address",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "shipping_address",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "customer_snapshot",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=True,
        ),
        sa.Column("cost_center", sa.String(length=255), nullable=True),
        sa.Column("po_number", sa.String(length=255), nullable=True),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.Column("finalized_at", utc_datetime(), nullable=True),
        sa.Column("paid_at", utc_datetime(), nullable=True),
        sa.Column("voided_at", utc_datetime(), nullable=True),
        sa.Column("marked_uncollectible_at", utc_datetime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "customer_id"],
            ["customers.account_id", "customers.id"],
            name=op.f("fk_invoices_account_id_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "plan_id"],
            ["plans.account_id", "plans.id"],
            name=op.f("fk_invoices_account_id_plan_id_plans"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "subscription_id"],
            ["subscriptions.account_id", "subscriptions.id"],
            name=op.f("fk_invoices_account_id_subscription_id_subscriptions"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_invoices_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_invoices")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoices_account_currency", ["account_id", "currency", "id"], unique=False
        )
        batch_op.create_index(
            "ix_invoices_account_customer", ["account_id", "customer_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_invoices_account_due",
            ["account_id", "due_at"],
            unique=False,
            sqlite_where=sa.text("due_at IS NOT NULL"),
            postgresql_where=sa.text("due_at IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_invoices_account_status", ["account_id", "status", "id"], unique=False
        )
        batch_op.create_index(
            "ix_invoices_account_subscription",
            ["account_id", "subscription_id", "id"],
            unique=False,
            sqlite_where=sa.text("subscription_id IS NOT NULL"),
            postgresql_where=sa.text("subscription_id IS NOT NULL"),
        )
        batch_op.create_index(
            "uq_invoices_account_handle",
            ["account_id", "handle"],
            unique=True,
            sqlite_where=sa.text("handle IS NOT NULL"),
            postgresql_where=sa.text("handle IS NOT NULL"),
        )
        batch_op.create_index(
            "uq_invoices_account_number",
            ["account_id", "number"],
            unique=True,
            sqlite_where=sa.text("number IS NOT NULL"),
            postgresql_where=sa.text("number IS NOT NULL"),
        )

    op.create_table(
        "invoice_lines",
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
        sa.Column(
            "invoice_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", money(), nullable=False),
        sa.Column("unit_amount", money(), nullable=False),
        sa.Column("amount", money(), nullable=False),
        sa.Column("discount_percent", money(), nullable=True),
        sa.Column("discount_amount", money(), nullable=False),
        sa.Column("tax_rate", money(), nullable=False),
        sa.Column("tax_inclusive", sa.Boolean(), nullable=False),
        sa.Column("period_start", utc_datetime(), nullable=True),
        sa.Column("period_end", utc_datetime(), nullable=True),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "invoice_id"],
            ["invoices.account_id", "invoices.id"],
            name=op.f("fk_invoice_lines_account_id_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_invoice_lines_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_invoice_lines")),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoice_lines_invoice", ["account_id", "invoice_id", "position"], unique=False
        )

    op.create_table(
        "settlements",
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
        sa.Column(
            "invoice_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("amount", money(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("allow_overpayment", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", utc_datetime(), nullable=False),
        sa.Column("confirmed_at", utc_datetime(), nullable=True),
        sa.Column("failed_at", utc_datetime(), nullable=True),
        sa.Column(
            "metadata", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "invoice_id"],
            ["invoices.account_id", "invoices.id"],
            name=op.f("fk_settlements_account_id_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_settlements_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name=op.f("pk_settlements")),
    )
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_settlements_invoice", ["account_id", "invoice_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.drop_index("ix_settlements_invoice")

    op.drop_table("settlements")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_invoice_lines_invoice")

    op.drop_table("invoice_lines")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_invoices_account_number",
            sqlite_where=sa.text("number IS NOT NULL"),
            postgresql_where=sa.text("number IS NOT NULL"),
        )
        batch_op.drop_index(
            "uq_invoices_account_handle",
            sqlite_where=sa.text("handle IS NOT NULL"),
            postgresql_where=sa.text("handle IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_invoices_account_subscription",
            sqlite_where=sa.text("subscription_id IS NOT NULL"),
            postgresql_where=sa.text("subscription_id IS NOT NULL"),
        )
        batch_op.drop_index("ix_invoices_account_status")
        batch_op.drop_index(
            "ix_invoices_account_due",
            sqlite_where=sa.text("due_at IS NOT NULL"),
            postgresql_where=sa.text("due_at IS NOT NULL"),
        )
        batch_op.drop_index("ix_invoices_account_customer")
        batch_op.drop_index("ix_invoices_account_currency")

    op.drop_table("invoices")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_account_customer")

    op.drop_table("subscriptions")
    op.drop_table("plans")
    op.drop_table("products")
    op.drop_table("invoice_number_counters")
    with op.batch_alter_table("idempotency_records", schema=None) as batch_op:
        batch_op.drop_index("ix_idempotency_records_created")

    op.drop_table("idempotency_records")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_account_type")
        batch_op.drop_index("ix_events_account_object")

    op.drop_table("events")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("uq_customers_account_invoice_prefix")
        batch_op.drop_index(
            "uq_customers_account_handle",
            sqlite_where=sa.text("handle IS NOT NULL AND deleted_at IS NULL"),
            postgresql_where=sa.text("handle IS NOT NULL AND deleted_at IS NULL"),
        )
        batch_op.drop_index("ix_customers_account_email")

    op.drop_table("customers")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_account_id"))

    op.drop_table("api_keys")
    op.drop_table("accounts")
