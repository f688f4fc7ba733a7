"""The `accounts` table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, String, true
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import json_column, timestamp
from remit.db.types import Id, JSONDoc, Money

DEFAULT_NUMBER_TEMPLATE = "#{seq:04}"
DEFAULT_CREDIT_NOTE_NUMBER_TEMPLATE = "CN-{seq:04}"
# Days after an automatic charge first failed on which to try again (SPEC §6).
DEFAULT_DUNNING_SCHEDULE = (1, 3, 5, 7)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(Id(), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    default_currency: Mapped[str] = mapped_column(String(8))
    invoice_number_template: Mapped[str] = mapped_column(String(100))
    invoice_number_scope: Mapped[str] = mapped_column(String(16))  # account | customer
    # Credit notes run a gapless series of their own, per account and mode (credit_notes).
    credit_note_number_template: Mapped[str] = mapped_column(
        String(100), server_default=DEFAULT_CREDIT_NOTE_NUMBER_TEMPLATE
    )
    buyer_fee_percent: Mapped[Decimal] = mapped_column(Money())
    branding: Mapped[dict[str, Any]] = json_column(nullable=False)
    # The seller as a legal invoice names it (EN 16931 BT-27, BT-30, BT-31/32, BT-42/43;
    # docs/einvoicing.md): `name` stays the trading name.
    legal_name: Mapped[str | None] = mapped_column(String(255))
    tax_ids: Mapped[list[dict[str, str]]] = mapped_column(
        JSONDoc, nullable=False, default=list, server_default="[]"
    )  # [{type, value}], kernel.tax_ids
    registration_id: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(64))
    # Shown on hosted invoices: the seller's address, and how to pay by hand.
    address: Mapped[dict[str, Any] | None] = json_column()
    payment_instructions: Mapped[dict[str, Any] | None] = json_column()
    # Days after an automatic charge first failed on which to try again (SPEC §6);
    # None: the default schedule (DEFAULT_DUNNING_SCHEDULE).
    dunning_schedule_days: Mapped[list[int] | None] = json_column()
    # After the last retry fails: "leave_open" or "mark_uncollectible".
    dunning_final_action: Mapped[str] = mapped_column(String(24), server_default="leave_open")
    # What a subscription becomes when dunning of its invoice gives up (Stripe's choices):
    # "mark_unpaid", "cancel" or "leave_past_due".
    dunning_subscription_action: Mapped[str] = mapped_column(
        String(24), server_default="mark_unpaid"
    )
    # How new invoices round tax: once per rate (default) or per line (invoices.totals).
    tax_rounding: Mapped[str] = mapped_column(String(16), server_default="per_rate")
    # Whether invoice PDFs carry the CII e-invoice as Factur-X (`einvoicing.embed_facturx`,
    # hosted.facturx); an invoice that cannot be exported gets its PDF without it.
    einvoice_embed_facturx: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=true()
    )
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()

    @property
    def dunning_schedule(self) -> tuple[int, ...]:
        return tuple(self.dunning_schedule_days or DEFAULT_DUNNING_SCHEDULE)
