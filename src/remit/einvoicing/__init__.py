"""Issued invoices and credit notes as EN 16931 e-invoices: UBL 2.1 and UN/CEFACT CII D16B
(docs/einvoicing.md)."""
