"""What both SDK scripts share (they run in the SDK venvs, where only this folder is on the
path): the command line `MODE CONFIG.json` → one JSON line on stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any


def refused(call: Callable[[], Any], error: type[Exception]) -> bool:
    try:
        call()
    except error:
        return True
    return False


def tampered(body: str) -> str:
    return body.replace('"status":"', '"status":"x', 1)


def main(modes: dict[str, Callable[[dict[str, Any]], dict[str, Any]]]) -> None:
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as handle:
        config = json.load(handle)
    print(json.dumps(modes[mode](config)))
