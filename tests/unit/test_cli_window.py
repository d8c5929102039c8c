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
