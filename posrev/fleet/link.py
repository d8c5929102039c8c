"""What the application holds when ``[fleet] database_url`` is set: one shipper for this
terminal's journal, the hand-over check, and the take-over's import into the journal."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from posrev.fleet import FleetError
from posrev.fleet.settings import TAKEOVER_AFTER_MIN, FleetConfig
from posrev.fleet.shipper import FleetStatus, Handover, Shipper

log = logging.getLogger("posrev.fleet")

UNREACHABLE_GRACE = 30.0  # after a failed check, resumes go on without asking for this long
# After a check-in, resumes go on without another for this long: less than the shortest
# silence a take-over needs (a second short of it, for the two clocks' drift and rounding).
FRESH_FOR = TAKEOVER_AFTER_MIN - 1.0


class FleetLink:
    def __init__(self, config: FleetConfig, journal: Any, **shipper_options: Any) -> None:
        """``shipper_options`` go to Shipper (``yield_to``: True while a void is watched)."""
        self.config = config
        self.journal = journal
        self.shipper = Shipper(journal.path, config, on_handover=self.apply_handover,
                               **shipper_options)
        self._lock = threading.Lock()
        self._unreachable_until = 0.0
        self._checked_at: float | None = None  # when the last check-in began (monotonic)
        self.on_handed_over: Any = None  # GUI: refresh the pending list

    # -- shipping -----------------------------------------------------------------------------
    def start(self) -> None:
        self.shipper.start()

    def stop(self) -> None:
        self.shipper.stop()

    def nudge(self) -> None:
        self.shipper.nudge()

    def sync(self) -> int:
        return self.shipper.ship_once()

    def status(self) -> FleetStatus:
        return self.shipper.status()

    # -- hand-overs away from this terminal ------------------------------------------------------
    def apply_handover(self, handover: Handover) -> bool:
        """Mark this terminal's copy of the operation handed over. False if the journal kept
        changing it under us (three compare-and-set conflicts): not applied yet."""
        from posrev.journal import Conflict
        from posrev.messages import Text

        for _ in range(3):
            op = self.journal.get(handover.op_id)
            if op is None or op.is_final:
                return True
            try:
                after = self.journal.transition(
                    op, event="fleet.handed_over", state="handed_over", next_check_at=None,
                    text=Text("op.handed_over", {
                        "udid": handover.to_udid, "supervisor": handover.supervisor}),
                    detail={"to_udid": handover.to_udid, "supervisor": handover.supervisor,
                            "at": handover.at.isoformat()})
            except Conflict:
                continue
            log.info("%s handed over to %s", op.op_id[:8], handover.to_udid)
            if self.on_handed_over is not None:
                self.on_handed_over(after)
            return True
        return False

    def check_before_resume(self) -> bool:
        """Before a live operation is resumed: check in, and apply any hand-over away from
        this terminal. True if the database answered. A database that cannot be reached does
        not stop the resume (the journal is the source of truth, and a repeated void of the
        same payment is the same void at the gateway: docs/DESIGN.md).

        One check-in serves every resume that starts within FRESH_FOR seconds of it (``posrev
        pending --resume`` checks in once for all it resumes in that time): a take-over needs
        this terminal silent for ``takeover_after`` seconds (at least TAKEOVER_AFTER_MIN)
        after its last check-in, by the database's clock, so none can have been made since."""
        with self._lock:
            started = time.monotonic()
            if self._checked_at is not None and started - self._checked_at < FRESH_FOR:
                return True
            if started < self._unreachable_until:
                return False
            try:
                handovers = self.shipper.checkin()
            except FleetError as exc:
                log.warning("hand-over check skipped: %s", exc)
                self._unreachable_until = time.monotonic() + UNREACHABLE_GRACE
                return False
        applied = [self.apply_handover(h) for h in handovers]
        if all(applied):
            with self._lock:  # only once its hand-overs are in the journal
                self._checked_at = started
        return True

    # -- take-over of another terminal's operation -------------------------------------------
    def take_over(self, op_id_prefix: str, *, supervisor: str, reason: str) -> Any:
        """Move the operation to this terminal and import it into the journal. Returns the
        imported Operation (live; the caller resumes it with an enquiry first)."""
        from posrev.fleet import TakeOverRefused
        from posrev.fleet.takeover import owned_row, resolve_op_id, take_over
        from posrev.journal import AlreadyLive

        self.config.require_store()
        # The shipper's connection: the check-in before the resume and the sync after it use
        # the same one (one login per command).
        with self.shipper.connection() as conn:
            op_id, orig_syssn = resolve_op_id(conn, self.config, op_id_prefix)
            local = self.journal.get(op_id)
            if local is not None and not local.is_final:
                return local  # already imported: resume it
            if local is not None:  # refused before ownership moves: its row is here, final
                if local.state == "handed_over":
                    raise TakeOverRefused(
                        f"Operation {op_id[:8]} was handed over from this terminal; it cannot "
                        "be taken back here. Take it over on another terminal of the store.")
                raise TakeOverRefused(f"Operation {op_id[:8]} is already final in this "
                                      f"terminal's journal ({local.state}).")
            live = self.journal.live_for(orig_syssn)
            if live is not None:  # checked before ownership moves
                raise AlreadyLive(live)
            try:
                row = take_over(conn, self.config, op_id, supervisor=supervisor, reason=reason)
            except TakeOverRefused as exc:
                # Ownership moved earlier but the import did not finish: import it now.
                again = owned_row(conn, self.config, op_id) if "already owns" in str(exc) \
                    else None
                if again is None or local is not None:
                    raise
                row = again
        # Imported once the connection is handed back: the shipping lock is not held while
        # the journal writes.
        from_udid = row.pop("_from_udid")
        return self.journal.adopt(row, actor=supervisor, location=self.config.udid,
                                  detail={"from_udid": from_udid, "supervisor": supervisor,
                                          "reason": reason, "version": row.get("version")})
