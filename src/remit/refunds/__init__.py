"""Refunds of settlements (SPEC §6): money given back through the processor that charged it,
two-phase like charges, or recorded for settlements made by hand."""
