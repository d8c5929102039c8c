"""The one SQLite helper (posrev/store/sqlite.py): WAL + FULL, migrations by user_version,
transactions, and errors classified by SQLite's result code, not by message text."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

from posrev.store import sqlite as store

MIGRATIONS = {1: "CREATE TABLE a(x INTEGER);", 2: "CREATE TABLE b(y TEXT);\n"
              "CREATE TRIGGER b_frozen BEFORE DELETE ON b\n"
              "BEGIN SELECT RAISE(ABORT, 'frozen'); END;"}


def test_a_connection_is_wal_full_with_foreign_keys(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "x.sqlite3")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        conn.close()


def test_migrations_run_once_each_and_set_user_version(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    conn = store.connect(path)
    assert store.migrate(conn, {1: MIGRATIONS[1]}) == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert store.migrate(conn, MIGRATIONS) == 1  # only migration 2 runs now
    assert store.migrate(conn, MIGRATIONS) == 2
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a", "b"}
    conn.close()


def test_a_newer_file_is_refused_untouched(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "x.sqlite3")
    conn.execute("PRAGMA user_version=7")
    with pytest.raises(store.NewerSchema) as info:
        store.migrate(conn, MIGRATIONS)
    assert info.value.version == 7
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_a_failed_transaction_is_rolled_back(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "x.sqlite3")
    store.migrate(conn, MIGRATIONS)
    with pytest.raises(RuntimeError), store.transaction(conn):
        conn.execute("INSERT INTO a VALUES (1)")
        raise RuntimeError("stop")
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM a").fetchone()[0] == 0
    conn.close()


def test_a_file_that_is_not_a_database_is_damage_not_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(sqlite3.DatabaseError) as info:
        store.connect(path)
    assert store.is_damage(info.value)
    assert store.primary_code(info.value) == store.SQLITE_NOTADB


def test_a_lock_is_the_environment_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    holder = store.connect(path)
    store.migrate(holder, MIGRATIONS)
    holder.execute("BEGIN IMMEDIATE")
    other = store.connect(path, timeout=0.05)
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            other.execute("BEGIN IMMEDIATE")
        assert not store.is_damage(info.value)
        assert store.environment_cause(info.value, tmp_path) == ("locked", {})
    finally:
        other.close()
        holder.execute("ROLLBACK")
        holder.close()


def test_the_store_imports_nothing_from_posrev() -> None:
    source = Path(store.__file__).read_text(encoding="utf-8")
    imported = {n.module or "" for n in ast.walk(ast.parse(source))
                if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import)
                 for a in n.names}
    assert not [m for m in imported if m.split(".")[0] == "posrev"]
