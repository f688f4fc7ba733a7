"""Errors of test clocks."""

from remit.kernel.problems import BadRequest, Conflict, ValidationFailed


class TestClockAdvancing(Conflict):
    __test__ = False  # not a pytest class
    code, title = "test_clock_advancing", "The test clock is advancing"


class TestClockInvalid(ValidationFailed):
    __test__ = False
    code, title = "test_clock_invalid", "The test clock cannot do that"


class TestClockLiveMode(BadRequest):
    __test__ = False
    code = "test_clock_not_allowed_in_live_mode"
    title = "Test clocks exist in test mode only"
