"""The central schema, with versioned migrations (``posrev fleet init``).

Terminals need only SELECT and INSERT on the tables (docs/IT-GUIDE.md, "Fleet"): the current
state of each operation is kept by a trigger that runs as the schema's owner, and the two
changes that must be atomic (a terminal checking in, a take-over) are SECURITY DEFINER
functions that take the row locks themselves.
"""

from __future__ import annotations

from typing import Any

from posrev.fleet import FleetError

SCHEMA_VERSION = 1
LOCK_KEY = 7310_2026  # pg_advisory_xact_lock: two `fleet init` at once migrate once

_OP_COLUMNS = """
    action text NOT NULL,
    orig_syssn text NOT NULL,
    out_trade_no text NOT NULL DEFAULT '',
    void_syssn text NOT NULL DEFAULT '',
    txamt bigint NOT NULL,
    txcurrcd text NOT NULL,
    pay_type text NOT NULL DEFAULT '',
    cashier text NOT NULL DEFAULT '',
    approver text NOT NULL DEFAULT '',
    reason text NOT NULL DEFAULT '',
    state text NOT NULL,
    final boolean NOT NULL,
    sends integer NOT NULL DEFAULT 0,
    respcd text NOT NULL DEFAULT '',
    message text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version integer NOT NULL,
    row jsonb NOT NULL
"""

_FROM_ROW = """
        r->>'action', r->>'orig_syssn', coalesce(r->>'out_trade_no', ''),
        coalesce(r->>'void_syssn', ''), (r->>'txamt')::bigint, r->>'txcurrcd',
        coalesce(r->>'pay_type', ''), coalesce(r->>'cashier', ''),
        coalesce(r->>'approver', ''), coalesce(r->>'reason', ''), r->>'state',
        coalesce((r->>'final')::int, 0) = 1, coalesce((r->>'sends')::int, 0),
        coalesce(r->>'respcd', ''), coalesce(r->>'message', ''),
        (r->>'created_at')::timestamptz, (r->>'updated_at')::timestamptz,
        (r->>'version')::int, r
"""

