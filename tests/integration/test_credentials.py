"""Credentials: keyring storage, environment precedence, masking, validation, keyring failures,
the connection check, and that no secret ever reaches a log, an error or the output."""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import keyring
import keyring.backends.fail
import keyring.errors
import keyring_fixtures
import pytest
from fakeclock import FakeClock
from keyring_fixtures import FailingKeyring, MemoryKeyring

from posrev import credentials as creds_mod
from posrev.credentials import (
    CheckResult,
    Credentials,
    CredentialStore,
    check,
    configure_backend,
    mask,
    validate_secret,
)
from posrev.errors import CredentialsError, InputError
from posrev.gateway.client import (
    BadResponseSignature,
    Gateway,
    GatewayRefusal,
    NotSent,
    RateLimited,
    UnknownOutcome,
    WrongCredentials,
)
from posrev.messages import Text
from posrev.supervisors import SupervisorStore

memory_keyring = keyring_fixtures.memory_keyring  # fixtures, found by name
use_keyring = keyring_fixtures.use_keyring

APP = "3F50A1B2C3D4E5F60718293A4B5C6D7E"  # 32 hex, like QFPay's
KEY = "9C8B7A695847362514F3E2D1C0B9A897"
SERVICE = "posrev/default"


def store(env: dict[str, str] | None = None, profile: str = "default") -> CredentialStore:
    return CredentialStore(profile, env={} if env is None else env)


# -- masking and repr ---------------------------------------------------------------------------
def test_mask_shows_four_characters_an_ellipsis_and_four_stars() -> None:
    assert mask(APP) == "3F50…****"
    assert mask("ABCDEFGHIJKL") == "ABCD…****"


@pytest.mark.parametrize("short", ["a", "abcd", "abcdefgh", "abcdefghijk"])
def test_mask_stars_short_values_entirely_without_telling_the_length(short: str) -> None:
    assert mask(short) == "****"


def test_mask_of_nothing_is_empty() -> None:
    assert mask("") == ""


def test_credentials_repr_and_str_show_only_masked_secrets() -> None:
    c = Credentials(APP, KEY, "MCH1", source="keyring")
    for text in (repr(c), str(c), f"{c}", f"{c!r}", repr([c]), str({"c": c})):
        assert APP not in text and KEY not in text
        assert APP[4:] not in text and KEY[4:] not in text
        assert "3F50…****" in text and "9C8B…****" in text
    assert "MCH1" in repr(c) and "keyring" in repr(c)


def test_credentials_are_frozen_and_source_must_be_named() -> None:
    c = Credentials(APP, KEY, source="environment")
    with pytest.raises(AttributeError):
        c.client_key = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Credentials(APP, KEY)  # type: ignore[call-arg]
    assert c.mchid == ""


# -- validation --------------------------------------------------------------------------------
def test_validation_message_for_a_bad_length() -> None:
    with pytest.raises(CredentialsError) as err:
        validate_secret("client key", "A" * 12)
    assert str(err.value) == "The client key must be 16 to 64 characters; you entered 12."
    with pytest.raises(CredentialsError, match="app code must be 16 to 64 characters; you "
                                               "entered 65"):
        validate_secret("app code", "A" * 65)


@pytest.mark.parametrize("length", [16, 32, 64])
def test_validation_accepts_16_to_64_printable_ascii(length: int) -> None:
    value = ("aZ09!~-_" * 10)[:length]
    assert validate_secret("client key", value) == value


@pytest.mark.parametrize("bad, position", [
    ("ABCDEFGH IJKLMNOP", 9),          # a space inside
    ("ABCDEFGHIJKLMNOé", 16),          # not ASCII
    ("ABCD\tEFGHIJKLMNOP", 5),         # a control character
    ("ABCDEFGHIJKL\x7fMNOP", 13),      # DEL
])
def test_validation_names_the_position_not_the_character(bad: str, position: int) -> None:
    with pytest.raises(CredentialsError) as err:
        validate_secret("client key", bad)
    message = str(err.value)
    assert f"character {position} is not allowed" in message
    assert bad not in message
    if bad[position - 1] != " ":
        assert bad[position - 1] not in message  # the secret's character is not echoed
    assert message.endswith(".") and "\n" not in message


