"""Subscriptions: a customer on a plan. Invoices may name one of the same customer."""
