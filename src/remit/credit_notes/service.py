"""Credit notes: issue, void and preview them, and the reads pages and PDFs need.

Issuing runs under the invoice's lock, in one transaction: the note takes the next number of
its own gapless series (counter scope `credit_note`, per account and mode: a rolled-back
issue gives it back), its figures come from what is left to credit (`amounts`), the invoice's
figures change with it, its refunds are written pending (sent by `refunds.flow.send` once the
transaction has committed), its credit goes to the customer's balance, and the events are
written with it.

Decisions (Stripe's model where it has one):
- Open, past-due and paid invoices take credit notes. Drafts are edited instead; void and
  expired invoices are final; uncollectible ones are refused too (409
  `invoice_not_creditable`): their receivable was written off, and a note covering what is
  left would have to make the invoice paid, a move remit allows only from open or past due.
  Reopen the invoice first.
- A note that leaves nothing to pay on an open invoice makes it paid; it keeps its number.
- While a processor charge of the invoice awaits its outcome, no note lowers what it charges
  (409 `payment_in_progress`, as void answers).
- Voiding reverses a note: what it took off the amount due is due again, and its credit is
  taken back from the customer's balance. Refused (409 `credit_note_not_voidable`) for a note
  whose refunds gave money back, for one that took something off what a now-paid invoice
  had left to pay (voiding would reopen a paid invoice, and paid is final), and for one whose
  invoice was voided or expired since. A void note keeps its number: the next note takes the
  next one. Voiding a void note answers it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.balances import service as balances
from remit.collection import subscription_status
from remit.context import Context, flushed
from remit.credit_notes import amounts
from remit.credit_notes.amounts import Credit, Split
from remit.credit_notes.errors import (
    CreditNoteNotVoidable,
    CreditNoteNumberConflict,
    InvoiceNotCreditable,
)
from remit.credit_notes.models import CreditNote, CreditNoteLine
from remit.credit_notes.repository import ISSUED, VOID, CreditNoteFilters, CreditNoteRepository
from remit.credit_notes.schemas import (
    CreditNoteCreate,
    CreditNoteOut,
    CustomLineCreditIn,
    InvoiceLineCreditIn,
)
from remit.db import bulk
from remit.events import service as events
from remit.invoices import changes
from remit.invoices.lifecycle import COLLECTIBLE, Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.currencies import exponent
from remit.kernel.ids import id_time
from remit.kernel.links import PublicLinks
from remit.kernel.metadata import cleaned
from remit.kernel.money import (
    MAX_INPUT_PLACES,
    MoneyError,
    check_bounds,
    format_amount,
    format_decimal,
)
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError, ValidationFailed, validation_problem
from remit.numbering import counters
from remit.numbering import templates as numbering
from remit.payments.errors import PaymentInProgress
from remit.payments.processors.base import Processor
from remit.refunds import service as refunds
from remit.refunds.errors import RefundExceedsSettlement, RefundNotSupported
from remit.settlements.repository import SettlementRepository

COUNTER_SCOPE = "credit_note"  # its own series in the account's counters (numbering)
CREDITABLE = COLLECTIBLE | {Status.PAID}
BALANCE_TYPE = "credit_note"
# A credit note's reason as its refunds say it (Stripe's refund reasons).
_REFUND_REASONS = {
    "duplicate": "duplicate",
    "fraudulent": "fraudulent",
    "order_change": "requested_by_customer",
    "product_unsatisfactory": "requested_by_customer",
    "other": "other",
}


async def issue_credit_note(
    ctx: Context, processors: Mapping[str, Processor], data: CreditNoteCreate
) -> CreditNote:
    """Issue a note; its refunds (`refund_ids`) are pending until `refunds.flow.send` sends
    them, after this transaction commits."""
    _check_request(data)
    invoice = await InvoiceRepository(ctx).get(data.invoice, lock=True, param="invoice")
    credit, split = await _compose(ctx, invoice, data)
    account = await get_account(ctx)
    note = _new_note(ctx, invoice, data, credit, split, ctx.new_id("cn"))
    note.number = await _next_number(ctx, account)
    note.refund_ids = await _refund(ctx, processors, invoice, note)
    await _insert(ctx, note)
    await _move_balance(ctx, note, note.credit_amount.copy_negate(), f"Credit note {note.number}")
    events.record(ctx, "credit_note.created", CreditNoteOut.of(note, ctx.links))
    if changes.record_credit(ctx, invoice, split.pre_payment, split.post_payment, note.id):
        await subscription_status.follow(ctx, invoice)
    return note


@flushed
async def preview_credit_note(ctx: Context, data: CreditNoteCreate) -> CreditNote:
    """The note `data` would issue now, computed alone: nothing is written, no number taken
    (it has no id and no number). Refunds are not checked against the settlements."""
    _check_request(data)
    invoice = await InvoiceRepository(ctx).get(data.invoice, param="invoice")
    credit, split = await _compose(ctx, invoice, data)
    return _new_note(ctx, invoice, data, credit, split, None)


async def void_credit_note(ctx: Context, credit_note_id: str) -> CreditNote:
    repository = CreditNoteRepository(ctx)
    found = await repository.get(credit_note_id)
    invoice = await InvoiceRepository(ctx).get_for_update(found.invoice_id)  # invoice first
    note = await repository.get(credit_note_id, lock=True)
    if note.status == VOID:
        return note
    _ensure_voidable(note, invoice)
    await _move_balance(ctx, note, note.credit_amount, f"Credit note {note.number} voided")
    note.status, note.voided_at, note.updated_at = VOID, ctx.now, ctx.now
    events.record(ctx, "credit_note.voided", CreditNoteOut.of(note, ctx.links))
    changes.record_credit(
        ctx, invoice, note.pre_payment_amount.copy_negate(), note.post_payment_amount.copy_negate()
    )
    return note


# — reads, for the API, pages and PDFs —


@flushed
async def get_credit_note(ctx: Context, credit_note_id: str) -> CreditNote:
    return await CreditNoteRepository(ctx).get(credit_note_id)


@flushed
async def list_credit_notes(
    ctx: Context, page: PageRequest, filters: CreditNoteFilters
) -> Page[CreditNote]:
    return await CreditNoteRepository(ctx).list(page, filters)


@flushed
async def credit_notes_of_invoice(ctx: Context, invoice_id: str) -> list[CreditNote]:
    """Every note of the invoice, void ones too, oldest first (404 for no such invoice)."""
    await InvoiceRepository(ctx).ensure_exists(invoice_id)
    return await CreditNoteRepository(ctx).of_invoice(invoice_id)


@flushed
async def issued_of_invoices(
    ctx: Context, invoice_ids: Sequence[str]
) -> dict[str, list[CreditNote]]:
    """The notes of these invoices that are not void, oldest first, for objects that show
    their figures only (a dialect's invoice): without their lines (`get_credit_note` has
    them)."""
    return await CreditNoteRepository(ctx).issued_of_invoices(list(invoice_ids))


def present(note: CreditNote, links: PublicLinks) -> CreditNoteOut:
    """The note as the API shows it, its public links (`links`: `ctx.links`) included."""
    return CreditNoteOut.of(note, links)


# — issuing —


def _check_request(data: CreditNoteCreate) -> None:
    if data.lines is not None and data.amount is not None:
        raise ValidationFailed(
            "Give lines or an amount, not both.",
            errors=[FieldError("amount", "cannot be combined with lines", "invalid")],
        )
    if data.lines is None and data.amount is None:
        raise ValidationFailed(
            "Give the lines to credit, or an amount.",
            errors=[FieldError("lines", "is required without amount", "missing")],
        )


async def _compose(ctx: Context, invoice: Invoice, data: CreditNoteCreate) -> tuple[Credit, Split]:
    """The note's figures and split, from what is left to credit on the invoice."""
    await _ensure_creditable(ctx, invoice)
    _check_places(data, invoice.currency)
    earlier: Sequence[CreditNote] = []
    if invoice.credit_note_ids:
        earlier = await CreditNoteRepository(ctx).of_invoice(invoice.id, issued_only=True)
    room = amounts.room_for(invoice, earlier)
    if data.amount is not None:
        credit = amounts.from_amount(room, data.amount)
    else:
        credit = amounts.from_lines(room, [_asked(line) for line in data.lines or ()])
    split = amounts.split(
        credit.total, invoice.amount_remaining, invoice.currency,
        data.refund_amount, data.credit_amount, data.out_of_band_amount,
    )  # fmt: skip
    return credit, split