def test_validation_trims_surrounding_whitespace_of_a_paste() -> None:
    assert validate_secret("app code", f"  {APP}\n") == APP


def test_save_validates_before_writing_anything(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(CredentialsError, match="client key must be 16 to 64"):
        store().save(APP, "short")
    with pytest.raises(CredentialsError, match="app code may contain only"):
        store().save("bad app code with spaces", KEY)
    assert memory_keyring.items == {}


# -- keyring storage ---------------------------------------------------------------------------
def test_save_then_load_round_trips_under_posrev_profile(memory_keyring: MemoryKeyring) -> None:
    saved = store().save(APP + "\n", " " + KEY)
    assert memory_keyring.items == {(SERVICE, "app_code"): APP, (SERVICE, "client_key"): KEY}
    loaded = store().load()
    assert loaded == saved == Credentials(APP, KEY, "", source="keyring")


def test_load_with_nothing_stored_is_none(memory_keyring: MemoryKeyring) -> None:
    assert store().load() is None


def test_profiles_are_separate_keyring_services(memory_keyring: MemoryKeyring) -> None:
    store(profile="shop-2").save(APP, KEY)
    assert ("posrev/shop-2", "client_key") in memory_keyring.items
    assert store().load() is None
    loaded = store(profile="shop-2").load()
    assert loaded is not None and loaded.client_key == KEY


@pytest.mark.parametrize("profile", ["", "a b", "../x", "x/y", "-x", "p" * 65])
def test_a_bad_profile_name_is_refused(profile: str) -> None:
    with pytest.raises(InputError, match="profile name"):
        CredentialStore(profile, env={})


def test_half_a_pair_in_the_keyring_is_an_error(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items[(SERVICE, "app_code")] = APP
    with pytest.raises(CredentialsError, match="client key is missing"):
        store().load()


def test_a_malformed_stored_value_is_reported_without_showing_it(
        memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items[(SERVICE, "app_code")] = APP
    memory_keyring.items[(SERVICE, "client_key")] = "tooshort99"
    with pytest.raises(CredentialsError) as err:
        store().load()
    assert "client key stored in the keyring" in str(err.value)
    assert "tooshort99" not in str(err.value)


def test_delete_removes_both_and_is_idempotent(memory_keyring: MemoryKeyring) -> None:
    store().save(APP, KEY)
    assert store().delete() is True
    assert memory_keyring.items == {}
    assert store().load() is None
    assert store().delete() is False


# -- environment precedence --------------------------------------------------------------------
def test_environment_takes_precedence_over_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store().save(APP, KEY)
    env_app, env_key = "E" * 32, "F" * 32
    loaded = store({"POSREV_APP_CODE": env_app, "POSREV_CLIENT_KEY": env_key,
                    "POSREV_MCHID": "M123"}).load()
    assert loaded == Credentials(env_app, env_key, "M123", source="environment")


def test_environment_works_with_no_keyring_at_all(use_keyring) -> None:
    use_keyring(keyring.backends.fail.Keyring())
    loaded = store({"POSREV_APP_CODE": APP, "POSREV_CLIENT_KEY": KEY}).load()
    assert loaded is not None and loaded.source == "environment"


def test_mchid_from_the_environment_applies_to_keyring_credentials(
        memory_keyring: MemoryKeyring) -> None:
    store().save(APP, KEY)
    loaded = store({"POSREV_MCHID": "M9"}).load()
    assert loaded == Credentials(APP, KEY, "M9", source="keyring")


@pytest.mark.parametrize("present, missing", [("POSREV_APP_CODE", "POSREV_CLIENT_KEY"),
                                              ("POSREV_CLIENT_KEY", "POSREV_APP_CODE")])
def test_half_a_pair_in_the_environment_names_the_missing_variable(
        memory_keyring: MemoryKeyring, present: str, missing: str) -> None:
    store().save(APP, KEY)  # the keyring must not silently fill the gap
    with pytest.raises(CredentialsError) as err:
        store({present: APP}).load()
    assert f"{missing} is not" in str(err.value)
    assert APP not in str(err.value)


def test_empty_environment_variables_count_as_unset(memory_keyring: MemoryKeyring) -> None:
    store().save(APP, KEY)
    loaded = store({"POSREV_APP_CODE": "", "POSREV_CLIENT_KEY": "  "}).load()
    assert loaded is not None and loaded.source == "keyring"


def test_a_malformed_environment_value_names_the_variable() -> None:
    with pytest.raises(CredentialsError) as err:
        store({"POSREV_APP_CODE": APP, "POSREV_CLIENT_KEY": "abc def"}).load()
    assert str(err.value) == ("POSREV_CLIENT_KEY must be 16 to 64 characters; it has 7.")
    with pytest.raises(CredentialsError, match="POSREV_MCHID must be"):
        store({"POSREV_APP_CODE": APP, "POSREV_CLIENT_KEY": KEY,
               "POSREV_MCHID": "M" * 17}).load()


def test_the_process_environment_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSREV_APP_CODE", APP)
    monkeypatch.setenv("POSREV_CLIENT_KEY", KEY)
    loaded = CredentialStore().load()
    assert loaded is not None and loaded.source == "environment"


# -- keyring failures --------------------------------------------------------------------------
class DBusErrorResponse(Exception):
    """Looks like jeepney's: what a broken Secret Service raises past keyring."""


def assert_clean_sentence(err: CredentialsError) -> str:
    message = str(err)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert err.exit_code == 4
    assert err.__cause__ is None and err.__suppress_context__  # no chained traceback
    assert APP not in message and KEY not in message
    return message


def test_no_keyring_backend_says_what_to_do(use_keyring) -> None:
    use_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(CredentialsError) as err:
        store().load()
    message = assert_clean_sentence(err.value)
    assert "No usable OS keyring" in message
    assert "POSREV_APP_CODE" in message and "POSREV_CLIENT_KEY" in message
    with pytest.raises(CredentialsError, match="No usable OS keyring was found for storing"):
        store().save(APP, KEY)


@pytest.mark.parametrize("error, words", [
    (keyring.errors.KeyringLocked("Failed to unlock the collection!"), "is locked"),
    (keyring.errors.InitError("Failed to create the collection"), "could not be opened"),
    (DBusErrorResponse("org.freedesktop.DBus.Error.ServiceUnknown"), "could not be opened"),
    (OSError("Access is denied"), "could not be opened"),
])
def test_keyring_failures_are_one_sentence_for_an_admin(use_keyring, error: Exception,
                                                        words: str) -> None:
    use_keyring(FailingKeyring(error))
    for action in (store().load, lambda: store().save(APP, KEY), store().delete):
        with pytest.raises(CredentialsError) as err:
            action()
        assert words in assert_clean_sentence(err.value)


def test_a_refused_write_is_reported(use_keyring) -> None:
    use_keyring(FailingKeyring(keyring.errors.PasswordSetError("denied"), fail_on={"set"}))
    with pytest.raises(CredentialsError) as err:
        store().save(APP, KEY)
    assert "refused storing the QFPay credentials" in assert_clean_sentence(err.value)


def test_a_failed_second_write_leaves_no_half_pair(use_keyring) -> None:
    backend = FailingKeyring(keyring.errors.PasswordSetError("full"), fail_on={"set"},
                             writes_before_failure=1)
    use_keyring(backend)
    with pytest.raises(CredentialsError):
        store().save(APP, KEY)
    assert backend.items == {}


def test_a_refused_delete_is_reported(use_keyring) -> None:
    backend = FailingKeyring(keyring.errors.PasswordDeleteError("denied"), fail_on={"delete"})
    backend.items[(SERVICE, "app_code")] = APP
    use_keyring(backend)
    with pytest.raises(CredentialsError) as err:
        store().delete()
    assert "refused deleting" in assert_clean_sentence(err.value)


# -- the backend choice ------------------------------------------------------------------------
@pytest.fixture
def restore_backend() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_configure_backend_keeps_keyrings_choice_off_windows(
        restore_backend: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    mine = MemoryKeyring()
    keyring.set_keyring(mine)
    configure_backend()
    assert keyring.get_keyring() is mine


def test_configure_backend_forces_the_windows_vault(
        restore_backend: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import Windows

    class FakeVault(MemoryKeyring):
        viable = True

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(Windows, "WinVaultKeyring", FakeVault)
    keyring.set_keyring(MemoryKeyring())  # a stray third-party backend that won detection
    configure_backend()
    assert type(keyring.get_keyring()) is FakeVault


def test_configure_backend_on_windows_without_the_vault_refuses_clearly(
        restore_backend: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import Windows

    class BrokenVault(MemoryKeyring):
        viable = False

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(Windows, "WinVaultKeyring", BrokenVault)
    keyring.set_keyring(MemoryKeyring())
    configure_backend()
    assert isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)
    with pytest.raises(CredentialsError, match="Windows Credential Manager|No usable"):
        store().load()


# -- the connection check (unit) ---------------------------------------------------------------
class FakeGateway:
    def __init__(self, error: Exception | None) -> None:
        self.error = error
        self.calls: list[dict[str, object]] = []

    def query(self, **params: object) -> list[dict[str, object]]:
        self.calls.append(params)
        if self.error is not None:
            raise self.error
        return []


@pytest.mark.parametrize("error, kind", [
    (None, "ok"),
    (WrongCredentials("sign error"), "wrong_credentials"),
    (BadResponseSignature(), "wrong_credentials"),
    (NotSent(Text("net.connection_refused")), "unreachable"),
    (UnknownOutcome(Text("net.no_answer", {"seconds": "15"})), "unknown"),
    (UnknownOutcome(Text("net.http_error", {"status": 502})), "unknown"),
    (RateLimited(30), "unknown"),
    (GatewayRefusal("1100"), "unknown"),
])
def test_check_classifies_each_answer(error: Exception | None, kind: str) -> None:
    gateway = FakeGateway(error)
    result = check(gateway)  # type: ignore[arg-type]
    assert isinstance(result, CheckResult)
    assert (result.kind, result.ok) == (kind, kind == "ok")
    assert result.message.endswith(".")
    assert len(gateway.calls) == 1  # one signed enquiry, never a retry loop


def test_check_says_nothing_was_tested_when_the_network_is_down() -> None:
    result = check(FakeGateway(NotSent(Text("net.no_route"))))  # type: ignore[arg-type]
    assert "not tested" in result.message and "no route to host" in result.message


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_check_against_a_closed_port_is_unreachable() -> None:
    gateway = Gateway(f"http://127.0.0.1:{closed_port()}", APP, KEY, connect_timeout=2)
    try:
        result = check(gateway)
    finally:
        gateway.close_session()
    assert result.kind == "unreachable", result


# -- the connection check against the simulator -----------------------------------------------
@pytest.fixture
def sim_gateway() -> Iterator[SimpleNamespace]:
    module = pytest.importorskip("posrev.simulator")
    if not hasattr(module, "Simulator"):
        pytest.skip("posrev.simulator has no Simulator yet")
    sim = module.Simulator(seed=0)
    base_url = sim.start()
    try:
        yield SimpleNamespace(url=base_url, app=module.DEMO_APP_CODE,
                              key=module.DEMO_CLIENT_KEY)
    finally:
        sim.stop()


def run_check(url: str, app: str, key: str) -> CheckResult:
    gateway = Gateway(url, app, key)
    try:
        return check(gateway)
    finally:
        gateway.close_session()


def test_check_with_the_right_key_is_ok(sim_gateway: SimpleNamespace) -> None:
    result = run_check(sim_gateway.url, sim_gateway.app, sim_gateway.key)
    assert (result.ok, result.kind) == (True, "ok"), result


def test_check_with_a_wrong_key_is_wrong_credentials(sim_gateway: SimpleNamespace) -> None:
    key = sim_gateway.key
    wrong = ("0" if key[0] != "0" else "1") + key[1:]
    result = run_check(sim_gateway.url, sim_gateway.app, wrong)
    assert (result.ok, result.kind) == (False, "wrong_credentials"), result


def test_check_with_a_wrong_app_code_is_wrong_credentials(sim_gateway: SimpleNamespace) -> None:
    result = run_check(sim_gateway.url, "Z" * 32, sim_gateway.key)
    assert (result.ok, result.kind) == (False, "wrong_credentials"), result


# -- secrets never leak ------------------------------------------------------------------------
def test_no_key_or_pin_in_logs_output_errors_or_audit(
        memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture,
        capfd: pytest.CaptureFixture[str], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """DESIGN.md §14: a run with a known key and PIN, then search everything it produced."""
    caplog.set_level(logging.DEBUG)
    pin, other_pin = "97531864", "86420753"
    said: list[str] = []  # every message shown to a person
    events: list[dict[str, str]] = []

    credential_store = store()
    credential_store.save(APP, KEY)
    loaded = credential_store.load()
    assert loaded is not None
    print(loaded, repr(loaded), credential_store)
    logging.getLogger("posrev.test").info("loaded %s / %r", loaded, loaded)
    for typo in (KEY[:12], KEY[:10] + " " + KEY[11:], KEY + "é"):  # bad pastes of the key
        try:
            store().save(APP, typo)
        except CredentialsError as exc:
            said.append(str(exc))
    try:
        store({"POSREV_CLIENT_KEY": KEY}).load()
    except CredentialsError as exc:
        said.append(str(exc))

    try:
        sim = request.getfixturevalue("sim_gateway")
        url, app, key = sim.url, sim.app, sim.key
    except pytest.skip.Exception:
        url, app, key = f"http://127.0.0.1:{closed_port()}", APP, KEY
    said.append(run_check(url, app, key).message)
    said.append(run_check(url, APP, KEY).message)  # the known key goes through signing

    supervisors = SupervisorStore(tmp_path / "supervisors.sqlite3", udid="T1",
                                  clock=FakeClock(), audit=events.append)
    try:
        supervisors.add_first("S1", "Ann", pin)
        for attempt in ("000000", pin[::-1]):
            try:
                supervisors.approve("S1", attempt, requester="C1", action="reversal",
                                    target="SYS1", reason="Duplicate order")
            except Exception as exc:
                said.append(str(exc))
        approval = supervisors.approve("S1", pin, requester="C1", action="add_supervisor",
                                       target="S2", reason="New staff")
        supervisors.add("S2", "Bob", other_pin, approval)
        said.append(repr(approval))
        said.append(repr(supervisors.list()))
        try:
            supervisors.add("S3", "Cy", "12ab", approval)
        except Exception as exc:
            said.append(str(exc))
    finally:
        supervisors.close()

    out, err = capfd.readouterr()
    haystacks = {"log": caplog.text, "stdout": out, "stderr": err,
                 "messages": "\n".join(said), "audit": repr(events)}
    assert "3F50…****" in out  # the run did print, masked
    assert "loaded from the keyring" in caplog.text and "supervisor.added" in caplog.text
    for where, text in haystacks.items():
        for secret in (APP, KEY, pin, other_pin, APP[4:], KEY[4:]):
            assert secret not in text, f"a secret is in the {where}"
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    for secret in (pin, other_pin):
        assert secret.encode() not in blob
    assert creds_mod.mask(KEY) in repr(loaded)
