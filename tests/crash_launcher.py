"""Run the posrev command line with a SIGKILL injected at one step of a void or a refund
(tests only; a refund runs the void's driver, so the same steps apply).

    python tests/crash_launcher.py STEP [posrev arguments...]

The crash tests (``tests/integration/test_crash.py``) start a real process this way, so
production code carries no fault hook: the step is reached through the void runner's and the
gateway client's own methods, wrapped here before the command line runs.

- ``after_intent``: the intent is journaled, nothing is marked as being sent.
- ``before_request``: the operation is marked ``sending``, the request has not left.
- ``after_answer``: the gateway's answer arrived, it is not journaled yet.
- ``during_poll``: an enquiry about a sent void (or refund) is about to leave.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from posrev.cli import main  # noqa: E402
from posrev.domain.void import VoidRunner  # noqa: E402
from posrev.gateway.client import Gateway  # noqa: E402

STEPS = ("after_intent", "before_request", "after_answer", "during_poll")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _before(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _die()
        return method(*args, **kwargs)
    return wrapper


def _after(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        _die()
        return result
    return wrapper


def inject(step: str) -> None:
    if step == "after_intent":
        VoidRunner._send = _before(VoidRunner._send)  # type: ignore[method-assign]
    elif step == "before_request":
        Gateway.reversal = _before(Gateway.reversal)  # type: ignore[method-assign]
        Gateway.close = _before(Gateway.close)  # type: ignore[method-assign]
        Gateway.refund = _before(Gateway.refund)  # type: ignore[method-assign]
    elif step == "after_answer":
        Gateway.reversal = _after(Gateway.reversal)  # type: ignore[method-assign]
        Gateway.close = _after(Gateway.close)  # type: ignore[method-assign]
        Gateway.refund = _after(Gateway.refund)  # type: ignore[method-assign]
    elif step == "during_poll":
        VoidRunner._check = _before(VoidRunner._check)  # type: ignore[method-assign]
    else:
        raise SystemExit(f"crash_launcher: unknown step {step!r}; one of {', '.join(STEPS)}")


if __name__ == "__main__":
    inject(sys.argv[1])
    raise SystemExit(main(sys.argv[2:]))
