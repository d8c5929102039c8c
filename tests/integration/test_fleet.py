"""The fleet: every terminal's journal shipped to one real PostgreSQL (tests/pg_fixtures.py),
head-office views, and take-over of a dead till's live operation, against the simulator.

Terminals are Apps with their own POSREV_HOME; the CLI runs in a subprocess as a user would.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
from datetime import timedelta

import psycopg
import pytest
from fakeclock import FakeClock
from pg_fixtures import STORE, TILL_PASSWORD, fleet_config

from posrev.app import App, AppOptions
from posrev.errors import ConfigError
from posrev.fleet import FleetError, TakeOverRefused
from posrev.fleet import schema as fleet_schema
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY


@pytest.fixture
def make_terminal(tmp_path, simulator, fleet):
    made: list[App] = []

    def factory(udid: str, *, store: str = STORE, url: str | None = None,
                clock: FakeClock | None = None, takeover_after: int = 30):
        home = tmp_path / udid
        home.mkdir(exist_ok=True)
        (home / "config.toml").write_text(fleet_config(url or fleet.url, udid, store,
                                                  takeover_after))
        env = {"POSREV_HOME": str(home), "POSREV_APP_CODE": DEMO_APP_CODE,
               "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY}
        from datetime import UTC, datetime

        app = App.open(AppOptions(base_url=simulator.base_url),
                       clock=clock or FakeClock(datetime.now(UTC)), environ=env)
        app.cli_env = env  # type: ignore[attr-defined]
        made.append(app)
        return app

    yield factory
    for app in made:
        app.close()


def void(app, order, **kw):
    found = app.lookup(order["syssn"], "syssn")
    return app.void(found.transaction, cashier=kw.pop("cashier", "C001"), **kw)


def cli(app, simulator, *args, stdin=""):
    import os

    env = {**{k: v for k, v in os.environ.items() if not k.startswith("POSREV_")},
           **app.cli_env}
    proc = subprocess.run([sys.executable, "-m", "posrev", "--base-url", simulator.base_url,
                           *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def central_events(fleet, udid):
    return [r[0] for r in fleet.admin("SELECT event_id FROM events WHERE udid = %s "
                                      "ORDER BY event_id", (udid,))]


def local_event_ids(app):
    return [e["id"] for e in app.journal.events()]


# -- schema -------------------------------------------------------------------------------------
def test_init_creates_the_schema_rerun_changes_nothing_and_a_newer_schema_is_refused(
        fleet_db, tmp_path, simulator, monkeypatch):
    home = tmp_path / "office"
    home.mkdir()
    env = {**{k: v for k, v in __import__("os").environ.items()
              if not k.startswith("POSREV_")}, "POSREV_HOME": str(home)}

    def init():
        return subprocess.run([sys.executable, "-m", "posrev", "fleet", "init",
                               "--database-url", fleet_db.admin_url], capture_output=True,
                              text=True, env=env, timeout=60)

    first = init()
    assert first.returncode == 0, first.stderr
    assert "now at version 1" in first.stdout
    again = init()
    assert again.returncode == 0 and "already at version 1" in again.stdout
    tables = {r[0] for r in fleet_db.admin("SELECT tablename FROM pg_tables "
                                            "WHERE schemaname = 'public'")}
    assert {"events", "operations", "op_versions", "terminals", "handovers"} <= tables
    indexes = {r[0] for r in fleet_db.admin("SELECT indexname FROM pg_indexes "
                                             "WHERE tablename = 'operations'")}
    assert {"operations_store_created", "operations_open"} <= indexes

    fleet_db.admin("UPDATE fleet_meta SET value = '99' WHERE key = 'schema_version'")
    newer = init()
    assert newer.returncode == 4
    assert "newer than this posrev knows" in newer.stderr and "nothing was changed" in \
        newer.stderr
    with psycopg.connect(fleet_db.server.admin_conninfo(fleet_db.name)) as conn:
        with pytest.raises(FleetError, match="upgrade posrev"):
            fleet_schema.check(conn)


def test_fleet_settings_are_checked():
    import tempfile
    from pathlib import Path

    from posrev.config import parse_file

    def parse(text):
        path = Path(tempfile.mkdtemp()) / "c.toml"
        path.write_text(text)
        return parse_file(path)

    with pytest.raises(ConfigError, match="must not hold a password"):
        parse('[fleet]\ndatabase_url = "postgresql://till:secret@db/fleet"\n')
    with pytest.raises(ConfigError, match="sslmode"):
        parse('[fleet]\ndatabase_url = "postgresql://till@db/fleet"\nsslmode = "maybe"\n')
    with pytest.raises(ConfigError, match="postgresql://"):
        parse('[fleet]\ndatabase_url = "mysql://till@db/fleet"\n')
    ok = parse('[fleet]\ndatabase_url = "postgresql://till@db:5432/fleet"\n'
               'store_id = "HK-001"\nsslmode = "verify-full"\n')
    assert ok["fleet"]["store_id"] == "HK-001"


# -- shipping -----------------------------------------------------------------------------------
def test_two_terminals_void_and_the_report_shows_both(make_terminal, simulator, fleet):
    a, b = make_terminal("till-a"), make_terminal("till-b", store="HK-002")
    first = void(a, simulator.create_order(respcd="1143", txamt=1200))
    second = void(b, simulator.create_order(respcd="1143", txamt=3400), cashier="C002")
    assert first.outcome == second.outcome == "voided"
    for app in (a, b):
        proc = cli(app, simulator, "fleet", "sync")
        assert proc.returncode == 0, proc.stderr
        assert "backlog 0" in proc.stdout

    proc = cli(a, simulator, "fleet", "report", "--json")
    rows = {r["op_id"]: r for r in json.loads(proc.stdout)}
    assert set(rows) == {first.op_id, second.op_id}
    assert rows[first.op_id]["terminal"] == "till-a" and rows[first.op_id]["txamt"] == 1200
    assert rows[second.op_id]["store_id"] == "HK-002"
    assert rows[second.op_id]["cashier"] == "C002"
    assert {r["outcome"] for r in rows.values()} == {"voided"}

    one = json.loads(cli(a, simulator, "fleet", "report", "--store", "HK-002",
                         "--json").stdout)
    assert [r["op_id"] for r in one] == [second.op_id]
    table = list(csv.DictReader(io.StringIO(cli(a, simulator, "fleet", "report",
                                                "--csv").stdout)))
    assert {r["op_id"] for r in table} == {first.op_id, second.op_id}
    assert {r["txamt"] for r in table} == {"1200", "3400"}
    text = cli(a, simulator, "fleet", "pending").stdout
    assert "Nothing is open across the chain." in text


def test_shipping_is_idempotent_in_order_in_batches_and_catches_up(make_terminal, fleet):
    from posrev.fleet.shipper import Shipper

    a = make_terminal("till-a")
    for n in range(1234):
        a.journal.audit("test.event", detail={"n": n})
    link = a.fleet()
    shipper = Shipper(a.journal.path, link.config, batch=100)
    assert shipper.backlog() == len(local_event_ids(a))
    shipped = shipper.ship_once()
    assert shipped == len(local_event_ids(a)) and shipper.backlog() == 0
    assert central_events(fleet, "till-a") == local_event_ids(a)
    # Shipped again from the start (a bookmark lost, a commit whose answer was lost):
    shipper._set_bookmark(0)
    assert shipper.ship_once() == len(local_event_ids(a))
    assert central_events(fleet, "till-a") == local_event_ids(a)  # no duplicate
    details = fleet.admin("SELECT detail->>'n' FROM events WHERE udid = 'till-a' "
                          "AND kind = 'test.event' ORDER BY event_id")
    assert [int(r[0]) for r in details] == list(range(1234))  # in journal order
    shipper.stop()


def test_database_stopped_during_voids_then_shipped_after_restart(
        make_terminal, simulator, fleet):
    a = make_terminal("till-a")
    link = a.fleet()
    link.sync()
    fleet.server.stop()
    try:
        ops = [void(a, simulator.create_order(respcd="1143")) for _ in range(3)]
        assert [op.outcome for op in ops] == ["voided"] * 3  # voids unaffected
        with pytest.raises(FleetError, match="cannot be reached"):
            link.sync()
        status = link.status()
        assert status.backlog > 0 and "cannot be reached" in status.last_error
        assert status.retry_in is not None and status.retry_in > 0
        proc = cli(a, simulator, "fleet", "status")
        assert proc.returncode == 4
        assert f"Backlog:        {status.backlog} events not shipped yet" in proc.stdout
        assert "Nothing is lost" in proc.stderr
    finally:
        fleet.server.start()
    assert link.sync() > 0
    assert link.status().backlog == 0 and link.status().ok
    assert central_events(fleet, "till-a") == local_event_ids(a)  # no duplicate, no gap
    states = dict(fleet.admin("SELECT op_id, state FROM operations"))
    assert all(states[op.op_id] == "voided" for op in ops)


def test_database_killed_mid_batch_loses_nothing(make_terminal, fleet):
    from posrev.fleet.shipper import Shipper

    a = make_terminal("till-a")
    for n in range(250):
        a.journal.audit("test.event", detail={"n": n})
    killed = []

    def kill_once(count):
        if not killed:
            killed.append(count)
            fleet.server.kill()  # inside the batch's transaction, before its commit

    shipper = Shipper(a.journal.path, a.fleet().config, batch=100, before_commit=kill_once)
    try:
        with pytest.raises(FleetError):
            shipper.ship_once()
        assert shipper.bookmark() == 0 and shipper.status().last_error
    finally:
        fleet.server.start()
    assert central_events(fleet, "till-a") == []  # the killed batch did not commit
    assert shipper.ship_once() == len(local_event_ids(a))
    assert central_events(fleet, "till-a") == local_event_ids(a)
    shipper.stop()


def test_a_closed_port_is_reported_retried_with_back_off_and_never_blocks_a_void(
        make_terminal, simulator, fleet):
    from pg_fixtures import free_port

    closed = f"postgresql://till@127.0.0.1:{free_port()}/{fleet.name}"
    a = make_terminal("till-a", url=closed)
    link = a.fleet()
    link.start()  # the background shipper, failing
    op = void(a, simulator.create_order(respcd="1143"))
    assert op.outcome == "voided"
    with pytest.raises(FleetError, match="cannot be reached"):
        link.sync()
    first = link.status().retry_in
    with pytest.raises(FleetError):
        link.sync()
    assert link.status().retry_in > first  # back-off grows
    assert link.status().backlog == len(local_event_ids(a))
    proc = cli(a, simulator, "fleet", "sync")
    assert proc.returncode == 4 and "cannot be reached" in proc.stderr
    assert "Nothing is lost" in proc.stderr


def test_a_refused_password_is_said_so(make_terminal, fleet, monkeypatch):
    a = make_terminal("till-a")
    monkeypatch.setenv("PGPASSWORD", "wrong")
    with pytest.raises(FleetError, match="refused the password"):
        a.fleet().sync()


def test_a_terminal_role_may_only_insert_and_select(make_terminal, fleet):
    a = make_terminal("till-a")
    void_free = a.journal.audit("test.event")
    assert void_free is None
    a.fleet().sync()
    with psycopg.connect(a.fleet().config.conninfo(), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
        for sql in ("UPDATE events SET kind = 'x'", "DELETE FROM events",
                    "UPDATE operations SET state = 'voided'",
                    "INSERT INTO handovers(op_id, from_udid, to_udid, store_id, supervisor) "
                    "VALUES ('x', 'a', 'b', 's', 'S1')",
                    "UPDATE terminals SET last_seen = now()", "DROP TABLE events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)


# -- take-over ------------------------------------------------------------------------------
def _leave_pending(app, simulator, polls=2):
    """A void whose terminal stops waiting after the gateway says 'in progress'."""
    order = simulator.create_order(respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=polls)
    stop = threading.Event()
    found = app.lookup(order["syssn"], "syssn")
    op = app.void(found.transaction, cashier="C001", cancel=stop,
                  on_progress=lambda p: stop.set() if p.state == "pending" else None)
    assert op.outcome == "pending"
    return order, op


def _silence(fleet, udid, seconds=3600):
    """The till died: its last check-in is long ago (server time)."""
    fleet.admin("UPDATE terminals SET last_seen = clock_timestamp() - make_interval(secs => %s) "
                "WHERE udid = %s", (seconds, udid))


def test_a_dead_tills_pending_void_is_taken_over_and_finished_once(
        make_terminal, simulator, fleet):
    a = make_terminal("till-a")
    order, op = _leave_pending(a, simulator)
    a.fleet().sync()
    requests_by_a = simulator.void_requests(order["syssn"])
    assert requests_by_a == 1
    a.close()  # the till dies
    _silence(fleet, "till-a")

    b = make_terminal("till-b")
    b.supervisors.add_first("S1", "Sup One", "246813")
    listed = cli(b, simulator, "fleet", "takeover")
    assert op.op_id[:8] in listed.stdout and "can be taken over" in listed.stdout
    proc = cli(b, simulator, "fleet", "takeover", op.op_id[:8], "--supervisor", "S1",
               "--reason", "till A is dead", "--json", stdin="246813\n")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["outcome"] == "voided" and result["operation_id"] == op.op_id
    assert simulator.voids_applied(order["syssn"]) == 1
    row = fleet.admin("SELECT owner_udid, origin_udid, state, taken_over_by FROM operations "
                      "WHERE op_id = %s", (op.op_id,))[0]
    assert row == ("till-b", "till-a", "voided", "S1")
    kinds = [e["kind"] for e in b.journal.events(op.op_id)]
    assert kinds[0] == "fleet.taken_over"
    assert kinds.index("gateway.query") < min(
        [kinds.index(k) for k in kinds if k == "gateway.reversal"] or [len(kinds)])

    # Till A comes back: before it sends anything more it sees the hand-over.
    back = make_terminal("till-a")
    proc = cli(back, simulator, "pending", "--resume", "--json")
    assert json.loads(proc.stdout)[0]["outcome"] == "handed_over"
    assert simulator.void_requests(order["syssn"]) == requests_by_a + \
        sum(1 for e in b.journal.events(op.op_id) if e["kind"] == "gateway.reversal")
    mine = back.journal.get(op.op_id)
    assert mine.state == "handed_over" and "till-b" in mine.message
    # Its late rows reach the database as evidence but do not move the operation.
    back.fleet().sync()
    assert fleet.admin("SELECT owner_udid, state FROM operations WHERE op_id = %s",
                       (op.op_id,))[0] == ("till-b", "voided")
    assert simulator.voids_applied(order["syssn"]) == 1


def test_take_over_is_refused_while_the_owner_checks_in_even_with_clocks_apart(
        make_terminal, simulator, fleet):
    from datetime import UTC, datetime

    # Till A's clock is two hours slow, till B's three hours fast: only the server's
    # clock decides whether A is silent.
    a = make_terminal("till-a", clock=FakeClock(datetime.now(UTC) - timedelta(hours=2)))
    b = make_terminal("till-b", clock=FakeClock(datetime.now(UTC) + timedelta(hours=3)))
    order, op = _leave_pending(a, simulator, polls=50)
    a.fleet().sync()
    with pytest.raises(TakeOverRefused, match="not dead"):
        b.fleet().take_over(op.op_id, supervisor="S1", reason="test")
    other = make_terminal("till-c", store="HK-999")
    _silence(fleet, "till-a")
    with pytest.raises(TakeOverRefused, match="No operation"):
        other.fleet().take_over(op.op_id, supervisor="S1", reason="test")
    taken = b.fleet().take_over(op.op_id, supervisor="S1", reason="test")
    assert taken.state == "unknown" or taken.state == "pending"
    # A check-in by A now sees it at once, whatever A's clock says.
    assert a.fleet().check_before_resume()
    assert a.journal.get(op.op_id).state == "handed_over"
    ids = central_events(fleet, "till-a")
    assert ids == sorted(ids) == local_event_ids(a)[:len(ids)]
    with pytest.raises(TakeOverRefused, match="already owns"):
        b.fleet().take_over(op.op_id, supervisor="S1", reason="again") if False else \
            _take_over_raw(b, op.op_id)
    # Till B falls silent too: till A cannot take back what it handed over (its journal holds
    # the operation, final), and the refusal comes before ownership moves, so nothing is
    # stranded: till B still owns it, for another terminal to take over.
    _silence(fleet, "till-b")
    with pytest.raises(TakeOverRefused, match="handed over from this terminal"):
        a.fleet().take_over(op.op_id, supervisor="S1", reason="take it back")
    owner = fleet.admin("SELECT owner_udid FROM operations WHERE op_id = %s", (op.op_id,))
    assert owner == [("till-b",)]


def _take_over_raw(app, op_id):
    from posrev.fleet.settings import connect
    from posrev.fleet.takeover import take_over

    conn = connect(app.fleet().config)
    try:
        return take_over(conn, app.fleet().config, op_id, supervisor="S1", reason="x")
    finally:
        conn.close()


def test_two_terminals_racing_to_take_over_get_it_once(make_terminal, simulator, fleet):
    a = make_terminal("till-a")
    order, op = _leave_pending(a, simulator, polls=50)
    a.fleet().sync()
    a.close()
    _silence(fleet, "till-a")
    takers = [make_terminal(f"till-{n}") for n in "bcd"]
    results: list[object] = []

    def take(app):
        try:
            results.append(_take_over_raw(app, op.op_id))
        except TakeOverRefused as exc:
            results.append(exc)

    threads = [threading.Thread(target=take, args=(t,)) for t in takers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(1 for r in results if isinstance(r, dict)) == 1
    assert len(fleet.admin("SELECT * FROM handovers WHERE op_id = %s", (op.op_id,))) == 1


def test_the_fleet_password_comes_from_the_keyring_set_by_the_cli(
        tmp_path, simulator, fleet_db, memory_keyring, monkeypatch, capsys):
    from posrev.cli import main
    from posrev.fleet.settings import KEYRING_USER, keyring_service

    fleet_db.init_schema()
    home = tmp_path / "till-k"
    home.mkdir()
    (home / "config.toml").write_text(fleet_config(fleet_db.url, "till-k"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    for name in [n for n in __import__("os").environ if n.startswith("POSREV_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("POSREV_HOME", str(home))
    monkeypatch.setattr("sys.stdin", io.StringIO(TILL_PASSWORD + "\n"))
    assert main(["credentials", "set", "--fleet"]) == 0
    out = capsys.readouterr()
    assert "saved in the keyring" in out.out and TILL_PASSWORD not in out.out + out.err
    assert memory_keyring.items[(keyring_service("default"), KEYRING_USER)] == TILL_PASSWORD
    assert main(["credentials", "check", "--fleet"]) == 0
    assert "accepted the login" in capsys.readouterr().out
    memory_keyring.items[(keyring_service("default"), KEYRING_USER)] = "not-it"
    assert main(["fleet", "sync"]) == 4
    err = capsys.readouterr().err
    assert "refused the password" in err and "credentials set --fleet" in err
    assert "not-it" not in err

    # 'set-proxy' is not a fleet action: refused, the stored password untouched.
    monkeypatch.setattr("sys.stdin", io.StringIO("proxy-user\n"))
    assert main(["credentials", "set-proxy", "--fleet"]) == 2
    assert "set, show, check or delete" in capsys.readouterr().err
    assert memory_keyring.items[(keyring_service("default"), KEYRING_USER)] == "not-it"
    # A keyring that cannot be read is said so, never "not in the keyring".
    import keyring.errors
    from keyring_fixtures import FailingKeyring

    keyring.set_keyring(FailingKeyring(keyring.errors.KeyringLocked("locked")))
    try:
        assert main(["credentials", "show", "--fleet"]) == 4
    finally:
        keyring.set_keyring(memory_keyring)
    out = capsys.readouterr()
    assert "not in the keyring" not in out.out + out.err and "keyring" in out.err


def test_a_till_killed_while_its_void_was_at_the_gateway_is_taken_over_once(
        make_terminal, simulator, fleet):
    """Done means: a terminal killed (SIGKILL) with a void in flight; its journal is shipped
    by the scheduled `fleet sync`; another terminal of the store takes it over and finishes
    it with exactly one void applied at the gateway."""
    import os
    import signal

    a = make_terminal("till-a")
    a_env = {**{k: v for k, v in os.environ.items() if not k.startswith("POSREV_")},
             **a.cli_env}
    a.close()  # the till runs as its own process below
    order = simulator.create_order(respcd="1143")
    simulator.set_scenario(order["syssn"], in_progress_polls=3)
    victim: dict[str, int] = {}

    def kill_on_arrival(info):
        if info["endpoint"] == "/trade/v1/reversal" and "pid" in victim:
            os.kill(victim["pid"], signal.SIGKILL)

    simulator.on_request = kill_on_arrival
    proc = subprocess.Popen([sys.executable, "-m", "posrev", "--base-url", simulator.base_url,
                             "void", "--syssn", order["syssn"], "--cashier", "C001", "--json"],
                            env=a_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    victim["pid"] = proc.pid
    proc.communicate(timeout=120)
    simulator.on_request = None
    assert proc.returncode == -signal.SIGKILL
    synced = subprocess.run([sys.executable, "-m", "posrev", "fleet", "sync"], env=a_env,
                            capture_output=True, text=True, timeout=60)
    assert synced.returncode == 0, synced.stderr
    (op_id, state), = fleet.admin("SELECT op_id, state FROM operations")
    assert state == "sending"  # what the dead till's journal last said
    _silence(fleet, "till-a")

    b = make_terminal("till-b")
    b.supervisors.add_first("S1", "Sup One", "246813")
    taken = cli(b, simulator, "fleet", "takeover", op_id[:10], "--supervisor", "S1",
                "--reason", "till A was killed", "--json", stdin="246813\n")
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["outcome"] == "voided"
    assert simulator.voids_applied(order["syssn"]) == 1
    kinds = [e["kind"] for e in b.journal.events(op_id)]
    assert kinds[:2] == ["fleet.taken_over", "gateway.query"]  # an enquiry first
    assert fleet.admin("SELECT owner_udid, state FROM operations")[0] == ("till-b", "voided")


def test_a_slow_database_never_holds_up_a_void(make_terminal, simulator, fleet):
    """The shipper stuck inside its database transaction (a slow or hung server) holds no
    lock a void needs: the void is journaled and finished meanwhile."""
    from posrev.fleet.shipper import Shipper

    a = make_terminal("till-a")
    for n in range(50):
        a.journal.audit("test.event", detail={"n": n})
    inside, release = threading.Event(), threading.Event()

    def hang(_count):
        inside.set()
        release.wait(30)

    shipper = Shipper(a.journal.path, a.fleet().config, before_commit=hang)
    worker = threading.Thread(target=shipper.ship_once)
    worker.start()
    try:
        assert inside.wait(30)
        op = void(a, simulator.create_order(respcd="1143"))
        assert op.outcome == "voided"
        assert worker.is_alive()  # the batch is still open while the void finished
    finally:
        release.set()
        worker.join(30)
    shipper.ship_once()
    assert central_events(fleet, "till-a") == local_event_ids(a)
    shipper.stop()


def test_a_full_database_is_said_so_and_loses_nothing(make_terminal, fleet):
    """The events table on a 1 MiB disk (a tmpfs tablespace) fills up mid-catch-up."""
    import os
    import pwd

    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    from posrev.fleet.shipper import Shipper

    disk = fleet.server.root / f"small-{fleet.name}"  # the server's user can reach it
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        nobody = pwd.getpwnam("nobody")
        if fleet.server.as_user:
            os.chown(disk, nobody.pw_uid, nobody.pw_gid)
        fleet.server.admin(f"CREATE TABLESPACE small_{fleet.name} LOCATION '{disk}'")
        fleet.admin(f"ALTER TABLE events SET TABLESPACE small_{fleet.name}")
        a = make_terminal("till-a")
        for n in range(3000):
            a.journal.audit("test.event", detail={"n": n, "pad": "x" * 300})
        shipper = Shipper(a.journal.path, a.fleet().config)
        with pytest.raises(FleetError, match="is full"):
            shipper.ship_once()
        shipped_before = shipper.bookmark()
        assert shipped_before < len(local_event_ids(a))
        assert central_events(fleet, "till-a") == local_event_ids(a)[:len(
            central_events(fleet, "till-a"))]  # what got in is a prefix: no gap
        fleet.admin("ALTER TABLE events SET TABLESPACE pg_default")  # IT adds room
        assert shipper.ship_once() == len(local_event_ids(a)) - shipped_before
        assert central_events(fleet, "till-a") == local_event_ids(a)
        shipper.stop()
    finally:
        try:
            fleet.admin("ALTER TABLE events SET TABLESPACE pg_default")
            fleet.server.admin(f"DROP TABLESPACE IF EXISTS small_{fleet.name}")
        except psycopg.Error:
            pass
        subprocess.run(["umount", str(disk)], capture_output=True)
        disk.rmdir()


def test_a_dead_tills_pending_refund_is_taken_over_with_its_out_trade_no(
        make_terminal, simulator, fleet):
    from posrev.domain.refund import approval_target

    a = make_terminal("till-a")
    a.supervisors.add_first("S1", "Sam", "135790")
    order = simulator.create_order(respcd="0000", txamt=6800)
    found = a.lookup(order["syssn"], "syssn")
    simulator.fault("non_json", 1, "refund")  # applied, but the answer is unreadable
    approval = a.supervisors.approve("S1", "135790", requester="C001", action="refund",
                                     target=approval_target(order["syssn"], 6800),
                                     reason="Customer returned the goods")
    stop = threading.Event()

    def dying(progress):
        if progress.state == "unknown" and not stop.is_set():
            simulator.fault("drop", 2, "query")  # no enquiry gets through before it dies
            stop.set()

    op = a.refund(found.transaction, cashier="C001", approval=approval, amount=6800,
                  cancel=stop, on_progress=dying)
    assert not op.is_final and op.kind == "refund" and op.refund_out_trade_no
    a.fleet().sync()
    a.close()
    _silence(fleet, "till-a")
    report = fleet.admin("SELECT action, row->>'refund_out_trade_no' FROM operations")
    assert report == [("refund", op.refund_out_trade_no)]

    b = make_terminal("till-b")
    taken = b.fleet().take_over(op.op_id[:10], supervisor="S1", reason="till A is dead")
    assert taken.refund_out_trade_no == op.refund_out_trade_no and taken.kind == "refund"
    done = b.recheck(taken.op_id)
    assert done.outcome == "refunded"
    assert simulator.refunds_applied(order["syssn"]) == 1
    sent = {r["params"]["out_trade_no"] for r in simulator.requests
            if r["endpoint"] == "/trade/v1/refund"}
    assert sent == {op.refund_out_trade_no}  # every send, by either till, the same refund


# -- what a command costs head office: logins, check-ins, keyring reads -------------------------
def cli_here(app, simulator, monkeypatch, capsys, *args, stdin=""):
    """The CLI in this process (so a spy can count what it does), as ``cli`` runs it."""
    import os

    from posrev.cli import main

    for name in [n for n in os.environ if n.startswith("POSREV_")]:
        monkeypatch.delenv(name)
    for name, value in app.cli_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--base-url", simulator.base_url, *args])
    return code, capsys.readouterr()


@pytest.fixture
def fleet_calls(monkeypatch):
    """Counts the logins to any PostgreSQL and the terminal's check-ins."""
    from posrev.fleet.shipper import Shipper

    calls = {"logins": 0, "checkins": 0}
    login, checkin = psycopg.connect, Shipper.checkin

    def counted_login(*args, **kwargs):
        calls["logins"] += 1
        return login(*args, **kwargs)

    def counted_checkin(self):
        calls["checkins"] += 1
        return checkin(self)

    monkeypatch.setattr(psycopg, "connect", counted_login)
    monkeypatch.setattr(Shipper, "checkin", counted_checkin)
    return calls


