"""Errors of usage records."""

from remit.kernel.problems import Conflict


class DuplicateUsageRecord(Conflict):
    code, title = "duplicate_usage_record", "This usage was recorded already"
