"""Looking a scanned number up: refused at once when it cannot be one (nothing sent), else
asked of the core on a worker; several payments sharing it are listed to pick from. A scan
that arrives while the core is still opening is kept and looked up once it is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posrev.gui import texts
from posrev.gui.qt import translate

if TYPE_CHECKING:
    from posrev.app import Lookup
    from posrev.gui.parts import LookupBar
    from posrev.gui.stage import Stages
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict


class LookupFlow:
    def __init__(self, window: Stages, bar: LookupBar) -> None:
        self.window = window
        self.bar = bar
        self.queued = ""  # scanned while the core was opening
        bar.scanned.connect(self._scanned)
        bar.typed.connect(self.submit)
        bar.empty_entered.connect(self._empty_entered)

    def _scanned(self, raw: str) -> None:
        self.window.scan_accepted.emit(raw)
        self.submit(raw)

    def _empty_entered(self) -> None:
        if self.window.stage == "outcome":
            self.window.new_lookup()  # "New lookup (or Enter)"

    def demo_chosen(self, number: str) -> None:
        if self.window.stage in ("idle", "lookup"):
            self.bar.lookup_input.setText(number)
            self.bar.submit_typed()

    def submit(self, raw: str) -> None:
        session = self.window.session
        if session.closed:
            return
        self.bar.lookup_input.clear()
        if session.app is None:
            self.queued = raw  # the core is opening; looked up once it is there
            self.window.status_row.say(translate(
                "MainWindow", "Starting… %1 will be looked up in a moment.").replace(
                "%1", raw.strip()))
            return
        self.start(raw, self.bar.mode_combo.currentIndex())

    def take_queued(self) -> None:
        """The core is open: look up what was scanned meanwhile."""
        if self.queued and not self.window.session.closed:
            raw, self.queued = self.queued, ""
            self.submit(raw)

    def refuse(self, raw: str, reason: str) -> None:
        """A scan that is not looked up: the entry stays visible, with the reason."""
        from posrev.domain.numbers import normalise

        shown = normalise(raw)
        shown = shown[:45] + "…" if len(shown) > 48 else shown
        w = self.window
        w.set_error(translate("MainWindow", "Not looked up: “%1”. %2").replace("%1", shown)
                    .replace("%2", reason))
        w.render_status()
        w.focus_lookup()

    def start(self, raw: str, mode_index: int) -> None:
        w = self.window
        if w.stage == "voiding":
            self.refuse(raw, translate("MainWindow", "Wait for the refund to finish, or press "
                                                  "Stop waiting, before looking up another "
                                                  "payment.")
                     if w.shown.kind == "refund" else
                     translate("MainWindow", "Wait for the void to finish, or press Stop "
                                             "waiting, before looking up another payment."))
            return
        from posrev.domain.numbers import MODES, NumberError, parse_number

        mode = MODES[mode_index]
        try:
            parse_number(raw, mode)  # refused here at once, with the reason, nothing sent
        except NumberError as exc:
            w.shown.forget()
            w.set_stage("idle")
            self.refuse(raw, texts.number_problem(exc.code))
            return
        generation = w.shown.forget()
        w.set_error("")
        w.set_stage("lookup")
        w.render_status()
        app = w.session.core

        def done(lookup: Lookup) -> None:
            self._done(generation, lookup)

        def failed(exc: BaseException) -> None:
            self.failed(generation, exc)

        w.session.tasks.run(lambda _t: app.lookup(raw, mode), on_success=done,
                            on_failure=failed, name="lookup")
        w.focus_lookup()

    def _done(self, generation: int, lookup: Lookup) -> None:
        w = self.window
        if not w.shown.is_current(generation):
            return
        w.header.set_connection("ok")
        w.shown.lookup = lookup
        if lookup.candidates:
            w.show_candidates()
        else:
            w.show_transaction(lookup.transaction, lookup.verdict)
        w.lookup_shown.emit(lookup)
        w.focus_lookup()

    def failed(self, generation: int, exc: BaseException) -> None:
        w = self.window
        if not w.shown.is_current(generation):
            return
        w.set_stage("idle")
        w.header.note_gateway_error(exc)
        w.set_error(w.session.error_text(exc))
        w.render_status()
        w.focus_lookup()

    def candidate_chosen(self, txn: Transaction) -> None:
        """One of several payments sharing the number: its own verdict, then the payment."""
        w = self.window
        if w.stage != "candidates":
            return
        generation = w.shown.generation
        w.set_stage("lookup")
        app = w.session.core

        def judged(verdict: Verdict) -> None:
            if w.shown.is_current(generation):
                w.show_transaction(txn, verdict)

        def failed(exc: BaseException) -> None:
            self.failed(generation, exc)

        w.session.tasks.run(lambda _t: app.verdict_for(txn), on_success=judged,
                            on_failure=failed, name="verdict")
