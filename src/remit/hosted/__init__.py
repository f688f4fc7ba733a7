"""What the invoiced customer sees (SPEC §5): the hosted invoice and credit note pages, their
PDFs, public links."""
