"""Create accounts (an operator's action, from the CLI) and change their settings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from remit.accounts.errors import InvalidNumberTemplate, InvoiceNumberTooLow
from remit.accounts.models import DEFAULT_CREDIT_NOTE_NUMBER_TEMPLATE, Account
from remit.accounts.schemas import AccountOut, AccountUpdate
from remit.context import Context
from remit.events import service as events
from remit.kernel import tax_ids
from remit.kernel.currencies import normalize_currency
from remit.kernel.ids import id_time
from remit.kernel.problems import FieldError, NotFound
from remit.numbering import counters
from remit.numbering import templates as numbering


@dataclass(frozen=True)
class AccountView:
    account: Account
    next_number: int  # of the caller's mode: test and live number apart
    livemode: bool  # the caller's mode


async def create_account(ctx: Context, name: str, currency: str = "USD") -> Account:
    """`ctx.account_id` is ignored: the new account is the tenant from now on."""
    account_id = ctx.new_id("acct")
    account = Account(
        id=account_id,
        name=name,
        default_currency=normalize_currency(currency),
        invoice_number_template=numbering.DEFAULT_TEMPLATE,
        credit_note_number_template=DEFAULT_CREDIT_NOTE_NUMBER_TEMPLATE,
        invoice_number_scope="account",
        buyer_fee_percent=Decimal(0),
        branding={},
        tax_ids=[],
        dunning_final_action="leave_open",
        dunning_subscription_action="mark_unpaid",
        tax_rounding="per_rate",
        einvoice_embed_facturx=True,
        created_at=id_time(account_id),
        updated_at=id_time(account_id),
    )
    ctx.session.add(account)
    await ctx.session.flush()
    ctx.account_id = account.id
    return account


_ACCOUNT = "remit_account"  # the account a transaction read, in its session's `info`


async def get_account(ctx: Context, *, lock: bool = False) -> Account:
    """The context's account. Read once per transaction (billing an invoice asks for it three
    times): later reads without a lock take it from the transaction's session; a locked read
    reads it again."""
    known = ctx.session.info.get(_ACCOUNT)
    if not lock and isinstance(known, Account) and known.id == ctx.account_id:
        return known
    statement = select(Account).where(Account.id == ctx.account_id)
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    account = await ctx.session.scalar(statement)
    if account is None:
        raise NotFound("account", ctx.account_id)
    ctx.session.info[_ACCOUNT] = account
    return account


async def view_account(ctx: Context) -> AccountView:
    return AccountView(await get_account(ctx), await counters.peek_next(ctx), ctx.livemode)


async def update_account(ctx: Context, changes: AccountUpdate) -> AccountView:
    account = await get_account(ctx, lock=True)
    sent = changes.model_dump(exclude_unset=True)
    for field in (
        "name",
        "default_currency",
        "buyer_fee_percent",
        "dunning_schedule_days",
        "dunning_final_action",
        "dunning_subscription_action",
        "tax_rounding",
    ):
        if sent.get(field) is not None:
            setattr(account, field, getattr(changes, field))
    if changes.branding is not None:
        account.branding = changes.branding.model_dump()
    _apply_legal_data(account, changes)
    if changes.einvoicing is not None and changes.einvoicing.embed_facturx is not None:
        account.einvoice_embed_facturx = changes.einvoicing.embed_facturx
    for field in ("address", "payment_instructions"):
        if field in sent:
            value = getattr(changes, field)
            setattr(account, field, value.model_dump(exclude_none=True) if value else None)
    _apply_numbering(account, changes)
    _apply_credit_note_numbering(account, changes.credit_note_number_template)
    next_number = await _move_counter(ctx, changes.invoice_number_next)
    account.updated_at = ctx.now
    view = AccountView(account, next_number, ctx.livemode)
    events.record(ctx, "account.updated", AccountOut.of(account, next_number, ctx.livemode))
    return view


def _apply_legal_data(account: Account, changes: AccountUpdate) -> None:
    """The seller's legal data (docs/einvoicing.md): the fields sent, `null` clearing one."""
    sent = changes.model_fields_set
    for field in ("legal_name", "registration_id", "email", "phone"):
        if field in sent:
            setattr(account, field, getattr(changes, field))
    if "tax_ids" in sent:  # ids already checked and made compact (kernel.tax_ids)
        account.tax_ids = tax_ids.stored(changes.tax_ids)


def _apply_numbering(account: Account, changes: AccountUpdate) -> None:
    scope = changes.invoice_number_scope or account.invoice_number_scope
    template = changes.invoice_number_template
    if template is None and scope != account.invoice_number_scope:
        same_default = account.invoice_number_template in (
            numbering.DEFAULT_TEMPLATE,
            numbering.DEFAULT_CUSTOMER_TEMPLATE,
        )
        if same_default:  # switching scope with the default template: use the other default
            template = (
                numbering.DEFAULT_CUSTOMER_TEMPLATE
                if scope == "customer"
                else numbering.DEFAULT_TEMPLATE
            )
    if template is None:
        template = account.invoice_number_template
    try:
        numbering.validate_template(template, scope)
    except numbering.InvalidTemplate as exc:
        raise InvalidNumberTemplate(
            f"invoice_number_template {exc}",
            errors=[FieldError("invoice_number_template", str(exc), "invalid_number_template")],
        ) from None
    account.invoice_number_template, account.invoice_number_scope = template, scope


def _apply_credit_note_numbering(account: Account, template: str | None) -> None:
    """Credit notes number per account, whatever the invoices do: no `{prefix}`."""
    if template is None:
        return
    try:
        numbering.validate_template(template, "account")
        if "{prefix" in template:
            raise numbering.InvalidTemplate("credit notes number per account: no {prefix}")
    except numbering.InvalidTemplate as exc:
        raise InvalidNumberTemplate(
            f"credit_note_number_template {exc}",
            errors=[FieldError("credit_note_number_template", str(exc), "invalid_number_template")],
        ) from None
    account.credit_note_number_template = template


async def _move_counter(ctx: Context, requested: int | None) -> int:
    current = await counters.peek_next(ctx)
    if requested is None or requested == current:
        return current
    if requested < current:
        raise InvoiceNumberTooLow(
            f"The next invoice number is already {current}; it can only move forward.",
            errors=[
                FieldError(
                    "invoice_number_next",
                    f"must be at least {current}",
                    "invoice_number_next_too_low",
                )
            ],
        )
    return await counters.set_next(ctx, requested)