def test_pending_resume_logs_in_and_checks_in_once_for_all_it_resumes(
        make_terminal, simulator, fleet, fleet_calls, monkeypatch, capsys):
    a = make_terminal("till-a")
    ops = []
    for _ in range(4):
        order, op = _leave_pending(a, simulator, polls=1)
        a.lookup(order["syssn"], "syssn")  # its last "in progress": resumed, it is final at once
        ops.append(op)
    a.close()
    fleet_calls.update(logins=0, checkins=0)
    code, out = cli_here(a, simulator, monkeypatch, capsys, "pending", "--resume", "--json")
    assert code == 0, out.err
    done = json.loads(out.out)
    assert sorted(r["operation_id"] for r in done) == sorted(op.op_id for op in ops)
    assert {r["outcome"] for r in done} == {"voided"}
    assert fleet_calls == {"logins": 1, "checkins": 1}


def test_a_check_in_older_than_the_shortest_take_over_wait_is_made_again(
        make_terminal, simulator, fleet, monkeypatch):
    """A resume skips the check-in only while no take-over can have been made since the
    last one; after that it checks in again and sees a take-over made meanwhile."""
    from posrev.fleet import link as fleet_link

    a = make_terminal("till-a")
    _, first = _leave_pending(a, simulator, polls=50)
    _, second = _leave_pending(a, simulator, polls=50)
    assert a.fleet().check_before_resume()
    a.fleet().sync()
    monkeypatch.setattr(fleet_link, "FRESH_FOR", 0.0)  # as if its 9 s were over
    _silence(fleet, "till-a")
    make_terminal("till-b").fleet().take_over(second.op_id, supervisor="S1", reason="test")
    assert a.fleet().check_before_resume()
    assert a.journal.get(second.op_id).state == "handed_over"
    assert a.journal.get(first.op_id).state == "pending"


