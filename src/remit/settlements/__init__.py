"""Settlements: payments recorded against invoices; confirmed ones count toward paid."""
