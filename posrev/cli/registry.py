"""The CLI's command groups, by module name: each has ``add_parsers(sub, number)`` and
``COMMANDS`` (name -> handler). They are imported when a command is parsed, so ``posrev``
opening the window loads none of them before it paints; ``posrev selftest`` loads each.
A new group is one line here."""

from __future__ import annotations

import importlib
from types import ModuleType

GROUPS = ("posrev.cli.payments", "posrev.cli.refund", "posrev.cli.admin", "posrev.fleet.cli")


def load() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in GROUPS)
