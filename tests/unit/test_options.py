"""One parser for the global options: the command line and the window read them alike."""

from __future__ import annotations

import pytest

from posrev.cli import build_parser
from posrev.errors import InputError
from posrev.gui import parse_options
from posrev.options import AppOptions, app_options, global_argv

GLOBALS = ["--demo", "--base-url", "http://127.0.0.1:9", "--env", "live", "--profile", "till2",
           "--config", "/tmp/posrev-test.toml"]


def test_the_cli_and_the_window_read_the_same_app_options():
    cli = app_options(build_parser().parse_args([*GLOBALS, "pending"]))
    window = app_options(parse_options([*GLOBALS, "gui"]))
    assert cli == window == AppOptions(demo=True, base_url="http://127.0.0.1:9", env="live",
                                       profile="till2", config="/tmp/posrev-test.toml")


def test_the_global_options_are_written_back_as_they_were_read():
    args = build_parser().parse_args([*GLOBALS, "pending"])
    assert app_options(parse_options(global_argv(args))) == app_options(args)


def test_the_window_refuses_an_environment_the_cli_refuses():
    with pytest.raises(InputError):
        parse_options(["--env", "staging"])
    with pytest.raises(InputError):
        build_parser().parse_args(["--env", "staging", "pending"])
