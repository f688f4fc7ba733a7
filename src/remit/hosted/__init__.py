"""What the invoiced customer sees (SPEC §5): the hosted invoice page, its PDF, public links."""
