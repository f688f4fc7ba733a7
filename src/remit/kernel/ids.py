"""Object ids: a type prefix and a time-sortable random part (SPEC §2).

`inv_01jdx3m4k8…` — 26 Crockford base32 characters: 48 bits of milliseconds since the epoch,
then 80 random bits (the ULID layout). Ids made in one process within one millisecond are
strictly increasing (the random part is incremented), so ordering by id is ordering by
creation, which is what keyset pagination and the `created` filters rely on.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from datetime import UTC, datetime, timedelta

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_DECODE = {c: i for i, c in enumerate(_ALPHABET)}
_BODY = re.compile(r"[0-9a-hjkmnp-tv-z]{26}")
_RANDOM_BITS = 80
_MAX_RANDOM = (1 << _RANDOM_BITS) - 1

PREFIXES = frozenset(
    {
        "acct",
        "cus",
        "prod",
        "plan",
        "sub",
        "pm",
        "inv",
        "il",
        "stl",
        "evt",
        "we",
        "whd",
        "wha",
        "key",
        "ur",
        "si",  # subscription item
        "mtr",  # meter
        "uev",  # usage event
        "clock",  # test clock
        "cn",  # credit note
        "cnli",  # credit note line
        "re",  # refund
        "cbtxn",  # customer balance transaction
    }
)


class _Monotonic:
    """Remembers the last id's time and random part so ids within a millisecond increase."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = -1
        self._last_random = 0

    def next(self, ms: int) -> tuple[int, int]:
        with self._lock:
            if ms <= self._last_ms:
                ms = self._last_ms
                rand = self._last_random + 1
                if rand > _MAX_RANDOM:  # 2^80 ids in one millisecond: borrow the next one
                    ms, rand = ms + 1, int.from_bytes(os.urandom(10), "big") >> 1
            else:
                rand = int.from_bytes(os.urandom(10), "big") >> 1  # headroom for increments
            self._last_ms, self._last_random = ms, rand
            return ms, rand


_monotonic = _Monotonic()
# Test clocks' sequences: ids made at a clock's simulated time, increasing within the clock,
# kept apart from the process's own (which must never jump to a simulated future). Bounded:
# a clock not seen for a while starts a fresh sequence, as a new process would.
_sequences: OrderedDict[str, _Monotonic] = OrderedDict()
_SEQUENCES = 1024
_sequences_lock = threading.Lock()


def _sequence(name: str) -> _Monotonic:
    with _sequences_lock:
        found = _sequences.pop(name, None) or _Monotonic()
        _sequences[name] = found
        if len(_sequences) > _SEQUENCES:
            _sequences.popitem(last=False)
        return found


_PAIRS = [high + low for high in _ALPHABET for low in _ALPHABET]  # 10 bits -> 2 characters


def _encode(value: int, length: int) -> str:
    """The low `length` base32 digits of `value`, two at a time (every line of every invoice
    gets an id: this halves the steps)."""
    odd = length % 2
    head = _ALPHABET[(value >> 5 * (length - 1)) & 31] if odd else ""
    shifts = range(5 * (length - odd) - 10, -1, -10)
    return head + "".join([_PAIRS[(value >> shift) & 1023] for shift in shifts])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def to_millis(moment: datetime) -> int:
    """Whole milliseconds since the epoch, rounded down (integer arithmetic, no float)."""
    return (moment - _EPOCH) // _MS


def new_id(prefix: str, moment: datetime, *, sequence: str | None = None) -> str:
    """A fresh id whose time part is `moment` (millisecond precision), or the last id's time
    if that is later (clocks can step back; ids never do). Objects take their `created_at`
    from their id (`id_time`), so the two always agree. `sequence` names a simulated clock
    (a test clock's id) whose ids increase on their own, apart from the wall clock's."""
    source = _monotonic if sequence is None else _sequence(sequence)
    return format_id(prefix, *source.next(to_millis(moment)))


def format_id(prefix: str, millis: int, random_part: int) -> str:
    """The id with these parts (imports and tests; `new_id` is the way to make fresh ones)."""
    return f"{prefix}_{_encode(millis, 10)}{_encode(random_part, 16)}"


def id_floor(prefix: str, moment: datetime) -> str:
    """The smallest possible id of `prefix` made at or after `moment` (for range filters)."""
    ms = -((_EPOCH - moment) // _MS)  # ceiling: ids inside this millisecond are earlier
    return f"{prefix}_{_encode(max(ms, 0), 10)}{'0' * 16}"


def id_time(value: str) -> datetime:
    """When the id was made (millisecond precision, UTC)."""
    body = value.rsplit("_", 1)[1]
    ms = 0
    for char in body[:10]:
        ms = ms * 32 + _DECODE[char]
    return _EPOCH + ms * _MS


def is_id(value: str, prefix: str) -> bool:
    head, sep, body = value.partition("_")
    return sep == "_" and head == prefix and _BODY.fullmatch(body) is not None
