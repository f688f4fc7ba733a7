"""The schema: migrations match the models, and money is stored exactly on both backends."""

from __future__ import annotations

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from remit.db.migrate import is_current
from remit.models import metadata
from remit.runtime import Runtime
from tests.support import TenantApi


class TestMigrations:
    async def test_database_is_at_head(self, runtime: Runtime) -> None:
        assert await is_current(runtime.db.engine)

    async def test_migrations_create_exactly_the_modelled_schema(self, runtime: Runtime) -> None:
        async with runtime.db.engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
        assert differences == []


class TestMoneyStorage:
    async def test_sqlite_keeps_money_as_text_never_real(
        self, api: TenantApi, runtime: Runtime, backend: str
    ) -> None:
        invoice = await api.invoice(currency="ETH", lines=[{"unit_amount": "0.123456789012345678"}])
        async with runtime.db.read() as session:
            row = (
                await session.execute(
                    text(
                        "SELECT total, quantity, unit_amount FROM invoices "
                        "JOIN invoice_lines ON invoice_lines.invoice_id = invoices.id "
                        "WHERE invoices.id = :id"
                    ),
                    {"id": invoice["id"]},
                )
            ).one()
            if backend == "sqlite":
                kinds = await session.execute(
                    text(
                        "SELECT typeof(total), typeof(unit_amount) FROM invoices "
                        "JOIN invoice_lines ON invoice_lines.invoice_id = invoices.id "
                        "WHERE invoices.id = :id"
                    ),
                    {"id": invoice["id"]},
                )
                assert kinds.one() == ("text", "text")
        assert Decimal(row.total) == Decimal("0.123456789012345678")
        assert Decimal(row.unit_amount) == Decimal("0.123456789012345678")
        assert invoice["total"] == "0.123456789012345678"
