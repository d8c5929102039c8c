"""Supervisors (DESIGN.md §4, §14): PIN hashing, lockout, dual control, single-use approvals, and
an audit record for every attempt without the PIN anywhere."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakeclock import FakeClock

from posrev.errors import InputError, JournalError, SupervisorError
from posrev.supervisors import (
    ADD_SUPERVISOR,
    APPROVAL_TTL,
    DISABLE_SUPERVISOR,
    LOCKOUT,
    REASONS,
    RESET_SUPERVISOR,
    SCRYPT_DKLEN,
    Approval,
    SupervisorLocked,
    SupervisorStore,
    hash_pin,
)

PIN_A, PIN_B, PIN_C = "97531864", "86420753", "5319742086"
WRONG = "000000"
AUDIT_KEYS = {"kind", "actor", "approver", "action", "target", "reason", "result", "where",
              "at", "detail", "approval_id"}


class Store:
    """A store on a temporary file with a fake clock and a list of audit events."""

    def __init__(self, path: Path, udid: str = "T-01", clock: FakeClock | None = None) -> None:
        self.path = path
        self.clock = clock or FakeClock()
        self.events: list[dict[str, str]] = []
        self.sups = SupervisorStore(path, udid=udid, clock=self.clock, audit=self.events.append)

    def kinds(self) -> list[str]:
        return [e["kind"] for e in self.events]


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "supervisors.sqlite3")
    store.sups.add_first("S1", "Ann Supervisor", PIN_A)
    yield store
    store.sups.close()


@pytest.fixture
def two(s: Store) -> Store:
    """S1 and S2 exist; S2 was added with S1's approval."""
    approval = s.sups.approve("S1", PIN_A, requester="it-admin", action=ADD_SUPERVISOR,
                              target="S2", reason="New staff")
    s.sups.add("S2", "Bob Supervisor", PIN_B, approval)
    s.events.clear()
    return s


def void_approval(store: Store, sup: str = "S1", pin: str = PIN_A, target: str = "SYS-A",
                  requester: str = "C001", action: str = "void") -> Approval:
    return store.sups.approve(sup, pin, requester=requester, action=action, target=target,
                              reason="Customer left without paying")


