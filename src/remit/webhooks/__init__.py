"""Webhooks: endpoints, deliveries and their attempts; signed with Standard Webhooks (SPEC §7)."""
