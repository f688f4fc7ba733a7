"""Payments (SPEC §6): payment methods, processors, automatic charges and dunning."""