# -- storage and hashing -----------------------------------------------------------------------
def test_the_file_is_wal_full_and_versioned(s: Store) -> None:
    db = sqlite3.connect(s.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = {row[1] for row in db.execute("PRAGMA table_info(supervisors)")}
        assert {"id", "name", "salt", "pin_hash", "params", "disabled", "failed_attempts",
                "locked_until", "created_at"} <= columns
        columns = {row[1] for row in db.execute("PRAGMA table_info(approvals)")}
        assert {"id", "supervisor_id", "requester", "action", "target", "reason", "issued_at",
                "consumed_at", "udid"} <= columns
    finally:
        db.close()
    # the store itself asks for FULL on its own connection
    assert s.sups._db.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_the_pin_is_stored_as_a_salted_scrypt_hash(two: Store) -> None:
    db = sqlite3.connect(two.path)
    try:
        rows = db.execute("SELECT id, salt, pin_hash, params FROM supervisors ORDER BY id"
                          ).fetchall()
    finally:
        db.close()
    (_, salt_a, hash_a, params), (_, salt_b, hash_b, _) = rows
    assert params == "scrypt:n=16384,r=8,p=1,dklen=32"
    assert len(salt_a) == 16 and len(hash_a) == SCRYPT_DKLEN
    assert hash_a != PIN_A.encode() and PIN_A.encode() not in hash_a
    assert hash_a == hash_pin(PIN_A, salt_a)
    assert salt_a != salt_b
    # the same PIN under two salts gives two hashes
    assert hash_pin(PIN_A, salt_a) != hash_pin(PIN_A, salt_b)


def test_the_same_pin_twice_is_stored_differently(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.sqlite3")
    store.sups.add_first("S1", "Ann", PIN_A)
    approval = store.sups.approve("S1", PIN_A, requester="it", action=ADD_SUPERVISOR,
                                  target="S2", reason="New staff")
    store.sups.add("S2", "Bob", PIN_A, approval)  # same PIN, different salt
    db = sqlite3.connect(store.path)
    hashes = [r[0] for r in db.execute("SELECT pin_hash FROM supervisors")]
    db.close()
    store.sups.close()
    assert hashes[0] != hashes[1]


def test_no_pin_in_the_database_files(two: Store) -> None:
    void_approval(two)
    with pytest.raises(SupervisorError):
        void_approval(two, pin=PIN_C)
    approval = two.sups.approve("S2", PIN_B, requester="it", action=RESET_SUPERVISOR,
                                target="S1", reason="Forgotten PIN")
    two.sups.reset_pin("S1", PIN_C, approval)
    blob = b"".join(p.read_bytes() for p in two.path.parent.iterdir()
                    if p.name.startswith(two.path.name))
    assert len(blob) > 0
    for pin in (PIN_A, PIN_B, PIN_C):
        assert pin.encode() not in blob
        assert pin.encode("utf-16-le") not in blob


def test_the_database_survives_reopening(two: Store) -> None:
    two.sups.close()
    again = Store(two.path, clock=two.clock)
    assert [i.sup_id for i in again.sups.list()] == ["S1", "S2"]
    assert void_approval(again, sup="S2", pin=PIN_B).supervisor_id == "S2"
    again.sups.close()


def test_a_file_that_is_not_a_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "supervisors.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(JournalError, match="cannot be used") as err:
        Store(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "supervisors.sqlite3"
    Store(path).sups.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(JournalError, match="newer posrev"):
        Store(path)


def _as_written_before_user_version(path: Path, version: int) -> None:
    """Turn a store file into what posrev wrote before ``user_version``: the version in a
    ``schema_version`` table, ``user_version`` 0."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 0")
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    db.commit()
    db.close()


def test_a_file_with_the_old_schema_version_table_opens_with_its_supervisors(
        tmp_path: Path) -> None:
    path = tmp_path / "supervisors.sqlite3"
    first = Store(path)
    first.sups.add_first("S1", "Ann", PIN_A)
    first.sups.close()
    _as_written_before_user_version(path, 1)

    again = Store(path)
    assert [s.sup_id for s in again.sups.list()] == ["S1"]
    assert void_approval(again).supervisor_id == "S1"  # the PIN hash was kept
    tables = {r[0] for r in again.sups._db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "schema_version" not in tables
    assert again.sups._db.execute("PRAGMA user_version").fetchone()[0] == 1


def test_an_old_format_file_from_a_newer_posrev_is_refused_and_left_unchanged(
        tmp_path: Path) -> None:
    path = tmp_path / "supervisors.sqlite3"
    Store(path).sups.close()
    _as_written_before_user_version(path, 99)
    with pytest.raises(JournalError, match="newer posrev"):
        Store(path)
    db = sqlite3.connect(path)
    try:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(99,)]
    finally:
        db.close()


# -- setup and listing -------------------------------------------------------------------------
def test_first_supervisor_only_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    assert store.sups.has_supervisors() is False
    store.sups.add_first("S1", "Ann", PIN_A)
    assert store.sups.has_supervisors() is True
    with pytest.raises(SupervisorError, match="already exists"):
        store.sups.add_first("S9", "Mallory", PIN_B)
    assert [i.sup_id for i in store.sups.list()] == ["S1"]
    assert store.kinds() == ["supervisor.added", "supervisor.refused"]
    store.sups.close()


def test_list_shows_no_hashes(two: Store) -> None:
    infos = two.sups.list()
    assert [(i.sup_id, i.name, i.disabled, i.locked_until) for i in infos] == [
        ("S1", "Ann Supervisor", False, None), ("S2", "Bob Supervisor", False, None)]
    assert infos[0].created_at == two.clock.now()
    assert not {"salt", "pin_hash", "params"} & set(vars(infos[0]))


@pytest.mark.parametrize("pin", ["12345", "1234567890123", "12a456", "", "１２３４５６", " 123456"])
def test_a_pin_must_be_6_to_12_digits(tmp_path: Path, pin: str) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(InputError, match="6 to 12 digits") as err:
        store.sups.add_first("S1", "Ann", pin)
    assert pin not in str(err.value) or not pin
    assert not store.sups.has_supervisors()
    store.sups.close()


@pytest.mark.parametrize("sup_id", ["", "a b", "x" * 33, "-S1", "S1\n"])
def test_a_bad_supervisor_id_is_refused(tmp_path: Path, sup_id: str) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(InputError, match="supervisor ID"):
        store.sups.add_first(sup_id, "Ann", PIN_A)
    store.sups.close()


def test_reasons_are_offered() -> None:
    assert "Customer left without paying" in REASONS and "Other" in REASONS
    assert len(set(REASONS)) == len(REASONS) >= 5


# -- approvals ---------------------------------------------------------------------------------
def test_a_correct_pin_gives_an_approval(two: Store) -> None:
    approval = void_approval(two)
    assert approval == Approval(approval.approval_id, "S1", "C001", "void", "SYS-A",
                                "Customer left without paying", two.clock.now())
    assert len(approval.approval_id) >= 32
    with pytest.raises(AttributeError):
        approval.target = "SYS-B"  # type: ignore[misc]


def test_the_approver_cannot_be_the_requester(two: Store) -> None:
    with pytest.raises(SupervisorError) as err:
        void_approval(two, sup="S1", requester="S1")
    assert str(err.value) == "A supervisor cannot approve their own request."
    with pytest.raises(SupervisorError, match="own request"):
        void_approval(two, sup="s1", requester="S1")  # IDs are not case-sensitive
    assert two.kinds() == ["supervisor.refused", "supervisor.refused"]


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_a_reason_is_required(two: Store, reason: str | None) -> None:
    with pytest.raises(SupervisorError, match="reason is required"):
        two.sups.approve("S1", PIN_A, requester="C001", action="void", target="SYS-A",
                         reason=reason)  # type: ignore[arg-type]


def test_free_text_reasons_are_kept_on_one_line(two: Store) -> None:
    approval = two.sups.approve("S1", PIN_A, requester="C001", action="void", target="SYS-A",
                                reason="Scanner\r\nfault: kind=forged result=success")
    assert approval.reason == "Scanner fault: kind=forged result=success"
    assert "\n" not in two.events[-1]["reason"]


def test_unknown_and_disabled_supervisors_are_refused(two: Store) -> None:
    with pytest.raises(SupervisorError, match="no supervisor with ID S7"):
        void_approval(two, sup="S7")
    approval = two.sups.approve("S2", PIN_B, requester="it", action=DISABLE_SUPERVISOR,
                                target="S1", reason="Left the company")
    two.sups.disable("S1", approval)
    with pytest.raises(SupervisorError, match="S1 is disabled"):
        void_approval(two)


def test_five_wrong_pins_lock_for_five_minutes(two: Store) -> None:
    start = two.clock.now()
    for attempt in range(1, 5):
        with pytest.raises(SupervisorError, match="Wrong PIN") as err:
            void_approval(two, pin=WRONG)
        assert not isinstance(err.value, SupervisorLocked)
        assert f"{5 - attempt} more wrong" in str(err.value)
        two.clock.advance(10)
    with pytest.raises(SupervisorLocked) as err:
        void_approval(two, pin=WRONG)
    until = start + timedelta(seconds=40) + LOCKOUT  # five minutes from the 5th
    assert err.value.until == until
    assert "locked" in str(err.value) and until.astimezone().strftime("%H:%M:%S") in str(
        err.value)
    assert err.value.exit_code == 5
    assert two.kinds()[-1] == "supervisor.locked"
    # while locked, even the right PIN is refused, and is not checked
    two.clock.advance(LOCKOUT.total_seconds() - 1)
    with pytest.raises(SupervisorLocked, match="locked"):
        void_approval(two)
    assert two.sups.list()[0].locked_until == until
    # the other supervisor is not affected
    assert void_approval(two, sup="S2", pin=PIN_B).supervisor_id == "S2"
    two.clock.advance(1)
    assert void_approval(two).supervisor_id == "S1"
    assert two.sups.list()[0].locked_until is None


def test_the_lock_survives_a_restart(two: Store) -> None:
    for _ in range(5):
        with pytest.raises(SupervisorError):
            void_approval(two, pin=WRONG)
    two.sups.close()
    again = Store(two.path, clock=two.clock)
    with pytest.raises(SupervisorLocked):
        void_approval(again)
    again.sups.close()


def test_a_correct_pin_resets_the_count(two: Store) -> None:
    for _ in range(4):
        with pytest.raises(SupervisorError):
            void_approval(two, pin=WRONG)
    void_approval(two)
    for _ in range(4):
        with pytest.raises(SupervisorError, match="Wrong PIN") as err:
            void_approval(two, pin=WRONG)
        assert not isinstance(err.value, SupervisorLocked)
    with pytest.raises(SupervisorLocked):
        void_approval(two, pin=WRONG)


def test_after_a_lockout_the_count_starts_again(two: Store) -> None:
    for _ in range(5):
        with pytest.raises(SupervisorError):
            void_approval(two, pin=WRONG)
    two.clock.advance(LOCKOUT.total_seconds())
    with pytest.raises(SupervisorError, match="4 more wrong"):
        void_approval(two, pin=WRONG)


def test_parallel_guesses_are_all_counted(two: Store) -> None:
    """Attempts are serialised by the write transaction: 10 threads, 10 counted guesses."""
    errors: list[Exception] = []

    def guess() -> None:
        try:
            void_approval(two, pin=WRONG)
        except SupervisorError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guess) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(errors) == 10
    assert sum(isinstance(e, SupervisorLocked) for e in errors) == 6  # 5th locks, 6-10 refused
    assert two.kinds().count("supervisor.locked") == 1


# -- consuming approvals -----------------------------------------------------------------------
def test_an_approval_is_used_once(two: Store) -> None:
    approval = void_approval(two)
    two.sups.consume(approval, requester="C001", action="void", target="SYS-A")
    with pytest.raises(SupervisorError, match="already been used"):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-A")
    assert two.kinds()[-2:] == ["supervisor.consumed", "supervisor.refused"]


def test_an_approval_for_one_transaction_is_refused_for_another(two: Store) -> None:
    approval = void_approval(two, target="SYS-A")
    with pytest.raises(SupervisorError, match="given for void on SYS-A"):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-B")
    # a copy edited to name the other transaction is refused too
    forged = replace(approval, target="SYS-B")
    with pytest.raises(SupervisorError, match="does not match"):
        two.sups.consume(forged, requester="C001", action="void", target="SYS-B")
    # and the genuine one still works for what it was given for
    two.sups.consume(approval, requester="C001", action="void", target="SYS-A")


def test_a_replayed_approval_for_another_transaction_is_refused(two: Store) -> None:
    approval = void_approval(two, target="SYS-A")
    two.sups.consume(approval, requester="C001", action="void", target="SYS-A")
    with pytest.raises(SupervisorError):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-B")
    with pytest.raises(SupervisorError):
        two.sups.consume(replace(approval, target="SYS-B"), requester="C001", action="void",
                         target="SYS-B")


@pytest.mark.parametrize("requester, action", [("C002", "void"), ("C001", "resolve_manual")])
def test_an_approval_is_for_one_requester_and_one_action(two: Store, requester: str,
                                                         action: str) -> None:
    approval = void_approval(two)
    with pytest.raises(SupervisorError, match="was given for"):
        two.sups.consume(approval, requester=requester, action=action, target="SYS-A")


def test_an_approval_expires_after_ten_minutes(two: Store) -> None:
    approval = void_approval(two)
    two.clock.advance(APPROVAL_TTL.total_seconds() + 1)
    with pytest.raises(SupervisorError, match="expired"):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-A")


def test_an_approval_just_inside_ten_minutes_works(two: Store) -> None:
    approval = void_approval(two)
    two.clock.advance(APPROVAL_TTL.total_seconds())
    two.sups.consume(approval, requester="C001", action="void", target="SYS-A")


def test_an_approval_from_another_terminal_is_refused(two: Store) -> None:
    approval = void_approval(two)
    other = SupervisorStore(two.path, udid="T-02", clock=two.clock, audit=two.events.append)
    try:
        with pytest.raises(SupervisorError, match="another terminal"):
            other.consume(approval, requester="C001", action="void", target="SYS-A")
    finally:
        other.close()


def test_an_unknown_approval_is_refused(two: Store) -> None:
    approval = void_approval(two)
    made_up = replace(approval, approval_id="f" * 32)
    with pytest.raises(SupervisorError, match="not known"):
        two.sups.consume(made_up, requester="C001", action="void", target="SYS-A")


def test_an_approval_of_a_since_disabled_supervisor_is_refused(two: Store) -> None:
    approval = void_approval(two)
    disable = two.sups.approve("S2", PIN_B, requester="it", action=DISABLE_SUPERVISOR,
                               target="S1", reason="Left the company")
    two.sups.disable("S1", disable)
    with pytest.raises(SupervisorError, match="disabled since"):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-A")


def test_concurrent_consumers_get_one_success(two: Store) -> None:
    """Two windows (two connections) race to use one approval: exactly one wins."""
    approval = void_approval(two)
    stores = [SupervisorStore(two.path, udid="T-01", clock=two.clock, audit=lambda e: None)
              for _ in range(6)]
    wins: list[int] = []
    barrier = threading.Barrier(len(stores))

    def use(i: int) -> None:
        barrier.wait()
        try:
            stores[i].consume(approval, requester="C001", action="void", target="SYS-A")
            wins.append(i)
        except SupervisorError:
            pass

    threads = [threading.Thread(target=use, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for store in stores:
        store.close()
    assert len(wins) == 1


# -- account changes need another supervisor ---------------------------------------------------
def test_adding_needs_an_approval_for_adding_that_supervisor(two: Store) -> None:
    wrong_target = two.sups.approve("S1", PIN_A, requester="it", action=ADD_SUPERVISOR,
                                    target="S9", reason="New staff")
    with pytest.raises(SupervisorError, match="given for"):
        two.sups.add("S3", "Cy", PIN_C, wrong_target)
    wrong_action = void_approval(two, target="S3", requester="it")
    with pytest.raises(SupervisorError, match="given for"):
        two.sups.add("S3", "Cy", PIN_C, wrong_action)
    assert [i.sup_id for i in two.sups.list()] == ["S1", "S2"]
    right = two.sups.approve("S1", PIN_A, requester="it", action=ADD_SUPERVISOR,
                             target="S3", reason="New staff")
    two.sups.add("S3", "Cy", PIN_C, right)
    assert [i.sup_id for i in two.sups.list()] == ["S1", "S2", "S3"]
    with pytest.raises(SupervisorError, match="already been used"):
        two.sups.add("S4", "Di", PIN_C, right)


def test_adding_an_existing_id_is_refused_without_burning_the_approval(two: Store) -> None:
    approval = two.sups.approve("S1", PIN_A, requester="it", action=ADD_SUPERVISOR,
                                target="s2", reason="New staff")
    with pytest.raises(SupervisorError, match="already exists"):
        two.sups.add("s2", "Bob again", PIN_C, approval)


def test_a_bad_new_pin_is_refused_before_the_approval_is_used(two: Store) -> None:
    approval = two.sups.approve("S1", PIN_A, requester="it", action=ADD_SUPERVISOR,
                                target="S3", reason="New staff")
    with pytest.raises(InputError, match="6 to 12 digits"):
        two.sups.add("S3", "Cy", "12ab", approval)
    two.sups.add("S3", "Cy", PIN_C, approval)  # still usable


@pytest.mark.parametrize("action", [DISABLE_SUPERVISOR, RESET_SUPERVISOR])
def test_nobody_approves_a_change_to_their_own_account(two: Store, action: str) -> None:
    approval = two.sups.approve("S1", PIN_A, requester="it", action=action, target="S1",
                                reason="Other")
    change = {DISABLE_SUPERVISOR: lambda: two.sups.disable("S1", approval),
              RESET_SUPERVISOR: lambda: two.sups.reset_pin("S1", PIN_C, approval)}[action]
    with pytest.raises(SupervisorError, match="own account"):
        change()
    assert not two.sups.list()[0].disabled
    assert void_approval(two).supervisor_id == "S1"  # PIN unchanged


def test_disable_needs_another_supervisors_approval(two: Store) -> None:
    with pytest.raises(SupervisorError, match="given for"):
        two.sups.disable("S1", void_approval(two, sup="S2", pin=PIN_B, target="S1",
                                             requester="it"))
    approval = two.sups.approve("S2", PIN_B, requester="it", action=DISABLE_SUPERVISOR,
                                target="S1", reason="Left the company")
    two.sups.disable("S1", approval)
    assert [i.disabled for i in two.sups.list()] == [True, False]
    assert two.kinds()[-1] == "supervisor.disabled"
    # the last active supervisor cannot be disabled: nobody else can approve it
    with pytest.raises(SupervisorError):
        two.sups.approve("S1", PIN_A, requester="it", action=DISABLE_SUPERVISOR,
                         target="S2", reason="Other")


def test_reset_pin_replaces_the_pin_and_clears_a_lock(two: Store) -> None:
    for _ in range(5):
        with pytest.raises(SupervisorError):
            void_approval(two, pin=WRONG)
    approval = two.sups.approve("S2", PIN_B, requester="S1", action=RESET_SUPERVISOR,
                                target="S1", reason="Forgotten PIN")
    two.sups.reset_pin("S1", PIN_C, approval)
    with pytest.raises(SupervisorError, match="Wrong PIN"):
        void_approval(two, pin=PIN_A)
    assert void_approval(two, pin=PIN_C).supervisor_id == "S1"
    assert "supervisor.pin_reset" in two.kinds()


def test_changes_to_an_unknown_supervisor_are_refused(two: Store) -> None:
    approval = two.sups.approve("S1", PIN_A, requester="it", action=DISABLE_SUPERVISOR,
                                target="S8", reason="Other")
    with pytest.raises(SupervisorError, match="no supervisor with ID S8"):
        two.sups.disable("S8", approval)


# -- the audit trail ---------------------------------------------------------------------------
def test_every_attempt_is_audited_with_the_pci_fields_and_never_the_pin(two: Store) -> None:
    with pytest.raises(SupervisorError):
        void_approval(two, pin=WRONG)
    with pytest.raises(SupervisorError):
        void_approval(two, requester="S1")
    approval = void_approval(two)
    two.sups.consume(approval, requester="C001", action="void", target="SYS-A")
    with pytest.raises(SupervisorError):
        two.sups.consume(approval, requester="C001", action="void", target="SYS-B")
    for _ in range(5):
        with pytest.raises(SupervisorError):
            void_approval(two, sup="S2", pin=WRONG)
    reset = void_approval(two, action=RESET_SUPERVISOR, target="S2", requester="it")
    two.sups.reset_pin("S2", PIN_C, reset)

    assert two.kinds() == [
        "supervisor.refused", "supervisor.refused", "supervisor.approval", "supervisor.consumed",
        "supervisor.refused", "supervisor.refused", "supervisor.refused", "supervisor.refused",
        "supervisor.refused", "supervisor.locked", "supervisor.approval",
        "supervisor.pin_reset"]
    for event in two.events:
        assert set(event) == AUDIT_KEYS
        assert event["where"] == "T-01"
        assert event["at"] == "2026-11-26T04:00:00Z"
        assert event["result"] in ("success", "failure")
        assert event["result"] == ("failure" if event["kind"] in (
            "supervisor.refused", "supervisor.locked") else "success")
        assert all(isinstance(v, str) for v in event.values())
        text = repr(event)
        for pin in (PIN_A, PIN_B, PIN_C, WRONG):
            assert pin not in text
    wrong = two.events[0]
    assert (wrong["actor"], wrong["approver"], wrong["action"], wrong["target"],
            wrong["reason"]) == ("C001", "S1", "void", "SYS-A", "Customer left without paying")
    assert "Wrong PIN" in wrong["detail"]
    granted = two.events[2]
    assert granted["approval_id"] == approval.approval_id
    pin_reset = two.events[-1]
    assert (pin_reset["actor"], pin_reset["approver"], pin_reset["target"]) == ("it", "S1", "S2")


def test_setup_and_input_refusals_are_audited(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(InputError):
        store.sups.add_first("S1", "Ann", "12")
    store.sups.add_first("S1", "Ann", PIN_A)
    assert [(e["kind"], e["result"], e["target"], e["action"]) for e in store.events] == [
        ("supervisor.refused", "failure", "S1", ADD_SUPERVISOR),
        ("supervisor.added", "success", "S1", ADD_SUPERVISOR)]
    store.sups.close()


def test_a_failing_audit_hook_stops_the_approval(tmp_path: Path) -> None:
    """An approval that cannot be journaled is not handed out (PCI DSS 10.2)."""
    clock = FakeClock()
    calls: list[dict[str, str]] = []

    def broken(event: dict[str, str]) -> None:
        calls.append(event)
        if event["kind"] == "supervisor.approval":
            raise JournalError("The journal cannot be written.")

    sups = SupervisorStore(tmp_path / "s.sqlite3", udid="T", clock=clock, audit=broken)
    sups.add_first("S1", "Ann", PIN_A)
    with pytest.raises(JournalError):
        sups.approve("S1", PIN_A, requester="C1", action="void", target="X", reason="Other")
    sups.close()


def test_a_lock_out_ends_at_a_time_said_in_the_terminals_zone(tmp_path: Path) -> None:
    """The window shows every time in the terminal's zone (HKT by default); a lock-out's end
    was said in the computer's (UTC on a server-set till: eight hours off, unlabelled)."""
    clock = FakeClock(datetime(2026, 11, 26, 4, 0, tzinfo=UTC))  # 12:00 in Hong Kong
    sups = SupervisorStore(tmp_path / "s.sqlite3", udid="T-01", clock=clock,
                           audit=lambda event: None, zone="Asia/Hong_Kong")
    try:
        sups.add_first("S1", "Ann", "97531864")
        for _ in range(4):
            with pytest.raises(SupervisorError):
                sups.approve("S1", "00000000", requester="C001", action="void", target="1",
                             reason="Customer left")
        with pytest.raises(SupervisorError) as locked:
            sups.approve("S1", "00000000", requester="C001", action="void", target="1",
                         reason="Customer left")
    finally:
        sups.close()
    assert str(locked.value) == ("Wrong PIN. Supervisor S1 is locked after 5 wrong PINs until "
                                 "12:05:00 HKT.")
