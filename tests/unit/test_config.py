"""Configuration (DESIGN.md §10): where the files live, which file wins, that every key is checked,
and that a bad file is reported with file, line and key and never replaced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posrev.config import (
    Paths,
    Settings,
    load_settings,
    parse_file,
    resolve_paths,
    save_user_settings,
)
from posrev.errors import ConfigError
from posrev.model.rules import DEFAULT_CLOSE, DEFAULT_PENDING, DEFAULT_REVERSAL, Rules


def _paths(tmp_path: Path, *, machine: bool = False) -> Paths:
    return Paths(config_file=tmp_path / "user" / "config.toml",
                 machine_config_file=(tmp_path / "machine" / "config.toml") if machine else None,
                 data_dir=tmp_path / "data", log_dir=tmp_path / "logs")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _bad(tmp_path: Path, text: str) -> ConfigError:
    path = _write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError) as info:
        parse_file(path)
    return info.value


# -- defaults and paths ---------------------------------------------------------------------
def test_defaults_without_any_file(tmp_path: Path) -> None:
    s = load_settings(_paths(tmp_path))
    assert s == Settings()
    assert (s.env, s.region, s.sign_type, s.timezone) == ("test", "hk", "md5", "Asia/Hong_Kong")
    assert (s.connect_timeout, s.read_timeout) == (5.0, 15.0)
    assert s.base_url == "" and s.mchid == ""
    assert s.gateway_url() == "https://test-openapi-hk.qfapi.com"
    assert s.env_label == "TEST"
    assert s.rules == Rules()
    assert s.rules.reversal_pay_types == DEFAULT_REVERSAL == ("800101", "801501", "800201",
                                                               "800108")
    assert s.rules.close_pay_types == DEFAULT_CLOSE == ("800008", "800208", "801008")
    assert s.rules.pending_codes == DEFAULT_PENDING == ("1143", "1145", "1298", "2999")
    assert (s.rules.supervisor_amount, s.rules.void_window_hours,
            s.rules.late_void_minutes) == (50000, 24.0, 15.0)


def test_posrev_home_puts_config_data_and_logs_under_it(tmp_path: Path) -> None:
    home = tmp_path / "portable"
    paths = resolve_paths(env={"POSREV_HOME": str(home)})
    assert paths.config_file == home / "config.toml"
    assert paths.data_dir == home / "data"
    assert paths.log_dir == home / "logs"
    assert paths.journal_file() == home / "data" / "journal.sqlite3"
    assert paths.journal_file("shop2") == home / "data" / "journal-shop2.sqlite3"
    assert paths.machine_config_file is None
    for p in (paths.config_file, paths.data_dir, paths.log_dir):
        assert p.is_relative_to(home)


def test_without_posrev_home_the_platform_dirs_are_used(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform != "linux":
        pytest.skip("XDG variables steer platformdirs on Linux only")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-user"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg-site"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    paths = resolve_paths(env={})
    assert paths.config_file == tmp_path / "xdg-user" / "posrev" / "config.toml"
    assert paths.machine_config_file == tmp_path / "xdg-site" / "posrev" / "config.toml"
    assert paths.data_dir == tmp_path / "xdg-data" / "posrev"


def test_config_option_names_the_user_file(tmp_path: Path) -> None:
    mine = _write(tmp_path / "elsewhere" / "mine.toml", '[gateway]\nenv = "live"\n')
    paths = resolve_paths(mine, env={"POSREV_HOME": str(tmp_path / "home")})
    assert paths.config_file == mine
    assert paths.data_dir == tmp_path / "home" / "data"  # --config moves only the config file
    assert load_settings(paths).env == "live"


def test_config_option_naming_a_missing_file_is_an_error(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "typo.toml", env={"POSREV_HOME": str(tmp_path / "home")})
    with pytest.raises(ConfigError, match="typo.toml"):
        load_settings(paths)


def test_machine_wide_file_overrides_the_user_file(tmp_path: Path) -> None:
    paths = _paths(tmp_path, machine=True)
    _write(paths.config_file, '[gateway]\nenv = "sandbox"\nmchid = "USERMCH"\n'
                              '[terminal]\nlanguage = "zh_CN"\n'
                              '[rules]\nsupervisor_amount = 100\nlate_void_minutes = 5\n')
    assert paths.machine_config_file is not None
    _write(paths.machine_config_file, '[gateway]\nenv = "live"\n'
                                      '[rules]\nsupervisor_amount = 20000\n')
    s = load_settings(paths)
    assert s.env == "live"  # the machine file wins where both say something
    assert s.rules.supervisor_amount == 20000
    assert s.mchid == "USERMCH"  # the user file still counts where the machine file is silent
    assert s.language == "zh_CN"
    assert s.rules.late_void_minutes == 5


def test_machine_wide_file_overrides_via_platform_dirs(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform != "linux":
        pytest.skip("XDG variables steer platformdirs on Linux only")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "u"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "m"))
    _write(tmp_path / "u" / "posrev" / "config.toml", '[gateway]\nsign_type = "md5"\n')
    _write(tmp_path / "m" / "posrev" / "config.toml", '[gateway]\nsign_type = "sha256"\n')
    assert load_settings(resolve_paths(env={})).sign_type == "sha256"


def test_a_bad_machine_wide_file_is_reported_by_its_own_name(tmp_path: Path) -> None:
    paths = _paths(tmp_path, machine=True)
    _write(paths.config_file, '[gateway]\nenv = "live"\n')
    assert paths.machine_config_file is not None
    _write(paths.machine_config_file, '[gateway]\n\nregion = "mars"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(paths)
    assert info.value.path == str(paths.machine_config_file)
    assert info.value.line == 3 and info.value.key == "gateway.region"


def test_overrides_from_the_command_line_win(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, '[gateway]\nenv = "sandbox"\n')
    s = load_settings(paths, {"env": "live", "base_url": "http://127.0.0.1:8765"})
    assert s.env == "live"
    assert s.gateway_url() == "http://127.0.0.1:8765"
    assert s.env_label == "SIMULATOR"  # the simulator outside the demo


def test_every_key_is_read(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    _write(paths.config_file, """\
[gateway]
env = "live"
region = "sg"
base_url = "https://gw.example.com/"
sign_type = "sha256"
mchid = "MNxMp11FV35qQN"
timezone = "Asia/Singapore"
connect_timeout = 3
read_timeout = 20.5
response_signature = "verify"
close_method = "post"
proxy = "http://127.0.0.1:3128"
use_system_proxy = true
ca_bundle = "CA_BUNDLE"

