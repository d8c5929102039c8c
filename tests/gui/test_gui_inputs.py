"""The window applies the core's input rules (issue 9, points 6 and 7): a bad profile never
becomes a path, and the cashier sign-in refuses what the CLI and the core refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from posrev.errors import InputError


@pytest.mark.parametrize("profile", ["../../../../x", "../x", "a/b", "x\n"])
def test_create_main_window_refuses_a_bad_profile_before_any_path(
        open_window, simulator, credentials, gui_home: str, tmp_path: Path,
        profile: str) -> None:
    before = set(tmp_path.parent.rglob("*"))
    with pytest.raises(InputError, match="profile name"):
        open_window("--base-url", simulator.base_url, "--profile", profile)
    assert set(tmp_path.parent.rglob("*")) - before == set()
