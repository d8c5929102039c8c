"""The Windows build script's retry rule (build_spec/build_windows.sh, ``w_spawn_retry``): a
PyInstaller run under Wine is repeated only when a Wine child process died while starting
(``WinError 1359``), at most three times; any other failure stops the build at once."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def _retry(tmp_path: Path, stub: str) -> tuple[int, int, str]:
    """Run ``w_spawn_retry`` with ``w`` replaced by ``stub`` (its Nth call is $n)."""
    script = (ROOT / "build_spec" / "build_windows.sh").read_text(encoding="utf-8")
    function = re.search(r"^w_spawn_retry\(\) \{.*?^\}", script, re.S | re.M)
    assert function is not None
    calls = tmp_path / "calls"
    harness = f"""
set -euo pipefail
WORK={tmp_path}; WINESERVER=true
w() {{ echo x >> {calls}; n=$(wc -l < {calls}); {stub}; }}
{function.group(0)}
rc=0; w_spawn_retry python build.py || rc=$?
exit "$rc"
"""
    proc = subprocess.run(["bash", "-c", harness], capture_output=True, text=True, timeout=30)
    made = len(calls.read_text().splitlines()) if calls.exists() else 0
    return proc.returncode, made, proc.stdout + proc.stderr


def test_a_wine_child_that_died_starting_is_retried_until_it_works(tmp_path):
    code, calls, said = _retry(tmp_path, 'if [ "$n" -lt 3 ]; then echo "OSError: [WinError '
                                         '1359] Internal error"; return 1; fi; echo built')
    assert (code, calls) == (0, 3)
    assert "attempt 3 of 3" in said and "built" in said


def test_it_gives_up_after_three_attempts(tmp_path):
    code, calls, said = _retry(tmp_path, 'echo "OSError: [WinError 1359] Internal error"; '
                                         'return 1')
    assert (code, calls) == (1, 3)
    assert "giving up" in said


def test_any_other_failure_stops_at_once(tmp_path):
    code, calls, _said = _retry(tmp_path, 'echo "ImportError: no module named x"; return 2')
    assert (code, calls) == (2, 1)
