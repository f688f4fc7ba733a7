"""Errors of usage records, meters and usage events."""

from remit.kernel.problems import Conflict


class DuplicateUsageRecord(Conflict):
    code, title = "duplicate_usage_record", "This usage was recorded already"


class MeterEventNameTaken(Conflict):
    code, title = "meter_event_name_taken", "A meter of this event name exists already"


class UsageEventDuplicate(Conflict):
    """An identifier sent again with another body: the same identifier and body replay."""

    code, title = "usage_event_duplicate", "A different usage event has this identifier"


class UsageEventInvoiceClosed(Conflict):
    """Usage recorded as billed by an invoice that will never be paid would be lost."""

    code, title = "usage_event_invoice_closed", "This invoice cannot bill usage"
