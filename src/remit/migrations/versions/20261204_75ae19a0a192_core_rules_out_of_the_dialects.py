"""Rules the dialects kept move into the core; their state leaves the user's metadata.

- `provider_attributes`: what a dialect keeps about remit's objects (a Retempo service's
  owner and status, a settlement's wallet addresses), no longer in their metadata.
- `usage_records`: a subscription's usage, unique per (subscription, identifier) in the
  database; Retempo's usage events become these.
- `settlements.description`; a settlement's `reference` is found per invoice by an index.
- `invoice_lines.product_id` (the product a line bills; Whop kept it in line metadata) and
  `invoice_lines.tax_amount` (the line's own tax, rounded once).
- `invoices.tax_rounding` and `accounts.tax_rounding`: `per_rate` (default) or `per_line`.

Existing Retempo and Whop data is moved out of metadata: Retempo's `retempo_*` keys become
provider attributes, settlement columns and usage records; a Whop line's `product` key
becomes its `product_id` where it names the invoice's plan's product.

Revision ID: 75ae19a0a192
Revises: 5c1e0a7b9d21
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from remit.db.types import JSONDoc, Money, UTCDateTime

revision = "75ae19a0a192"
down_revision = "5c1e0a7b9d21"
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
    _schema()
    _move_retempo_state()
    _move_whop_products()


def _schema() -> None:
    op.create_table(
        "provider_attributes",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("object_id", ident(), nullable=False),
        sa.Column("values", json_doc(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.Column("updated_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name="fk_provider_attributes_account_id_accounts"
        ),
        sa.PrimaryKeyConstraint(
            "account_id", "provider", "object_id", name="pk_provider_attributes"
        ),
    )
    op.create_table(
        "usage_records",
        sa.Column("account_id", ident(), nullable=False),
        sa.Column("id", ident(), nullable=False),
        sa.Column("subscription_id", ident(), nullable=False),
        sa.Column("customer_id", ident(), nullable=False),
        sa.Column("identifier", sa.String(length=255), nullable=False),
        sa.Column("quantity", money(), nullable=False),
        sa.Column("occurred_at", utc_datetime(), nullable=False),
        sa.Column("item_id", ident(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name="fk_usage_records_account_id_accounts"
        ),
        sa.ForeignKeyConstraint(
            ["account_id", "subscription_id"],
            ["subscriptions.account_id", "subscriptions.id"],
            name="fk_usage_records_account_id_subscription_id_subscriptions",
        ),
        sa.PrimaryKeyConstraint("account_id", "id", name="pk_usage_records"),
        sa.UniqueConstraint(
            "account_id",
            "subscription_id",
            "identifier",
            name="uq_usage_records_account_id_subscription_id_identifier",
        ),
    )
    op.create_index("ix_usage_records_item", "usage_records", ["account_id", "item_id"])
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
    op.create_index(
        "ix_settlements_invoice_reference",
        "settlements",
        ["account_id", "invoice_id", "reference"],
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tax_amount", money(), nullable=True))
        batch_op.add_column(sa.Column("product_id", ident(), nullable=True))
        batch_op.create_foreign_key(
            "fk_invoice_lines_account_id_product_id_products",
            "products",
            ["account_id", "product_id"],
            ["account_id", "id"],
        )
    for table in ("invoices", "accounts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "tax_rounding", sa.String(length=16), nullable=False, server_default="per_rate"
                )
            )


# — moving dialect state out of metadata —

_RETEMPO = "retempo"
# Object table → {metadata key: attribute name} of what Retempo kept in metadata.
_ATTRIBUTES = {
    "customers": {"retempo_role": "role"},
    "products": {"retempo_owner": "owner", "retempo_status": "status"},
    "plans": {"retempo_pricing_type": "pricing_type", "retempo_description": "description"},
    "invoices": {"retempo_object": "kind"},
    "settlements": {
        "retempo_payer_address": "payer_address",
        "retempo_merchant_address": "merchant_address",
    },
}
_EVENT_KEYS = ("retempo_event_key", "retempo_subscription", "retempo_service",
               "retempo_occurred_at")  # fmt: skip


def _table(name: str, *columns: str, **typed: sa.types.TypeEngine) -> sa.TableClause:
    return sa.table(
        name,
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("metadata", JSONDoc),
        *(sa.column(column, sa.String()) for column in columns),
        *(sa.column(column, type_) for column, type_ in typed.items()),
    )


def _move_retempo_state() -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    attributes = sa.table(
        "provider_attributes",
        sa.column("account_id", sa.String()),
        sa.column("provider", sa.String()),
        sa.column("object_id", sa.String()),
        sa.column("values", JSONDoc),
        sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
    )
    for name, keys in _ATTRIBUTES.items():
        extra = ("reference", "processor_reference") if name == "settlements" else ()
        table = _table(name, *extra)
        for row in connection.execute(sa.select(table)).mappings():
            meta: dict[str, Any] = dict(row["metadata"] or {})
            values = {attr: meta.pop(key) for key, attr in keys.items() if key in meta}
            moved: dict[str, Any] = {}
            if name == "settlements" and "retempo_reference_hash" in meta:
                moved = {
                    "reference": meta.pop("retempo_reference_hash"),
                    "processor_reference": row["reference"],
                }
            if not values and not moved:
                continue
            keyed = (table.c.account_id == row["account_id"]) & (table.c.id == row["id"])
            connection.execute(sa.update(table).where(keyed).values(metadata=meta, **moved))
            if values:
                connection.execute(
                    sa.insert(attributes).values(
                        account_id=row["account_id"], provider=_RETEMPO, object_id=row["id"],
                        values=values, created_at=now, updated_at=now,
                    )
                )  # fmt: skip
    _move_retempo_usage(connection, now)


def _move_retempo_usage(connection: sa.Connection, now: datetime) -> None:
    """Retempo's usage events were invoice items with `retempo_*` metadata: each becomes a
    usage record of its subscription (the item it made keeps billing it)."""
    records = sa.table(
        "usage_records",
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("subscription_id", sa.String()),
        sa.column("customer_id", sa.String()),
        sa.column("identifier", sa.String()),
        sa.column("quantity", Money()),
        sa.column("occurred_at", UTCDateTime()),
        sa.column("item_id", sa.String()),
        sa.column("created_at", UTCDateTime()),
    )
    for name in ("pending_invoice_items", "invoice_lines"):
        table = _table(name, quantity=Money())
        for row in connection.execute(sa.select(table)).mappings():
            meta: dict[str, Any] = dict(row["metadata"] or {})
            if "retempo_event_key" not in meta:
                continue
            event = {key: meta.pop(key, None) for key in _EVENT_KEYS}
            keyed = (table.c.account_id == row["account_id"]) & (table.c.id == row["id"])
            connection.execute(sa.update(table).where(keyed).values(metadata=meta))
            subscription = _subscription(connection, row["account_id"], event)
            if subscription is None:
                continue
            occurred = event["retempo_occurred_at"]
            connection.execute(
                sa.insert(records).values(
                    account_id=row["account_id"], id="ur_" + row["id"].partition("_")[2],
                    subscription_id=subscription[0], customer_id=subscription[1],
                    identifier=event["retempo_event_key"], quantity=row["quantity"],
                    occurred_at=_moment(occurred) or now, item_id=row["id"], created_at=now,
                )
            )  # fmt: skip


def _subscription(
    connection: sa.Connection, account_id: str, event: dict[str, Any]
) -> tuple[str, str] | None:
    subscriptions = sa.table(
        "subscriptions",
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("customer_id", sa.String()),
    )
    found = connection.execute(
        sa.select(subscriptions.c.id, subscriptions.c.customer_id).where(
            subscriptions.c.account_id == account_id,
            subscriptions.c.id == event["retempo_subscription"],
        )
    ).first()
    return None if found is None else (found[0], found[1])


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _move_whop_products() -> None:
    """A Whop line named its product in `metadata.product`; where that is the product of the
    invoice's plan, it becomes the line's `product_id`."""
    connection = op.get_bind()
    lines = _table("invoice_lines", "invoice_id", "product_id")
    invoices = sa.table(
        "invoices",
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("plan_id", sa.String()),
    )
    plans = sa.table(
        "plans",
        sa.column("account_id", sa.String()),
        sa.column("id", sa.String()),
        sa.column("product_id", sa.String()),
    )
    joined = (
        sa.select(lines.c.account_id, lines.c.id, lines.c.metadata, plans.c.product_id)
        .join(invoices, (invoices.c.account_id == lines.c.account_id)
              & (invoices.c.id == lines.c.invoice_id))
        .join(plans, (plans.c.account_id == invoices.c.account_id)
              & (plans.c.id == invoices.c.plan_id))
    )  # fmt: skip
    for row in connection.execute(joined).mappings().all():
        meta: dict[str, Any] = dict(row["metadata"] or {})
        if meta.get("product") != row["product_id"]:
            continue
        meta.pop("product")
        keyed = (lines.c.account_id == row["account_id"]) & (lines.c.id == row["id"])
        connection.execute(
            sa.update(lines).where(keyed).values(metadata=meta, product_id=row["product_id"])
        )


def downgrade() -> None:
    for table in ("accounts", "invoices"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("tax_rounding")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_invoice_lines_account_id_product_id_products", type_="foreignkey"
        )
        batch_op.drop_column("product_id")
        batch_op.drop_column("tax_amount")
    op.drop_index("ix_settlements_invoice_reference", table_name="settlements")
    with op.batch_alter_table("settlements", schema=None) as batch_op:
        batch_op.drop_column("description")
    op.drop_index("ix_usage_records_item", table_name="usage_records")
    op.drop_table("usage_records")
    op.drop_table("provider_attributes")
