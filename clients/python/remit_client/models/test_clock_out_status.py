from typing import Literal

TestClockOutStatus = Literal["advancing", "ready"]

TEST_CLOCK_OUT_STATUS_VALUES: set[TestClockOutStatus] = {
    "advancing",
    "ready",
}


def check_test_clock_out_status(value: str) -> TestClockOutStatus:
    if value in TEST_CLOCK_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TEST_CLOCK_OUT_STATUS_VALUES!r}")