@pytest.mark.parametrize("wait", [True, False])
def test_fleet_takeover_logs_in_once(make_terminal, simulator, fleet, fleet_calls,
                                     monkeypatch, capsys, wait):
    a = make_terminal("till-a")
    order, op = _leave_pending(a, simulator)
    a.fleet().sync()
    a.close()
    _silence(fleet, "till-a")
    b = make_terminal("till-b")
    b.supervisors.add_first("S1", "Sup One", "246813")
    b.close()
    fleet_calls.update(logins=0, checkins=0)
    code, out = cli_here(b, simulator, monkeypatch, capsys, "fleet", "takeover",
                         op.op_id[:8], "--supervisor", "S1", "--reason", "till A is dead",
                         *([] if wait else ["--no-wait"]), stdin="246813\n")
    assert f"operation {op.op_id[:8]} ({order['syssn']}) is now this terminal's" in out.err
    if wait:
        assert code == 0 and out.out.startswith(f"voided: {order['syssn']}")
    else:
        assert code == 3 and out.out.startswith(f"pending: {order['syssn']}")
    assert fleet_calls["logins"] == 1
    shipped = fleet.admin("SELECT kind FROM events WHERE udid = 'till-b' AND op_id = %s",
                          (op.op_id,))
    assert ("fleet.taken_over",) in shipped  # its sync used the same login


