"""Export an issued invoice as an e-invoice: load it, check it, write it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from remit.accounts.service import get_account
from remit.context import Context
from remit.einvoicing import checks
from remit.einvoicing.cii import cii_invoice
from remit.einvoicing.document import document_of, payment_means_of
from remit.einvoicing.errors import EInvoiceIncomplete, EInvoiceUnsupported, InvoiceNotIssued
from remit.einvoicing.ubl import ubl_invoice
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.problems import FieldError
from remit.payments.repository import PaymentMethodRepository

Syntax = Literal["ubl", "cii"]
Profile = Literal["en16931", "xrechnung"]
WRITERS = {"ubl": ubl_invoice, "cii": cii_invoice}


@dataclass(frozen=True)
class EInvoice:
    number: str
    xml: bytes


async def export_invoice(
    ctx: Context, invoice_id: str, syntax: Syntax, profile: Profile
) -> EInvoice:
    invoice = await InvoiceRepository(ctx).get(invoice_id)
    if invoice.status == Status.DRAFT or invoice.number is None:
        raise InvoiceNotIssued(f"Invoice {invoice_id} is a draft.")
    if errors := checks.unsupported(invoice):
        raise EInvoiceUnsupported(_listed(errors), errors=errors)
    account = await get_account(ctx)
    payment = payment_means_of(invoice, account, await _charged_method_type(ctx, invoice))
    document = document_of(invoice, account, payment, profile)
    if errors := checks.missing(document):
        raise EInvoiceIncomplete(_listed(errors), errors=errors)
    return EInvoice(invoice.number, WRITERS[syntax](document))


async def _charged_method_type(ctx: Context, invoice: Invoice) -> str | None:
    if invoice.collection_method != "charge_automatically" or invoice.payment_method is None:
        return None
    method = await PaymentMethodRepository(ctx).find(invoice.payment_method)
    return method.type if method is not None else None


def _listed(errors: list[FieldError]) -> str:
    return "; ".join(f"{error.param}: {error.message}" for error in errors)
