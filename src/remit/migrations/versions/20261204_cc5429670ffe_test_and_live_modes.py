"""Test mode and live mode: every tenant row belongs to one mode, and the database keeps them
apart as it keeps accounts apart.

- Every tenant table gains `livemode`, filled with the mode its account had
  (`accounts.livemode`, which then goes away: a mode belongs to a key, not to an account).
- Tables that others refer to keep (`account_id`, `livemode`, `id`) unique, and every
  reference becomes (`account_id`, `livemode`, `…_id`), under its old name: a row can only
  point at a row of its own account and mode.
- Idempotency keys and number counters are per mode (the mode joins their primary keys);
  customer handles, invoice numbers and invoice handles are unique per mode.

Revision ID: cc5429670ffe
Revises: 75ae19a0a192
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cc5429670ffe"
down_revision = "75ae19a0a192"
branch_labels = None
depends_on = None

# Referred to by other tables: (account_id, livemode, id) becomes a key of its own.
PARENTS = (
    "customers",
    "products",
    "plans",
    "subscriptions",
    "invoices",
    "webhook_endpoints",
    "webhook_deliveries",
)
# table -> (column, referred table, ON DELETE) of each reference within an account.
REFERENCES: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "plans": (("product_id", "products", None),),
    "subscriptions": (("customer_id", "customers", None), ("plan_id", "plans", None)),
    "invoices": (
        ("customer_id", "customers", None),
        ("subscription_id", "subscriptions", None),
        ("plan_id", "plans", None),
    ),
    "invoice_lines": (("invoice_id", "invoices", "CASCADE"), ("product_id", "products", None)),
    "pending_invoice_items": (("customer_id", "customers", None),),
    "settlements": (("invoice_id", "invoices", None),),
    "payment_methods": (("customer_id", "customers", None),),
    "usage_records": (("subscription_id", "subscriptions", None),),
    "webhook_deliveries": (("endpoint_id", "webhook_endpoints", None),),
    "webhook_attempts": (("delivery_id", "webhook_deliveries", None),),
}
# Keyed by a name within the account: the mode joins the primary key.
KEYED = {
    "idempotency_records": ("account_id", "livemode", "key"),
    "invoice_number_counters": ("account_id", "livemode", "scope"),
}
OTHERS = ("events", "provider_attributes", "api_keys")
TABLES = (*PARENTS, *(t for t in REFERENCES if t not in PARENTS), *KEYED, *OTHERS)

# (table, index, columns before, where): unique per account before, per mode now.
UNIQUE_PER_MODE = (
    ("customers", "uq_customers_account_handle", "handle",
     "handle IS NOT NULL AND deleted_at IS NULL"),
    ("invoices", "uq_invoices_account_number", "number", "number IS NOT NULL"),
    ("invoices", "uq_invoices_account_handle", "handle", "handle IS NOT NULL"),
)  # fmt: skip


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("livemode", sa.Boolean(), nullable=True))
        op.execute(
            f"UPDATE {table} SET livemode = (SELECT accounts.livemode FROM accounts "
            f"WHERE accounts.id = {table}.account_id)"
        )
    for table in TABLES:  # parents first: their new keys must exist before references
        with op.batch_alter_table(table) as batch:
            batch.alter_column("livemode", existing_type=sa.Boolean(), nullable=False)
            if table in PARENTS:
                batch.create_unique_constraint(
                    f"uq_{table}_account_id_livemode_id", ["account_id", "livemode", "id"]
                )
            for column, referred, ondelete in REFERENCES.get(table, ()):
                batch.drop_constraint(f"fk_{table}_account_id_{column}_{referred}", "foreignkey")
                batch.create_foreign_key(
                    f"fk_{table}_account_id_{column}_{referred}",
                    referred,
                    ["account_id", "livemode", column],
                    ["account_id", "livemode", "id"],
                    ondelete=ondelete,
                )
            if table in KEYED:
                batch.drop_constraint(f"pk_{table}", "primary")
                batch.create_primary_key(f"pk_{table}", list(KEYED[table]))
    for table, index, column, where in UNIQUE_PER_MODE:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(index)
            batch.create_index(
                index,
                ["account_id", "livemode", column],
                unique=True,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("livemode")


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column("livemode", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    for table, index, column, where in UNIQUE_PER_MODE:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(index)
            batch.create_index(
                index,
                ["account_id", column],
                unique=True,
                sqlite_where=sa.text(where),
                postgresql_where=sa.text(where),
            )
    for table in reversed(TABLES):  # references first, then the keys they used
        with op.batch_alter_table(table) as batch:
            if table in KEYED:
                batch.drop_constraint(f"pk_{table}", "primary")
                batch.create_primary_key(
                    f"pk_{table}", [c for c in KEYED[table] if c != "livemode"]
                )
            for column, referred, ondelete in REFERENCES.get(table, ()):
                batch.drop_constraint(f"fk_{table}_account_id_{column}_{referred}", "foreignkey")
                batch.create_foreign_key(
                    f"fk_{table}_account_id_{column}_{referred}",
                    referred,
                    ["account_id", column],
                    ["account_id", "id"],
                    ondelete=ondelete,
                )
            if table in PARENTS:
                batch.drop_constraint(f"uq_{table}_account_id_livemode_id", "unique")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("livemode")
