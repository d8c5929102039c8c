"""Looking a scanned number up: refused at once when it cannot be one (nothing sent), else
asked of the core on a worker; several payments sharing it are listed to pick from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posrev.gui import texts
from posrev.gui.qt import translate

if TYPE_CHECKING:
    from posrev.app import Lookup
    from posrev.domain.eligibility import Verdict
    from posrev.domain.model import Transaction
    from posrev.gui.stage import Stages


class LookupFlow:
    def __init__(self, window: Stages) -> None:
        self.window = window

    def start(self, raw: str, mode_index: int) -> None:
        w = self.window
        if w.stage == "voiding":
            w.refuse(raw, translate("MainWindow", "Wait for the refund to finish, or press "
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
            w.refuse(raw, texts.number_problem(exc.code))
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
        w.set_connection("ok")
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
        w.note_gateway_error(exc)
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