async def _ensure_creditable(ctx: Context, invoice: Invoice) -> None:
    if invoice.status not in CREDITABLE:
        raise InvoiceNotCreditable(
            f"Credit notes correct open, past-due or paid invoices; invoice {invoice.id} is "
            f"{invoice.status}.",
            invoice_status=invoice.status,
        )
    if invoice.status == Status.PAID:
        return
    # A charge awaiting its outcome charges what was due when it began.
    if await SettlementRepository(ctx).has_unresolved_charge(invoice.id):
        raise PaymentInProgress(f"A charge for invoice {invoice.id} is awaiting its outcome.")


def _asked(line: InvoiceLineCreditIn | CustomLineCreditIn) -> amounts.Asked:
    if isinstance(line, CustomLineCreditIn):
        return amounts.Custom(
            line.description, line.quantity, line.unit_amount, line.tax_rate, line.tax_inclusive
        )
    return amounts.FromInvoiceLine(line.invoice_line, line.quantity, line.amount)


def _check_places(data: CreditNoteCreate, currency: str) -> None:
    """Amounts in the invoice's currency have at most its places; unit amounts at most 12
    (or the currency's, when more), as invoice lines' (422 `amount_too_precise`)."""
    places = exponent(currency)
    checks = [(name, getattr(data, name), places) for name in ("amount", *amounts.SPLIT_FIELDS)]
    for index, line in enumerate(data.lines or ()):
        if isinstance(line, CustomLineCreditIn):
            unit_places = max(MAX_INPUT_PLACES, places)
            checks.append((f"lines[{index}].unit_amount", line.unit_amount, unit_places))
        else:
            checks.append((f"lines[{index}].amount", line.amount, places))
    errors = []
    for param, value, allowed in checks:
        if value is None:
            continue
        try:
            check_bounds(value, allowed)
        except MoneyError as exc:
            errors.append(FieldError(param, str(exc), exc.code))
    if errors:
        raise validation_problem(errors)


