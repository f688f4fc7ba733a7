"""Accounts: the tenants. Each business using remit is one account."""
