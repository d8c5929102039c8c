"""``posrev selftest`` (DESIGN.md §12): can this installation do its job on this machine?

Checks, each on one line (``ok  name (detail)`` or ``FAIL name: reason``), then a summary:

- Qt platform plugin: a QApplication starts on the current platform (``offscreen`` when there
  is no display) and renders a widget; print support renders a PDF slip.
- keyring round-trip: set/get/delete a random secret under a throw-away service name.
- journal writable: a throw-away journal (real schema, WAL) in the journal's folder.
- simulator round-trip: the embedded simulator on 127.0.0.1, a pending order looked up,
  reversed, and looked up again as cancelled, through the real gateway client.
- translations: the zh_HK and zh_CN ``.qm`` files load and translate.
- commands: every command group of the CLI loads (they are imported by name).
- fleet driver: psycopg loads its libpq (needed only when ``[fleet]`` is set; nothing connects).

Exit 0 when every check passes, else 1. Never a traceback: each failure is one sentence.
It works frozen (PyInstaller) and offscreen; Qt is imported only inside the Qt checks.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import posrev
from posrev.errors import PosrevError

SELFTEST_UDID = "posrev-selftest"


class CheckFailed(Exception):
    """A check's own verdict; the message is the reason shown after ``FAIL``."""


# -- Qt (lazy: posrev.gui.qt_selftest is the only module here that touches PySide6) -----------
def check_qt_platform(platform: str | None) -> str:
    from posrev.gui import qt_selftest

    return qt_selftest.check_platform(platform)


def check_print_support(platform: str | None) -> str:
    from posrev.gui import qt_selftest

    qt_selftest.application(platform)
    return qt_selftest.check_print_support()


def check_translations(platform: str | None) -> str:
    from posrev.gui import qt_selftest

    return qt_selftest.check_translations()


# -- keyring ------------------------------------------------------------------------------------
def keyring_backend():  # type: ignore[no-untyped-def]
    """The backend posrev itself uses (Windows Credential Manager is forced on Windows)."""
    import keyring

    from posrev.credentials import configure_backend

    configure_backend()
    return keyring.get_keyring()


def check_keyring(_platform: str | None) -> str:
    backend = keyring_backend()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if "fail" in name.split(".") or type(backend).__name__ == "FailKeyring":
        raise CheckFailed(f"no usable keyring backend ({name})")
    service = f"posrev-selftest-{uuid.uuid4().hex[:12]}"
    user = "selftest"
    secret = secrets.token_urlsafe(24)
    try:
        backend.set_password(service, user, secret)
        got = backend.get_password(service, user)
        if got != secret:
            raise CheckFailed(f"{name} returned a different secret than was stored")
    finally:
        try:
            backend.delete_password(service, user)
        except Exception:  # noqa: BLE001 - best effort cleanup; reported below if it stuck
            pass
    if backend.get_password(service, user) is not None:
        raise CheckFailed(f"{name} did not delete the throw-away secret '{service}'")
    return f"{type(backend).__module__.rsplit('.', 1)[-1]}.{type(backend).__name__}"


# -- journal ------------------------------------------------------------------------------------
def check_journal(_platform: str | None) -> str:
    """A throw-away journal (the real schema, WAL, synchronous=FULL) next to the real one."""
    from posrev.config import resolve_paths
    from posrev.journal import Journal

    folder = resolve_paths().data_dir
    probe = folder / f".selftest-{os.getpid()}-{uuid.uuid4().hex[:8]}.sqlite3"
    token = secrets.token_hex(8)
    try:
        journal = Journal(probe)
        try:
            journal.set_meta("selftest", token)
            if journal.get_meta("selftest") != token:
                raise CheckFailed(f"the journal in {folder} read back a different value")
        finally:
            journal.close()
    finally:
        for suffix in ("", "-wal", "-shm", ".reserve"):
            Path(f"{probe}{suffix}").unlink(missing_ok=True)
    return str(folder)


