"""The `invoice_number_counters` table: the next value of each gapless sequence.

A sequence is named by its scope within an account: `account` (invoice numbers of the
account), a customer id (invoice numbers per customer), or another series such as
`customer_handle` (generated customer handles).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from remit.db.base import Base
from remit.db.columns import mode_column
from remit.db.types import Id


class Counter(Base):
    __tablename__ = "invoice_number_counters"

    account_id: Mapped[str] = mapped_column(Id(), ForeignKey("accounts.id"), primary_key=True)
    livemode: Mapped[bool] = mode_column(primary_key=True)  # test and live number apart
    scope: Mapped[str] = mapped_column(Id(), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)
