"""A webhook receiver that answers every request 200 at once and counts them.

    python -m bench.receiver PORT EXPECTED TIMEOUT

Prints one JSON line — how many arrived and the rate between the first and the last — when
EXPECTED requests arrived or TIMEOUT seconds passed. Raw asyncio: the receiver must not be
what limits the rate it measures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time

RESPONSE = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"


class _Counter:
    def __init__(self, expected: int) -> None:
        self.expected, self.count = expected, 0
        self.first = self.last = 0.0
        self.done = asyncio.Event()

    def arrived(self) -> None:
        self.last = time.perf_counter()
        if not self.count:
            self.first = self.last
        self.count += 1
        if self.count >= self.expected:
            self.done.set()


async def _serve(
    counter: _Counter, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            writer.write(RESPONSE)
            counter.arrived()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
        pass  # the sender hung up, or the receiver is stopping
    finally:
        writer.close()


async def run(port: int, expected: int, wait_seconds: float) -> dict[str, float]:
    counter = _Counter(expected)
    server = await asyncio.start_server(lambda r, w: _serve(counter, r, w), "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(counter.done.wait(), wait_seconds)
    span = counter.last - counter.first
    return {
        "count": counter.count,
        "seconds": round(span, 3),
        "per_second": round((counter.count - 1) / span, 1) if span > 0 else 0.0,
    }


def main() -> None:
    port, expected, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    print(json.dumps(asyncio.run(run(port, expected, timeout))), flush=True)


if __name__ == "__main__":
    main()