# -- simulator ----------------------------------------------------------------------------------
def check_simulator(_platform: str | None) -> str:
    from posrev.gateway import Gateway
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator

    sim = Simulator(seed=0)
    base_url = sim.start()
    try:
        order = sim.create_order(pay_type="800101", txamt=100, respcd="1143")
        syssn = str(order["syssn"])
        gateway = Gateway(base_url, DEMO_APP_CODE, DEMO_CLIENT_KEY,
                          connect_timeout=5, read_timeout=10)
        try:
            records = gateway.query(syssn=syssn)
            if not records:
                raise CheckFailed(f"the simulator did not find its own order {syssn}")
            original = records[0]
            if str(original.get("respcd")) != "1143":
                raise CheckFailed(f"the new order is not pending (respcd {original.get('respcd')})")
            answer = gateway.reversal({"syssn": syssn, "txamt": original["txamt"],
                                       "txdtm": original["txdtm"], "udid": SELFTEST_UDID})
            cancel = None
            deadline = time.monotonic() + 10
            while True:
                record = gateway.query(syssn=syssn)[0]
                cancel = int(record.get("cancel") or 0)
                if cancel in (1, 2) or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            if cancel not in (1, 2):
                raise CheckFailed(f"after the reversal (respcd {answer.respcd}) the order still "
                                  f"shows cancel {cancel}")
        finally:
            gateway.close_session()
    finally:
        sim.stop()
    return f"lookup + reversal, respcd {answer.respcd}, cancel {cancel}"


def check_commands(_platform: str | None) -> str:
    """Every command group loads (they are imported by name when a command runs: a frozen
    build that left one out fails here, not at a cashier's first refund)."""
    from posrev.cli.registry import load

    names = sorted(name for group in load() for name in group.COMMANDS)
    return f"{len(names)} commands: {', '.join(names)}"


def _fleet_configured() -> bool:
    """Whether this installation's config names a fleet database (an unreadable config counts
    as not: this check is about the driver, and the app itself says what is wrong with the
    config)."""
    from posrev.config import load_settings, resolve_paths

    try:
        return bool(load_settings(resolve_paths()).database_url)
    except PosrevError:
        return False


def check_fleet_driver(_platform: str | None) -> str:
    """The fleet database driver loads its libpq (on Windows the one psycopg-binary bundles, on
    Linux the system's): a build that left it out fails here, not when a chain turns its fleet
    on. Nothing connects; a terminal with no ``[fleet]`` does not need the driver."""
    try:
        import psycopg
        from psycopg import pq

        libpq = pq.version()
    except Exception as exc:  # noqa: BLE001 - an ImportError, or libpq missing (OSError)
        reason = _reason(exc)
        if _fleet_configured():
            raise CheckFailed(f"[fleet] is set but the database driver does not load ({reason}); "
                              "on Linux install libpq5") from None
        return f"not needed: [fleet] is not set; the driver would not load: {reason}"
    return (f"psycopg {psycopg.__version__}, {pq.__impl__} libpq "
            f"{libpq // 10000}.{libpq % 10000}")


Check = Callable[[str | None], str]

CHECKS: list[tuple[str, Check]] = [
    ("qt platform plugin", check_qt_platform),
    ("qt print support", check_print_support),
    ("keyring round-trip", check_keyring),
    ("journal writable", check_journal),
    ("simulator round-trip", check_simulator),
    ("translations", check_translations),
    ("commands", check_commands),
    ("fleet driver", check_fleet_driver),
]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, CheckFailed | RuntimeError | PosrevError) and str(exc):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _say(out, line: str) -> None:  # type: ignore[no-untyped-def]
    """Print one line; a console that cannot show a character (a Windows code page, a pipe)
    gets an escape instead of an exception."""
    try:
        print(line, file=out, flush=True)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=out, flush=True)


def run(platform: str | None = None, out=None) -> int:  # type: ignore[no-untyped-def]
    out = out or sys.stdout
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    _say(out, f"posrev {posrev.__version__} selftest ({frozen}, {sys.platform}, "
          f"Python {sys.version.split()[0]})")
    failed = 0
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            detail = check(platform)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - a report, never a traceback
            failed += 1
            _say(out, f"FAIL {name}: {_reason(exc)}")
            continue
        ms = (time.perf_counter() - started) * 1000
        _say(out, f"ok  {name} ({detail}; {ms:.0f} ms)")
    total = len(CHECKS)
    if failed:
        _say(out, f"selftest FAILED: {failed} of {total} checks failed")
        return 1
    _say(out, f"selftest passed: all {total} checks ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="posrev selftest",
        description="Check that this installation works: Qt, keyring, journal, simulator, "
                    "translations, commands, fleet driver. Exit 0 if every check passes, else 1.")
    parser.add_argument("--platform", metavar="NAME",
                        help="Qt platform plugin to test (default: QT_QPA_PLATFORM, else the "
                             "system's, else offscreen when there is no display)")
    args = parser.parse_args(argv)
    return run(args.platform)


if __name__ == "__main__":
    raise SystemExit(main())