[terminal]
udid = "store-7-till-2"
language = "zh_HK"

[rules]
reversal_pay_types = ["800101"]
close_pay_types = ["800208", "801008"]
pending_codes = ["1143"]
supervisor_amount = 10000
void_window_hours = 12
late_void_minutes = 7.5
""".replace("CA_BUNDLE", bundle.as_posix()))
    s = load_settings(paths)
    assert (s.response_signature, s.close_method, s.proxy, s.use_system_proxy, s.ca_bundle) \
        == ("verify", "post", "http://127.0.0.1:3128", True, bundle.as_posix())
    assert (s.env, s.region, s.base_url, s.sign_type, s.mchid, s.timezone) == (
        "live", "sg", "https://gw.example.com/", "sha256", "MNxMp11FV35qQN", "Asia/Singapore")
    assert (s.connect_timeout, s.read_timeout, s.udid, s.language) == (3, 20.5,
                                                                       "store-7-till-2", "zh_HK")
    assert s.gateway_url() == "https://gw.example.com"
    assert s.rules == Rules(("800101",), ("800208", "801008"), ("1143",), 10000, 12, 7.5)
    # env + region without base_url picks the regional URL
    _write(paths.config_file, '[gateway]\nenv = "live"\nregion = "sg"\n')
    assert load_settings(paths).gateway_url() == "https://openapi-sg.qfapi.com"
    assert load_settings(paths).env_label == "LIVE"


# -- validation: file, line and key ---------------------------------------------------------
@pytest.mark.parametrize(("text", "line", "key", "words"), [
    ('[gateway]\nenv = "test"\ncolour = "red"\n', 3, "gateway.colour", "unknown setting"),
    ('[terminal]\n\n\nlanguage = "fr"\n', 4, "terminal.language", "zh_HK"),
    ('[gateway]\nconnect_timeout = "5"\n', 2, "gateway.connect_timeout", "must be a number"),
    ('[gateway]\nread_timeout = true\n', 2, "gateway.read_timeout", "must be a number"),
    ('[gateway]\nread_timeout = 0\n', 2, "gateway.read_timeout", "between 0 and 300"),
    ('[gateway]\nconnect_timeout = 301\n', 2, "gateway.connect_timeout", "between 0 and 300"),
    ('[gateway]\nenv = "production"\n', 2, "gateway.env", "sandbox, test, live"),
    ('[gateway]\nenv = 1\n', 2, "gateway.env", "must be a str"),
    ('[gateway]\nregion = "mars"\n', 2, "gateway.region", "must be one of"),
    ('[gateway]\nsign_type = "sha1"\n', 2, "gateway.sign_type", "md5, sha256"),
    ('[gateway]\nsign_type = "MD5"\n', 2, "gateway.sign_type", "md5, sha256"),
    ('[gateway]\ntimezone = "Asia/Atlantis"\n', 2, "gateway.timezone", "not a known time zone"),
    ('[gateway]\ntimezone = "../../etc/passwd"\n', 2, "gateway.timezone", "time zone"),
    ('[gateway]\nmchid = "12345678901234567"\n', 2, "gateway.mchid", "at most 16"),
    ('[terminal]\nudid = "' + "u" * 41 + '"\n', 2, "terminal.udid", "40"),
    ('[terminal]\nudid = "a\\tb"\n', 2, "terminal.udid", "printable"),
    ('[rules]\nreversal_pay_types = "800101"\n', 2, "rules.reversal_pay_types", "must be a list"),
    ('[rules]\nreversal_pay_types = [800101]\n', 2, "rules.reversal_pay_types", "6-digit"),
    ('[rules]\nclose_pay_types = ["80020"]\n', 2, "rules.close_pay_types", "6-digit"),
    ('[rules]\npending_codes = ["11430"]\n', 2, "rules.pending_codes", "4-digit"),
    ('[rules]\nsupervisor_amount = 500.0\n', 2, "rules.supervisor_amount", "must be a"),
    ('[rules]\nsupervisor_amount = -1\n', 2, "rules.supervisor_amount", "negative"),
    ('[rules]\nvoid_window_hours = 0\n', 2, "rules.void_window_hours", "positive"),
    ('[rules]\nlate_void_minutes = -5\n', 2, "rules.late_void_minutes", "positive"),
    ('[gateway]\nenv = "test"\n[printer]\nname = "x"\n', 3, "printer", "unknown section"),
])
def test_bad_value_names_file_line_and_key(tmp_path: Path, text: str, line: int, key: str,
                                           words: str) -> None:
    err = _bad(tmp_path, text)
    assert (err.path, err.line, err.key) == (str(tmp_path / "config.toml"), line, key)
    message = str(err)
    assert str(tmp_path / "config.toml") in message
    assert f"line {line}" in message
    assert f"'{key}'" in message
    assert words in message
    assert "\n" not in message


def test_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    err = _bad(tmp_path, '[gateway]\nenv = "test"\nregion = \n')
    assert err.line == 3
    assert "line 3" in str(err) and "not valid TOML" in str(err)
    assert str(tmp_path / "config.toml") in str(err)
    err = _bad(tmp_path, '[gateway\nenv = "test"\n')
    assert err.line == 1 and "not valid TOML" in str(err)


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[gateway]\nmchid = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not UTF-8") as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'\xef\xbb\xbf[gateway]\nenv = "live"\n')
    assert parse_file(path) == {"gateway": {"env": "live"}}


def test_https_base_url_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "config.toml", '[gateway]\nbase_url = "https://gw.example.com"\n')
    assert parse_file(path) == {"gateway": {"base_url": "https://gw.example.com"}}


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:8765",
                                 "http://[::1]:8765", "http://127.0.0.2"])
def test_plain_http_to_loopback_is_accepted(tmp_path: Path, url: str) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, f'[gateway]\nbase_url = "{url}"\n')
    s = load_settings(paths)
    assert s.gateway_url() == url
    assert s.env_label == "SIMULATOR"


@pytest.mark.parametrize("url", ["http://gw.example.com", "http://10.0.0.5:8765",
                                 "http://127.0.0.1.example.com"])
def test_plain_http_to_a_remote_host_is_refused(tmp_path: Path, url: str) -> None:
    path = _write(tmp_path / "config.toml", f'[gateway]\nbase_url = "{url}"\n')
    with pytest.raises(ConfigError, match="plain http"):
        parse_file(path)


@pytest.mark.parametrize("url", ["http://gw.example.com", "ftp://gw.example.com", "nothing"])
def test_refused_base_url_names_file_line_and_key(tmp_path: Path, url: str) -> None:
    err = _bad(tmp_path, f'[gateway]\nenv = "test"\nbase_url = "{url}"\n')
    assert (err.path, err.line, err.key) == (str(tmp_path / "config.toml"), 3,
                                             "gateway.base_url")


def test_an_error_message_is_one_line_even_for_a_multi_line_value(tmp_path: Path) -> None:
    err = _bad(tmp_path, '[gateway]\ntimezone = "Asia/\\nHong_Kong"\n')
    assert err.key == "gateway.timezone"
    assert "\n" not in str(err)


def test_a_key_outside_any_section_names_its_line(tmp_path: Path) -> None:
    err = _bad(tmp_path, '# posrev\n\nenv = "live"\n')
    assert (err.line, err.key) == (3, "env")


def test_env_and_region_without_a_gateway_name_the_file(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, '[gateway]\nenv = "test"\nregion = "jp"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(paths).gateway_url()
    assert str(paths.config_file) in str(info.value)


# -- a bad file is never replaced -----------------------------------------------------------
def test_save_merges_into_the_user_file(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, '[gateway]\nenv = "sandbox"\n')
    save_user_settings(paths, {"terminal": {"udid": "till-9"}, "gateway": {"mchid": "M1"}})
    s = load_settings(paths)
    assert (s.env, s.mchid, s.udid) == ("sandbox", "M1", "till-9")
    assert not list(paths.config_file.parent.glob("*.tmp"))


def test_save_creates_a_missing_file(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    save_user_settings(paths, {"rules": {"supervisor_amount": 1234}})
    assert load_settings(paths).rules.supervisor_amount == 1234


@pytest.mark.parametrize("bad", [
    b'[gateway]\nenv = "production"\n',
    b'[gateway\nenv = "test"\n',
    b'\xff\xfe\x00garbage',
    b'[gateway]\nbase_url = "http://gw.example.com"\n',
])
def test_save_never_replaces_a_bad_file(tmp_path: Path, bad: bytes) -> None:
    paths = _paths(tmp_path)
    paths.config_file.parent.mkdir(parents=True)
    paths.config_file.write_bytes(bad)
    with pytest.raises(ConfigError):
        save_user_settings(paths, {"terminal": {"udid": "till-9"}})
    assert paths.config_file.read_bytes() == bad
    assert sorted(p.name for p in paths.config_file.parent.iterdir()) == ["config.toml"]


def test_save_refuses_an_invalid_value_and_keeps_the_file(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, '[gateway]\nenv = "sandbox"\n')
    before = paths.config_file.read_bytes()
    with pytest.raises(ConfigError):
        save_user_settings(paths, {"gateway": {"env": "production"}})
    assert paths.config_file.read_bytes() == before
    assert load_settings(paths).env == "sandbox"


# -- fuzz -------------------------------------------------------------------------------------
_KEYS = ["env", "region", "base_url", "sign_type", "mchid", "timezone", "connect_timeout",
         "read_timeout", "udid", "language", "reversal_pay_types", "close_pay_types",
         "pending_codes", "supervisor_amount", "void_window_hours", "late_void_minutes", "x"]
_VALUES = ['"test"', '"live"', '"hk"', '"jp"', '"sha256"', '"https://a.example"',
           '"http://1.2.3.4"', '"http://127.0.0.1:8765"', '"http://[::1"', '"Asia/Hong_Kong"',
           '"Nowhere/Zone"', "1", "0", "-1", "1.5", "nan", "inf", "true", "[]", '["800101"]',
           '["1143", 1]', "{a = 1}", "1979-05-27", '""', '"\\u00e9"', '"a\\nb"', "[[1]]"]
_FRAGMENTS = st.one_of(
    st.sampled_from(["[gateway]", "[terminal]", "[rules]", "[x]", "[[rules]]", "[gateway.a]",
                     "gateway.env = \"live\"", "# c", ""]),
    st.tuples(st.sampled_from(_KEYS), st.sampled_from(_VALUES)).map(lambda kv: " = ".join(kv)),
)
_TOMLISH = st.lists(_FRAGMENTS, max_size=12).map(lambda lines: "\n".join(lines).encode())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                      _TOMLISH))
def test_fuzz_any_file_loads_or_raises_config_error(tmp_path: Path, data: bytes) -> None:
    paths = _paths(tmp_path)
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_bytes(data)
    try:
        s = load_settings(paths)
        s.gateway_url()
    except ConfigError as exc:
        assert str(exc)
    # never another exception type: hypothesis reports it as a failure


# -- through the command line ---------------------------------------------------------------
def _cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSREV_")}
    env["POSREV_HOME"] = str(tmp_path / "home")
    return env


def _posrev(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "posrev", *args], capture_output=True,
                          text=True, env=_cli_env(tmp_path), timeout=60, cwd=tmp_path)


def test_cli_with_a_bad_config_file_exits_4_with_one_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.toml", '[gateway]\nenv = "test"\nsign_type = "sha1"\n')
    proc = _posrev(tmp_path, "--config", str(bad), "lookup", "--syssn", "1")
    assert proc.returncode == 4
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(bad) in lines[0] and "line 3" in lines[0] and "gateway.sign_type" in lines[0]
    assert "Traceback" not in proc.stderr
    assert bad.read_text() == '[gateway]\nenv = "test"\nsign_type = "sha1"\n'


def test_cli_with_a_toml_syntax_error_exits_4_naming_the_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.toml", '[gateway]\n\nenv = = "test"\n')
    proc = _posrev(tmp_path, "--config", str(bad), "lookup", "--syssn", "1")
    assert proc.returncode == 4
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "line 3" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_with_a_bad_file_under_posrev_home_exits_4(tmp_path: Path) -> None:
    home_cfg = _write(tmp_path / "home" / "config.toml", '[terminal]\nlanguage = "xx"\n')
    proc = _posrev(tmp_path, "journal")
    assert proc.returncode == 4 and proc.stdout == ""
    assert str(home_cfg) in proc.stderr and "line 2" in proc.stderr
    assert "terminal.language" in proc.stderr and "Traceback" not in proc.stderr


def test_routing_presets_fill_the_tables_an_explicit_list_wins(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, '[rules]\nrouting = "2025"\n')
    rules = load_settings(paths).rules
    assert rules.reversal_pay_types == ("800108", "800208", "800708")
    assert rules.close_pay_types == ("800201", "800212", "800701", "801514")
    _write(paths.config_file, '[rules]\nrouting = "2025"\nclose_pay_types = ["800008"]\n')
    rules = load_settings(paths).rules
    assert rules.reversal_pay_types == ("800108", "800208", "800708")
    assert rules.close_pay_types == ("800008",)


@pytest.mark.parametrize("text, key", [
    ('[gateway]\nresponse_signature = "sometimes"\n', "gateway.response_signature"),
    ('[gateway]\nclose_method = "put"\n', "gateway.close_method"),
    ('[rules]\nrouting = "2019"\n', "rules.routing"),
    ('[gateway]\nproxy = "http://user:pw@127.0.0.1:3128"\n', "gateway.proxy"),
    ('[gateway]\nproxy = "127.0.0.1:3128"\n', "gateway.proxy"),
    ('[gateway]\nuse_system_proxy = "yes"\n', "gateway.use_system_proxy"),
    ('[gateway]\nca_bundle = "/no/such/bundle.pem"\n', "gateway.ca_bundle"),
])
def test_bad_gateway_shape_settings_name_their_key(tmp_path: Path, text: str, key: str) -> None:
    paths = _paths(tmp_path)
    _write(paths.config_file, text)
    with pytest.raises(ConfigError) as err:
        load_settings(paths)
    assert key in str(err.value)
    assert "pw" not in str(err.value)  # a proxy password is never echoed
