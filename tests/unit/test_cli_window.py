"""``posrev`` and ``posrev [globals] gui [options]`` go straight to the cashier window (which
parses its own options); anything else, help and bad options go through the full parser."""

import pytest

from posrev.cli import _opens_the_window


@pytest.mark.parametrize("argv, window", [
    ([], True),
    (["gui"], True),
    (["--base-url", "http://127.0.0.1:9", "gui", "--cashier", "C001"], True),
    (["--demo"], True),
    (["--profile", "gui"], True),  # "gui" here is the profile's name, not the command
    (["--profile", "lookup", "lookup", "--syssn", "1"], False),
    (["lookup", "--syssn", "1"], False),
    (["gui", "--help"], False),
    (["--version"], False),
    (["simulator", "gui"], False),
])
def test_which_command_lines_open_the_window_directly(argv, window):
    assert _opens_the_window(argv) is window


def test_a_bad_window_option_is_still_reported_by_the_cli(capsys):
    from posrev.cli import main

    assert main(["gui", "--bogus"]) == 2
    assert "--bogus" in capsys.readouterr().err


def test_the_window_module_loads_without_the_gateway_client_or_the_config():
    """The window paints before the core opens (benchmarks/gui_startup.py): importing it must
    not pull in requests (~40 ms, ~14 MiB) or the configuration machinery; a one-line import
    elsewhere once cost 0.5x of a bare window's start; ``dataclasses`` (with ``inspect``) and
    the commands' shared module cost 0.06x more after the remodel, until they were kept out."""
    import subprocess
    import sys

    code = ("import sys, posrev.cli, posrev.gui.main_window; "
            "print(sorted(m for m in ('requests', 'posrev.config', 'posrev.gateway.client', "
            "'keyring', 'sqlite3', 'dataclasses', 'posrev.cli.common') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
                         check=True, timeout=60).stdout.strip()
    assert out == "[]", out


def test_the_command_line_opens_the_window_without_loading_every_command():
    """``posrev`` (the window) goes through posrev.cli: its command groups load only when a
    command is parsed, so the window is not slowed by code it never runs."""
    import subprocess
    import sys

    code = ("import sys, posrev.cli; "
            "print(sorted(m for m in sys.modules if m.startswith(('posrev.cli.', "
            "'posrev.fleet')) and m != 'posrev.cli.common'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.strip()
    assert out == "[]", out
