"""Take-over: a terminal of the same store takes another terminal's live operation.

Ownership moves in PostgreSQL inside ``posrev_take_over`` (posrev/fleet/schema.py), under row
locks on the owner's ``terminals`` row and on the operation's row; it is refused while the
owner has checked in within ``[fleet] takeover_after`` seconds (server time). The taking
terminal then imports the operation into its own journal and resumes it with an enquiry
first. docs/DESIGN.md ("Fleet: take-over") explains why this cannot double a void or a refund.
"""

from __future__ import annotations

from typing import Any

from posrev.fleet import FleetError, TakeOverRefused
from posrev.fleet.settings import FleetConfig


def candidates(conn: Any, config: FleetConfig) -> list[dict[str, Any]]:
    """The store's live operations owned by other terminals, oldest first, each with how
    long its owner has been silent and whether it may be taken over now."""
    from posrev.fleet.views import pending

    out = []
    for row in pending(conn, store=config.store_id):
        if row["terminal"] == config.udid or row["outcome"] == "needs_manual":
            continue
        silent = row["terminal_silent_s"]
        row["can_take_over"] = silent is None or silent >= config.takeover_after
        out.append(row)
    return out


def resolve_op_id(conn: Any, config: FleetConfig, prefix: str) -> tuple[str, str]:
    """(op_id, orig_syssn) of the store's operation whose ID starts with ``prefix``."""
    prefix = prefix.strip().lower()
    if len(prefix) < 6:
        raise TakeOverRefused("Give at least the first 6 characters of the operation ID.")
    with conn.cursor() as cur:
        cur.execute("SELECT op_id, orig_syssn FROM operations WHERE op_id LIKE %s "
                    "AND store_id = %s "
                    "LIMIT 2", (prefix.replace("%", "").replace("_", r"\_") + "%",
                                config.store_id))
        rows = [(r[0], r[1]) for r in cur.fetchall()]
    conn.rollback()
    if not rows:
        raise TakeOverRefused(f"No operation {prefix} of store {config.store_id} is in the "
                              "fleet database.")
    if len(rows) > 1:
        raise TakeOverRefused(f"More than one operation starts with {prefix}; give more of "
                              "its ID.")
    return rows[0]


def take_over(conn: Any, config: FleetConfig, op_id: str, *, supervisor: str,
              reason: str) -> dict[str, Any]:
    """Move ownership to this terminal. Returns the operation's last shipped row (as the
    old owner's journal had it). Raises TakeOverRefused with the reason."""
    import psycopg

    try:
        with conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT posrev_take_over(%s, %s, %s, %s, %s, %s)",
                        (op_id, config.udid, config.store_id, supervisor, reason,
                         float(config.takeover_after)))
            result = cur.fetchone()[0]
    except psycopg.errors.RaiseException as exc:
        raise _refusal(str(exc.diag.message_primary or exc), config) from None
    except psycopg.Error as exc:
        from posrev.fleet.settings import describe_error

        raise FleetError(describe_error(config, exc)) from None
    return dict(result["row"], _from_udid=result["from_udid"])


def owned_row(conn: Any, config: FleetConfig, op_id: str) -> dict[str, Any] | None:
    """The last row of an operation this terminal already owns (a take-over whose import
    into the journal did not finish: it is imported again)."""
    with conn.cursor() as cur:
        cur.execute("SELECT row, origin_udid FROM operations WHERE op_id = %s "
                    "AND owner_udid = %s", (op_id, config.udid))
        found = cur.fetchone()
        cur.execute("SELECT from_udid FROM handovers WHERE op_id = %s AND to_udid = %s "
                    "ORDER BY at DESC LIMIT 1", (op_id, config.udid))
        handed = cur.fetchone()
    conn.rollback()
    if found is None:
        return None
    return dict(found[0], _from_udid=handed[0] if handed else found[1])


def _refusal(text: str, config: FleetConfig) -> TakeOverRefused:
    code, _, arg = text.removeprefix("posrev:").partition(":")
    if code == "not_found":
        return TakeOverRefused("That operation is not in the fleet database.")
    if code == "other_store":
        return TakeOverRefused(f"That operation belongs to store {arg}, not "
                               f"{config.store_id}; only a terminal of its store can take it "
                               "over.")
    if code == "already_yours":
        return TakeOverRefused("This terminal already owns that operation.")
    if code == "final":
        return TakeOverRefused(f"That operation is already final ({arg}); there is nothing "
                               "to take over.")
    if code == "owner_alive":
        return TakeOverRefused(f"Its terminal checked in {arg} s ago, so it is not dead: a "
                               f"take-over needs {config.takeover_after:g} s of silence.")
    if code == "moved":
        return TakeOverRefused(f"It was just taken over by terminal {arg}.")
    return TakeOverRefused(f"The take-over was refused ({text}).")