_OP_NAMES = ("action, orig_syssn, out_trade_no, void_syssn, txamt, txcurrcd, pay_type, cashier, "
             "approver, reason, state, final, sends, respcd, message, created_at, updated_at, "
             "version, row")

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE terminals(
            udid text PRIMARY KEY,
            store_id text NOT NULL,
            first_seen timestamptz NOT NULL DEFAULT now(),
            last_seen timestamptz NOT NULL DEFAULT now(),
            last_event_id bigint NOT NULL DEFAULT 0)""",
        """CREATE TABLE events(
            udid text NOT NULL,
            event_id bigint NOT NULL,
            store_id text NOT NULL,
            at timestamptz NOT NULL,
            op_id text,
            kind text NOT NULL,
            actor text NOT NULL DEFAULT '',
            result text NOT NULL DEFAULT '',
            location text NOT NULL DEFAULT '',
            detail jsonb NOT NULL DEFAULT '{}',
            received_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (udid, event_id))""",
        "CREATE INDEX events_op ON events(op_id)",
        # Every snapshot of an operation a terminal shipped (the audit trail of who said what).
        """CREATE TABLE op_versions(
            op_id text NOT NULL,
            udid text NOT NULL,
            version integer NOT NULL,
            store_id text NOT NULL,
            row jsonb NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (op_id, udid, version))""",
        # The current state of each operation: what the head-office views read.
        f"""CREATE TABLE operations(
            op_id text PRIMARY KEY,
            store_id text NOT NULL,
            owner_udid text NOT NULL,
            origin_udid text NOT NULL,
            taken_over_at timestamptz,
            taken_over_by text NOT NULL DEFAULT '',
            {_OP_COLUMNS})""",
        "CREATE INDEX operations_store_created ON operations(store_id, created_at)",
        "CREATE INDEX operations_created ON operations(created_at)",
        "CREATE INDEX operations_open ON operations(created_at) "
        "WHERE NOT final OR state = 'needs_manual'",
        """CREATE TABLE handovers(
            op_id text NOT NULL,
            from_udid text NOT NULL,
            to_udid text NOT NULL,
            store_id text NOT NULL,
            supervisor text NOT NULL,
            reason text NOT NULL DEFAULT '',
            at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (op_id, at))""",
        "CREATE INDEX handovers_from ON handovers(from_udid)",
        # A snapshot moves the current state only if its terminal owns the operation and it
        # is newer: a late snapshot from a terminal whose operation was taken over changes
        # nothing (it stays in op_versions as evidence).
        f"""CREATE FUNCTION posrev_apply_op_version() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            DECLARE r jsonb := NEW.row;
            BEGIN
                INSERT INTO operations AS o(op_id, store_id, owner_udid, origin_udid,
                                            {_OP_NAMES})
                VALUES (NEW.op_id, NEW.store_id, NEW.udid, NEW.udid, {_FROM_ROW})
                ON CONFLICT (op_id) DO UPDATE SET
                    void_syssn = EXCLUDED.void_syssn, approver = EXCLUDED.approver,
                    reason = EXCLUDED.reason, state = EXCLUDED.state, final = EXCLUDED.final,
                    sends = EXCLUDED.sends, respcd = EXCLUDED.respcd,
                    message = EXCLUDED.message, updated_at = EXCLUDED.updated_at,
                    version = EXCLUDED.version, row = EXCLUDED.row
                WHERE o.owner_udid = NEW.udid AND o.version < EXCLUDED.version;
                RETURN NULL;
            END $$""",
        """CREATE TRIGGER op_versions_apply AFTER INSERT ON op_versions
            FOR EACH ROW EXECUTE FUNCTION posrev_apply_op_version()""",
        # A terminal checks in (after each batch, and before resuming an operation): its
        # row in `terminals` is locked and refreshed, then the hand-overs away from it are
        # read in the same transaction. A take-over locks the same row first, so the two
        # are serialised: either the take-over sees a terminal that is alive and refuses,
        # or the terminal sees the hand-over.
        """CREATE FUNCTION posrev_checkin(p_udid text, p_store text, p_last_event bigint)
            RETURNS TABLE(op_id text, to_udid text, supervisor text, at timestamptz)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            BEGIN
                INSERT INTO terminals AS t(udid, store_id, last_seen, last_event_id)
                VALUES (p_udid, p_store, clock_timestamp(), coalesce(p_last_event, 0))
                ON CONFLICT (udid) DO UPDATE SET last_seen = clock_timestamp(),
                    store_id = EXCLUDED.store_id,
                    last_event_id = greatest(t.last_event_id, EXCLUDED.last_event_id);
                RETURN QUERY SELECT h.op_id, h.to_udid, h.supervisor, h.at FROM handovers h
                    WHERE h.from_udid = p_udid ORDER BY h.at;
            END $$""",
        """CREATE FUNCTION posrev_take_over(p_op text, p_to text, p_store text,
                                            p_supervisor text, p_reason text,
                                            p_stale double precision)
            RETURNS jsonb
            LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            DECLARE
                owner text;
                seen timestamptz;
                o operations%ROWTYPE;
            BEGIN
                SELECT owner_udid INTO owner FROM operations WHERE op_id = p_op;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'posrev:not_found' USING ERRCODE = 'P0001';
                END IF;
                -- Lock order: the owner's terminal row, then the operation's row.
                SELECT last_seen INTO seen FROM terminals WHERE udid = owner FOR UPDATE;
                SELECT * INTO o FROM operations WHERE op_id = p_op FOR UPDATE;
                IF o.owner_udid <> owner THEN
                    RAISE EXCEPTION 'posrev:moved:%', o.owner_udid USING ERRCODE = 'P0001';
                END IF;
                IF o.store_id <> p_store THEN
                    RAISE EXCEPTION 'posrev:other_store:%', o.store_id USING ERRCODE = 'P0001';
                END IF;
                IF o.owner_udid = p_to THEN
                    RAISE EXCEPTION 'posrev:already_yours' USING ERRCODE = 'P0001';
                END IF;
                IF o.final THEN
                    RAISE EXCEPTION 'posrev:final:%', o.state USING ERRCODE = 'P0001';
                END IF;
                IF seen IS NOT NULL
                        AND seen > clock_timestamp() - make_interval(secs => p_stale) THEN
                    RAISE EXCEPTION 'posrev:owner_alive:%',
                        round(extract(epoch FROM clock_timestamp() - seen))
                        USING ERRCODE = 'P0001';
                END IF;
                -- The new owner is alive now: a third terminal cannot take it straight back.
                INSERT INTO terminals AS t(udid, store_id, last_seen)
                VALUES (p_to, p_store, clock_timestamp())
                ON CONFLICT (udid) DO UPDATE SET last_seen = clock_timestamp();
                UPDATE operations SET owner_udid = p_to, taken_over_at = clock_timestamp(),
                    taken_over_by = p_supervisor WHERE op_id = p_op;
                INSERT INTO handovers(op_id, from_udid, to_udid, store_id, supervisor, reason,
                                      at)
                VALUES (p_op, o.owner_udid, p_to, o.store_id, p_supervisor, p_reason,
                        clock_timestamp());
                RETURN jsonb_build_object('row', o.row, 'from_udid', o.owner_udid,
                                          'version', o.version);
            END $$""",
    ],
}

TERMINAL_TABLES_INSERT = ("events", "op_versions")
READ_TABLES = ("terminals", "events", "op_versions", "operations", "handovers", "fleet_meta")
FUNCTIONS = ("posrev_checkin(text, text, bigint)",
             "posrev_take_over(text, text, text, text, text, double precision)")


def _version(cur: Any) -> int | None:
    cur.execute("SELECT to_regclass('fleet_meta') IS NOT NULL")
    if not cur.fetchone()[0]:
        return None
    cur.execute("SELECT value FROM fleet_meta WHERE key = 'schema_version'")
    row = cur.fetchone()
    return int(row[0]) if row else 0


def current_version(conn: Any) -> int | None:
    with conn.cursor() as cur:
        version = _version(cur)
    conn.rollback()
    return version


def check(conn: Any) -> None:
    """The database holds the schema this posrev knows, or FleetError says what to do."""
    version = current_version(conn)
    if version is None or version < SCHEMA_VERSION:
        raise FleetError("The fleet database has no posrev schema yet (or an older one); an "
                         "IT admin runs 'posrev fleet init' with the owner role.")
    if version > SCHEMA_VERSION:
        raise FleetError(f"The fleet database has schema {version}, newer than this posrev "
                         f"knows ({SCHEMA_VERSION}); upgrade posrev.")


def init(conn: Any) -> tuple[int, int]:
    """Create or migrate the schema; safe to rerun. Returns (before, after) versions."""
    import psycopg

    try:
        with conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            before = _version(cur)
            if before is None:
                cur.execute("CREATE TABLE fleet_meta(key text PRIMARY KEY, value text NOT NULL)")
                before = 0
            if before > SCHEMA_VERSION:
                raise FleetError(f"The fleet database has schema {before}, newer than this "
                                 f"posrev knows ({SCHEMA_VERSION}); nothing was changed. "
                                 "Upgrade posrev.")
            for target in range(before + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    cur.execute(statement)
                cur.execute("INSERT INTO fleet_meta(key, value) VALUES ('schema_version', %s) "
                            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                            (str(target),))
            _grant(cur)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise FleetError(f"'posrev fleet init' must run as the database's owner role "
                         f"({exc.diag.message_primary}).") from None
    return before, SCHEMA_VERSION


def _grant(cur: Any) -> None:
    """Grants to the two group roles of docs/IT-GUIDE.md, for those that exist."""
    cur.execute("SELECT rolname FROM pg_roles WHERE rolname IN "
                "('posrev_terminal', 'posrev_office')")
    roles = {r[0] for r in cur.fetchall()}
    tables = ", ".join(READ_TABLES)
    for role in sorted(roles):
        cur.execute(f"GRANT SELECT ON {tables} TO {role}")
    if "posrev_terminal" in roles:
        cur.execute(f"GRANT INSERT ON {', '.join(TERMINAL_TABLES_INSERT)} TO posrev_terminal")
        for fn in FUNCTIONS:
            cur.execute(f"GRANT EXECUTE ON FUNCTION {fn} TO posrev_terminal")
    for fn in FUNCTIONS:
        cur.execute(f"REVOKE EXECUTE ON FUNCTION {fn} FROM PUBLIC")
