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


@pytest.mark.parametrize("argv, said", [
    # An option the command does not take is named (a newcomer's --pin-stdin to "supervisor
    # add" was once "1 value (not repeated here)", since other commands know the option).
    (["supervisor", "add", "S001", "--name", "Sam", "--pin-stdin"],
     "Unrecognized arguments: --pin-stdin (see 'posrev --help')."),
    # A PIN typed where no value belongs is never printed back; an option's value neither.
    (["pending", "97531864"], "Unrecognized arguments: 1 value (not repeated here) (see "
                              "'posrev --help')."),
    (["pending", "-p97531864"], "Unrecognized arguments: 1 value (not repeated here) (see "
                                "'posrev --help')."),
    (["pending", "--code=97531864", "97531864"],
     "Unrecognized arguments: --code=… and 1 value (not repeated here) (see 'posrev --help')."),
])
def test_an_unrecognized_argument_is_named_unless_it_is_a_value(argv, said, capsys):
    from posrev.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"posrev: {said}"
    assert "97531864" not in err