def _new_note(
    ctx: Context,
    invoice: Invoice,
    data: CreditNoteCreate,
    credit: Credit,
    split: Split,
    note_id: str | None,
) -> CreditNote:
    """The note, not yet written; without an id, a preview (its lines have none either)."""
    created_at = id_time(note_id) if note_id is not None else ctx.now
    note = bulk.loaded(
        CreditNote,
        {
            "account_id": ctx.account_id, "livemode": ctx.livemode, "id": note_id,
            "invoice_id": invoice.id, "customer_id": invoice.customer_id,
            "currency": invoice.currency, "status": ISSUED, "reason": data.reason,
            "memo": data.memo, "subtotal": credit.subtotal,
            "discount_amount": credit.discount_amount, "tax_amount": credit.tax_amount,
            "total": credit.total, "tax_breakdown": _breakdown(credit, invoice.currency),
            "pre_payment_amount": split.pre_payment, "post_payment_amount": split.post_payment,
            "refund_amount": split.refund, "credit_amount": split.credit,
            "out_of_band_amount": split.out_of_band, "refund_ids": [],
            "metadata_": cleaned(data.metadata), "created_at": created_at,
            "updated_at": created_at,
        },
    )  # fmt: skip
    note.lines = [_new_line(ctx, note, position, line) for position, line in
                  enumerate(credit.lines)]  # fmt: skip
    return note


