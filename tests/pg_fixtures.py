"""A real PostgreSQL server for the fleet tests: Debian's ``postgresql`` package, ``initdb`` and
``pg_ctl`` into a temporary folder, listening on 127.0.0.1 (a free port) and a unix socket in
that folder; started once per session, stopped at teardown. The server refuses to run as root,
so as root it runs as ``nobody`` (``runuser``). Without the binaries the tests skip with the
reason, except in CI (``CI`` set), where they fail: CI must really run them.

PYTEST_DONT_REWRITE
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ADMIN = "posrev_admin"
TILL = "till"
TILL_PASSWORD = "till-password-for-tests"
STORE = "HK-001"  # the store every terminal of the fleet tests belongs to, unless told


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and Path(found).resolve().parent.joinpath("initdb").exists():
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "pg_ctl").exists() and Path(candidate, "initdb").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    bindir: Path
    root: Path
    port: int
    as_user: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.as_user, str(self.bindir / args[0]), *args[1:]],
                              capture_output=True, text=True, check=check, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                  "-t", "60", "-o",
                  f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off "
                  "-c max_connections=100",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """The database dies (immediate shutdown: no checkpoint, clients cut off)."""
        self.stop("immediate")

    @property
    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def admin_conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.socket_dir} port={self.port} user={ADMIN} dbname={dbname}"

    def url(self, dbname: str, user: str = TILL) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres", params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.admin_conninfo(dbname), autocommit=True) as conn:
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description else []


def _start_server() -> PgServer:
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed (apt install "
                           "postgresql; scripts/bootstrap --test does it)")
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(f"psycopg is not installed ({exc})") from None
    root = Path(tempfile.mkdtemp(prefix="posrev-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            raise RuntimeError("running as root without runuser to start PostgreSQL as nobody")
        nobody = pwd.getpwnam("nobody")
        os.chmod(root, 0o755)
        os.chown(root, nobody.pw_uid, nobody.pw_gid)
        as_user = [runuser, "-u", "nobody", "--"]
    server = PgServer(bindir=bindir, root=root, port=free_port(), as_user=as_user)
    (root / "sock").mkdir()
    if as_user:
        nobody = pwd.getpwnam("nobody")
        os.chown(root / "sock", nobody.pw_uid, nobody.pw_gid)
    pwfile = root / "pw"
    pwfile.write_text("admin-password\n")
    if as_user:
        os.chown(pwfile, pwd.getpwnam("nobody").pw_uid, -1)
    done = server._run("initdb", "-D", str(server.data), "-U", ADMIN, "-E", "UTF8",
                       "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                       f"--pwfile={pwfile}", "--no-sync", "--no-instructions", check=False)
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed: {done.stderr.strip()[-300:]}")
    server.start()
    server.admin(f"CREATE ROLE posrev_terminal NOLOGIN; CREATE ROLE posrev_office NOLOGIN; "
                 f"CREATE ROLE {TILL} LOGIN PASSWORD '{TILL_PASSWORD}' IN ROLE posrev_terminal;"
                 f"CREATE ROLE office LOGIN PASSWORD 'office-pw' IN ROLE posrev_office")
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = _start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {exc}")
        pytest.skip(f"no PostgreSQL server for the fleet tests: {exc}")
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.root, ignore_errors=True)


_names = itertools.count(1)


@dataclass
class FleetDb:
    server: PgServer
    name: str

    @property
    def url(self) -> str:
        return self.server.url(self.name)

    def admin(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.server.admin(sql, self.name, params)

    @property
    def admin_url(self) -> str:
        return (f"postgresql://{ADMIN}@/{self.name}?host={self.server.socket_dir}"
                f"&port={self.server.port}")

    def init_schema(self) -> None:
        """The fleet's tables, created as the administrator (what ``posrev fleet init``
        does)."""
        import psycopg

        from posrev.fleet import schema

        with psycopg.connect(self.server.admin_conninfo(self.name)) as conn:
            schema.init(conn)


def fleet_config(url: str, udid: str, store: str = STORE, takeover_after: int = 30) -> str:
    """A terminal's ``config.toml``: its udid, and the fleet database it ships to."""
    return (f'[terminal]\nudid = "{udid}"\n\n[fleet]\ndatabase_url = "{url}"\n'
            f'store_id = "{store}"\ntakeover_after = {takeover_after}\n')


@pytest.fixture
def fleet_db(pg_server: PgServer) -> Iterator[FleetDb]:
    """A fresh, empty database on the session's server (no schema yet)."""
    if not pg_server.running:
        pg_server.start()  # a fault test may have stopped it
    name = f"fleet_{os.getpid()}_{next(_names)}"
    pg_server.admin(f"CREATE DATABASE {name}")
    pg_server.admin(f"GRANT CONNECT ON DATABASE {name} TO posrev_terminal, "
                    "posrev_office")
    try:
        yield FleetDb(pg_server, name)
    finally:
        if not pg_server.running:
            pg_server.start()
        pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def fleet(fleet_db: FleetDb, monkeypatch: pytest.MonkeyPatch) -> FleetDb:
    """A fleet database with the schema; terminals log in as the least-privileged ``till``,
    with the password from ``PGPASSWORD`` (none from the keyring)."""
    monkeypatch.setenv("PGPASSWORD", TILL_PASSWORD)
    monkeypatch.setattr("posrev.fleet.settings.load_password", lambda profile: None)
    fleet_db.init_schema()
    return fleet_db