def _terminal_counting_keyring_reads(home, url, udid, memory_keyring,  # type: ignore[no-untyped-def]
                                     monkeypatch) -> list[tuple[str, str]]:
    """A terminal (config in ``home``, fleet ``url``) whose fleet password is in the keyring,
    every read of which is counted in the list returned; the CLI runs as that terminal."""
    from posrev.fleet.settings import KEYRING_USER, keyring_service

    home.mkdir()
    (home / "config.toml").write_text(fleet_config(url, udid))
    memory_keyring.items[(keyring_service("default"), KEYRING_USER)] = TILL_PASSWORD
    reads: list[tuple[str, str]] = []
    stored = memory_keyring.get_password
    monkeypatch.setattr(memory_keyring, "get_password",
                        lambda service, user: reads.append((service, user)) or
                        stored(service, user))
    for name in [n for n in __import__("os").environ if n.startswith("POSREV_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("POSREV_HOME", str(home))
    return reads


def test_fleet_init_with_the_owners_url_does_not_read_the_keyring(
        tmp_path, simulator, fleet_db, memory_keyring, monkeypatch, capsys):
    from posrev.cli import main
    from posrev.fleet.settings import KEYRING_USER, keyring_service

    reads = _terminal_counting_keyring_reads(tmp_path / "office", fleet_db.url, "till-k",
                                             memory_keyring, monkeypatch)  # a terminal's URL
    assert main(["fleet", "init", "--database-url", fleet_db.admin_url]) == 0
    assert "now at version 1" in capsys.readouterr().out
    assert reads == []
    # Without it, the terminal's own login: its password is read, once.
    assert main(["fleet", "init"]) == 0
    assert "already at version 1" in capsys.readouterr().out
    assert reads == [(keyring_service("default"), KEYRING_USER)]


def test_fleet_config_takes_no_environment_argument():
    """The environment argument is gone; one still passed is refused, not taken for
    ``use_keyring`` (which would read the keyring whatever it said)."""
    from posrev.config import Settings
    from posrev.fleet import settings as fleet_settings

    settings = Settings(database_url="postgresql://till@db/fleet", store_id=STORE)
    with pytest.raises(TypeError):
        fleet_settings.fleet_config(settings, "till-a", "default", {})
    config = fleet_settings.fleet_config(settings, "till-a", "default", use_keyring=False)
    assert config is not None and config.password is None and config.store_id == STORE


def test_a_take_over_after_a_database_restart_logs_in_again(make_terminal, simulator, fleet):
    """The window's terminal keeps its shipper's connection; a take-over on it after the
    database restarted finds it gone and logs in again instead of failing."""
    a = make_terminal("till-a")
    _, op = _leave_pending(a, simulator, polls=50)
    a.fleet().sync()
    a.close()
    b = make_terminal("till-b")
    b.fleet().sync()  # its connection, kept
    fleet.server.stop()
    fleet.server.start()
    _silence(fleet, "till-a")
    taken = b.fleet().take_over(op.op_id, supervisor="S1", reason="till A is dead")
    assert taken.op_id == op.op_id and not taken.is_final
    assert fleet.admin("SELECT owner_udid FROM operations WHERE op_id = %s",
                       (op.op_id,)) == [("till-b",)]


def test_a_hand_over_the_journal_could_not_record_is_checked_for_again_at_once(
        make_terminal, simulator, fleet, monkeypatch):
    """A check-in holds for the next resumes only once its hand-overs are in the journal:
    one that lost its compare-and-set three times is asked for again at the next resume."""
    from posrev.journal import Conflict

    a = make_terminal("till-a")
    _, op = _leave_pending(a, simulator, polls=50)
    a.fleet().sync()
    _silence(fleet, "till-a")
    make_terminal("till-b").fleet().take_over(op.op_id, supervisor="S1", reason="test")
    transition = a.journal.transition
    conflicts = iter(range(3))

    def busy_journal(*args, **kwargs):
        if next(conflicts, None) is not None:
            raise Conflict("changed meanwhile")
        return transition(*args, **kwargs)

    monkeypatch.setattr(a.journal, "transition", busy_journal)
    assert a.fleet().check_before_resume()
    assert a.journal.get(op.op_id).state == "pending"  # not recorded yet
    assert a.fleet().check_before_resume()
    assert a.journal.get(op.op_id).state == "handed_over"


def test_credentials_check_fleet_reads_the_stored_password_once(
        tmp_path, simulator, fleet_db, memory_keyring, monkeypatch, capsys):
    """'credentials check --fleet' says the password is stored and logs in with it: one
    keyring read (on Windows a Credential Manager call each), not one for each."""
    from posrev.cli import main
    from posrev.fleet.settings import KEYRING_USER, keyring_service

    fleet_db.init_schema()
    reads = _terminal_counting_keyring_reads(tmp_path / "till", fleet_db.url, "till-c",
                                             memory_keyring, monkeypatch)
    assert main(["credentials", "check", "--fleet"]) == 0
    out = capsys.readouterr().out
    assert "fleet password: stored in the keyring" in out and "accepted the login" in out
    assert reads.count((keyring_service("default"), KEYRING_USER)) == 1