def _new_line(
    ctx: Context, note: CreditNote, position: int, line: amounts.CreditLine
) -> CreditNoteLine:
    return bulk.loaded(
        CreditNoteLine,
        {
            "account_id": ctx.account_id, "livemode": ctx.livemode,
            "id": ctx.new_id("cnli") if note.id is not None else None,
            "credit_note_id": note.id, "position": position, "type": line.type,
            "invoice_line_id": line.invoice_line_id, "description": line.description,
            "quantity": line.quantity, "unit_amount": line.unit_amount, "amount": line.amount,
            "discount_amount": line.discount_amount, "tax_rate": line.tax_rate,
            "tax_inclusive": line.tax_inclusive, "tax_amount": line.tax_amount,
        },
    )  # fmt: skip


def _breakdown(credit: Credit, currency: str) -> list[dict[str, object]]:
    """The note's tax per (rate, inclusive), as invoices keep theirs."""
    return [
        {
            "tax_rate": format_decimal(group.rate),
            "tax_inclusive": group.inclusive,
            "taxable_amount": format_amount(group.taxable_amount, currency),
            "amount": format_amount(group.amount, currency),
        }
        for group in credit.tax_groups
    ]


async def _next_number(ctx: Context, account: Account) -> str:
    sequence = await counters.take_next(ctx, COUNTER_SCOPE)
    return numbering.format_number(account.credit_note_number_template, sequence, ctx.now)


async def _refund(
    ctx: Context, processors: Mapping[str, Processor], invoice: Invoice, note: CreditNote
) -> list[str]:
    """Write the note's refunds (pending until sent), from the invoice's settlements."""
    if note.refund_amount == 0:
        return []
    reason = _REFUND_REASONS.get(note.reason or "")
    try:
        written = await refunds.refund_invoice(
            ctx, processors, invoice, note.refund_amount, reason=reason, credit_note_id=note.id
        )
    except (RefundExceedsSettlement, RefundNotSupported) as exc:
        errors = [FieldError("refund_amount", error.message, error.code) for error in exc.errors]
        raise type(exc)(exc.detail, errors=errors) from None
    return [refund.id for refund in written]


async def _insert(ctx: Context, note: CreditNote) -> None:
    """Write the note, then its lines in one executemany (`db.bulk`); a number another note
    holds (a template changed to one that repeats numbers) is a 409."""
    lines = note.lines
    set_committed_value(note, "lines", [])
    try:
        await bulk.insert_all(ctx.session, [note])
    except IntegrityError as exc:
        if "number" not in str(exc.orig):
            raise
        raise CreditNoteNumberConflict(
            f"The credit note number {note.number} is already taken; check the account's "
            "credit_note_number_template."
        ) from None
    await bulk.insert_all(ctx.session, lines)
    set_committed_value(note, "lines", lines)


async def _move_balance(ctx: Context, note: CreditNote, amount: Decimal, description: str) -> None:
    """Credit (negative) or take back the customer's balance by the note's `credit_amount`."""
    if amount == 0:
        return
    await balances.record(
        ctx, note.customer_id, note.currency, amount, BALANCE_TYPE,
        invoice_id=note.invoice_id, credit_note_id=note.id, description=description,
    )  # fmt: skip


# — voiding —


def _ensure_voidable(note: CreditNote, invoice: Invoice) -> None:
    reason = None
    if note.refund_amount > 0:
        reason = "its refunds gave money back, which voiding cannot take back"
    elif invoice.status not in CREDITABLE:
        reason = f"its invoice is {invoice.status}"
    elif invoice.status == Status.PAID and note.pre_payment_amount > 0:
        shown = format_amount(note.pre_payment_amount, note.currency)
        reason = f"it took {shown} off what was left to pay on an invoice now paid"
    if reason is not None:
        raise CreditNoteNotVoidable(
            f"Credit note {note.id} cannot be voided: {reason}.", credit_note_status=note.status
        )
