"""Invoices: lines, totals, lifecycle and gapless numbering (SPEC §3)."""
