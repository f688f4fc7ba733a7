"""The worker: delivers webhooks and fires invoice timers (SPEC §3.4, §7)."""
