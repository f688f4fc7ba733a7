"""Subscription billing: the run that bills each period of each subscription once."""
