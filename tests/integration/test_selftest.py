"""``posrev selftest`` (DESIGN.md §12): each check, the report format, exit codes, no traceback.

The Qt checks run in a subprocess (offscreen), so this module creates no QApplication of its
own in the test process. The frozen app's selftest is run by ``.ci/package.sh``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
import pytest
from keyring_fixtures import FailingKeyring, memory_keyring, use_keyring  # noqa: F401

from posrev import selftest
from posrev.errors import JournalError

ROOT = Path(__file__).resolve().parents[2]


def _run_checks(monkeypatch, checks) -> tuple[int, list[str]]:
    monkeypatch.setattr(selftest, "CHECKS", checks)
    out = io.StringIO()
    code = selftest.run(out=out)
    return code, out.getvalue().splitlines()


def test_report_lists_each_check_and_exits_0_when_all_pass(monkeypatch):
    code, lines = _run_checks(monkeypatch, [("first", lambda p: "detail"),
                                            ("second", lambda p: "more")])
    assert code == 0
    assert lines[0].startswith("posrev ") and "selftest" in lines[0]
    assert lines[1].startswith("ok  first (detail; ")
    assert lines[2].startswith("ok  second (more; ")
    assert lines[-1] == "selftest passed: all 2 checks ok"


def test_a_failing_check_is_one_line_and_exit_1_never_a_traceback(monkeypatch):
    def boom(_platform):
        raise ValueError("disk on fire\nsecond line")

    def refused(_platform):
        raise selftest.CheckFailed("keyring is locked")

    def exits(_platform):
        raise SystemExit(3)

    code, lines = _run_checks(monkeypatch, [("a", boom), ("b", refused), ("c", exits),
                                            ("d", lambda p: "fine")])
    assert code == 1
    assert lines[1] == "FAIL a: ValueError: disk on fire"
    assert lines[2] == "FAIL b: keyring is locked"
    assert lines[3].startswith("FAIL c: SystemExit")
    assert lines[4].startswith("ok  d (fine")
    assert lines[-1] == "selftest FAILED: 3 of 4 checks failed"
    assert not any("Traceback" in line for line in lines)


def test_keyring_round_trip_leaves_nothing_behind(memory_keyring):  # noqa: F811
    detail = selftest.check_keyring(None)
    assert "MemoryKeyring" in detail
    assert memory_keyring.items == {}


def test_keyring_failures_are_reported(use_keyring):  # noqa: F811
    use_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(selftest.CheckFailed, match="no usable keyring backend"):
        selftest.check_keyring(None)
    use_keyring(FailingKeyring(RuntimeError("locked"), fail_on={"set"}))
    with pytest.raises(RuntimeError, match="locked"):
        selftest.check_keyring(None)


def test_journal_check_writes_wal_in_the_data_dir_and_cleans_up(tmp_path, monkeypatch):
    monkeypatch.setenv("POSREV_HOME", str(tmp_path))
    detail = selftest.check_journal(None)
    assert detail == str(tmp_path / "data")
    assert list((tmp_path / "data").iterdir()) == []


def test_journal_check_fails_on_an_unwritable_dir(tmp_path, monkeypatch):
    blocker = tmp_path / "home"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("POSREV_HOME", str(blocker))
    with pytest.raises((OSError, JournalError)):
        selftest.check_journal(None)


def test_simulator_round_trip():
    detail = selftest.check_simulator(None)
    assert "cancel 1" in detail or "cancel 2" in detail


def _qm_from_ts(tmp_path: Path, lang: str, source: str, translation: str) -> Path:
    ts = tmp_path / f"posrev_{lang}.ts"
    ts.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="{lang}">
<context><name>MainWindow</name>
<message><source>Untranslated</source><translation type="unfinished"></translation></message>
<message><source>{source}</source><translation>{translation}</translation></message>
</context>
</TS>
""", encoding="utf-8")
    qm = tmp_path / f"posrev_{lang}.qm"
    subprocess.run([sys.executable, "-c",
                    "import sys; from PySide6.scripts.pyside_tool import lrelease; "
                    "sys.argv[0] = 'pyside6-lrelease'; lrelease()",
                    "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def test_qm_parser_reads_context_source_and_translation(tmp_path):
    pytest.importorskip("PySide6")
    from posrev.gui.qt_selftest import qm_messages

    qm = _qm_from_ts(tmp_path, "zh_HK", "Look up", "查詢")
    messages = qm_messages(qm.read_bytes())
    assert ("MainWindow", "Look up", "", "查詢") in messages
    with pytest.raises(ValueError):
        qm_messages(b"not a qm file")


# Points the GUI's catalog lookup (what the selftest checks) at a test folder.
_USE_QM_DIR = """
import posrev.gui.i18n as i18n, posrev.gui.qt_selftest as q
from pathlib import Path
i18n.package_qm_dir = i18n.cache_qm_dir = lambda: Path({0!r})
i18n.ts_dir = lambda: Path({0!r}) / "no-sources"
"""


def _subprocess_selftest(code: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({"QT_QPA_PLATFORM": "offscreen", **env_extra})
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_qt_checks_pass_offscreen_in_a_fresh_process(tmp_path):
    pytest.importorskip("PySide6")
    for lang, text in (("zh_HK", "查詢"), ("zh_CN", "查询")):
        _qm_from_ts(tmp_path, lang, "Look up", text)
    code = f"""
{_USE_QM_DIR.format(str(tmp_path))}
print(q.check_platform(None)); print(q.check_print_support()); print(q.check_translations())
"""
    proc = _subprocess_selftest(code, {})
    assert proc.returncode == 0, proc.stderr
    platform, printing, translations = proc.stdout.strip().splitlines()[-3:]
    assert platform == "offscreen"
    assert printing == "PDF"
    assert "zh_HK: 'Look up' -> '查詢'" in translations
    assert "zh_CN: 'Look up' -> '查询'" in translations


def test_missing_translations_and_missing_platform_plugin_fail_cleanly(tmp_path):
    pytest.importorskip("PySide6")
    code = f"""
{_USE_QM_DIR.format(str(tmp_path))}
for call in (lambda: q.check_translations(), lambda: q.check_platform("nosuchplatform")):
    try:
        call()
    except RuntimeError as exc:
        print("refused:", exc)
"""
    proc = _subprocess_selftest(code, {})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("refused: no zh_HK translation")
    assert lines[1].startswith("refused: the 'nosuchplatform' platform plugin is not installed")


def test_cli_selftest_prints_a_report_and_exits_0_or_1(tmp_path):
    """The whole command, from source, offscreen. Whether the keyring works depends on the
    machine (see the keyring-marked test), so only the shape and the exit code are checked."""
    proc = _subprocess_selftest(
        "import sys; from posrev.cli import main; sys.exit(main(['selftest']))",
        {"POSREV_HOME": str(tmp_path)})
    lines = proc.stdout.strip().splitlines()
    assert "Traceback" not in proc.stdout + proc.stderr
    names = [name for name, _ in selftest.CHECKS]
    for name, line in zip(names, lines[1:], strict=False):
        assert line.startswith((f"ok  {name} (", f"FAIL {name}: ")), line
    failed = sum(line.startswith("FAIL ") for line in lines)
    assert proc.returncode == (1 if failed else 0)
    assert lines[-1].startswith("selftest passed" if not failed else "selftest FAILED")
    for line in lines:
        if line.startswith(("ok  qt platform", "ok  journal", "ok  simulator")):
            continue
        assert not line.startswith(("FAIL qt platform", "FAIL journal", "FAIL simulator")), line


@pytest.mark.keyring
def test_selftest_passes_with_a_real_keyring(tmp_path):
    """Run inside .ci/keyring-session.sh (a real Secret Service); needs the compiled
    translations, as the build makes them."""
    import keyring

    if isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring):
        pytest.skip("no keyring service here: run under .ci/keyring-session.sh")
    proc = _subprocess_selftest("import sys; from posrev.selftest import main; sys.exit(main([]))",
                                {"POSREV_HOME": str(tmp_path)})
    lines = proc.stdout.strip().splitlines()
    keyring_line = next(line for line in lines if "keyring round-trip" in line)
    assert keyring_line.startswith("ok  keyring round-trip"), proc.stdout


def test_the_commands_check_loads_every_command_group():
    """The command groups are imported by name (posrev/cli/__init__.py): the selftest loads
    each, so a frozen build that left one out fails its selftest."""
    line = selftest.check_commands(None)
    for name in ("lookup", "void", "pending", "journal", "refund", "credentials", "supervisor",
                 "diagnose", "fleet"):
        assert name in line


def test_the_fleet_driver_check_names_the_libpq_it_loaded():
    """Nothing connects: the check only loads psycopg and asks its libpq for a version, so a
    frozen build without the driver (or, on Linux, a machine without libpq5) fails here."""
    line = selftest.check_fleet_driver(None)
    assert line.startswith("psycopg ") and " libpq " in line, line


def _without_psycopg(monkeypatch):
    for name in [n for n in sys.modules if n == "psycopg" or n.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError


def test_a_missing_fleet_driver_passes_only_where_no_fleet_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("POSREV_HOME", str(tmp_path))
    _without_psycopg(monkeypatch)
    assert selftest.check_fleet_driver(None).startswith("not needed: [fleet] is not set")

    (tmp_path / "config.toml").write_text(
        '[fleet]\ndatabase_url = "postgresql://posrev@db.example/posrev"\nstore_id = "HK-001"\n',
        encoding="utf-8")
    with pytest.raises(selftest.CheckFailed, match=r"\[fleet\] is set but the database driver "
                                                   r"does not load"):
        selftest.check_fleet_driver(None)
