"""The cashier window's stages, what it shows in them, and what the flows (lookup, void,
refund, the background watcher) may ask of the window.

Stages: ``idle`` → ``lookup`` → (``candidates``) → ``transaction`` → ``voiding`` →
``outcome`` → ``idle``. The window (``posrev.gui.main_window``) is the only
:class:`Stages`; the flows are given it and never import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from posrev.gui.qt import translate

if TYPE_CHECKING:
    from posrev.app import Lookup, Operation
    from posrev.domain.eligibility import Verdict
    from posrev.domain.model import Transaction
    from posrev.gui.panels import ProgressPanel, StatusRow
    from posrev.gui.session import Session

STAGES = ("idle", "lookup", "candidates", "transaction", "voiding", "outcome")


@dataclass
class Shown:
    """What the window shows now; ``generation`` grows with every new lookup, so an
    answer that arrives for an older one is dropped."""

    lookup: Lookup | None = None
    txn: Transaction | None = None
    verdict: Verdict | None = None
    op: Operation | None = None
    kind: str = "void"  # what the progress panel follows: a void or a refund
    generation: int = 0

    def forget(self) -> int:
        """A new lookup starts: nothing shown, older answers stale. Returns its generation."""
        self.lookup = self.txn = self.verdict = self.op = None
        self.generation += 1
        return self.generation

    def is_current(self, generation: int) -> bool:
        return generation == self.generation


def status_words(stage: str, shown: Shown, cashier: str) -> str:
    """The status line in each stage (the window's own sentences)."""
    lookup = shown.lookup
    if stage == "lookup":
        return translate("MainWindow", "Looking up…")
    if stage == "candidates":
        return translate("MainWindow", "%1 payments found.").replace(
            "%1", str(len(lookup.candidates) if lookup else 0))
    if stage == "transaction" and lookup is not None:
        return translate("MainWindow", "Looked up %1.").replace("%1", lookup.result.number)
    if stage == "voiding" and shown.kind == "refund":
        return translate("MainWindow", "Refunding… press Stop waiting to leave it to the "
                                       "background checks.")
    if stage == "voiding":
        return translate("MainWindow", "Voiding… press Stop waiting to leave it to the "
                                       "background checks.")
    if stage == "outcome":
        return translate("MainWindow", "Press Enter or New lookup for the next payment.")
    if not cashier:
        return translate("MainWindow", "Sign in before voiding a payment.")
    return translate("MainWindow", "Ready.")


class Stages(Protocol):
    """The cashier window as the flows see it."""

    session: Session
    shown: Shown
    stage: str
    progress_panel: ProgressPanel
    status_row: StatusRow
    scan_accepted: Any  # Signal(str): Enter took a scan
    stage_changed: Any  # Signal(str)
    lookup_shown: Any  # Signal(object): a Lookup was shown
    outcome_shown: Any  # Signal(object): an Operation was shown or updated

    def set_stage(self, stage: str) -> None: ...

    def new_lookup(self) -> None: ...

    def set_error(self, text: str) -> None: ...

    def render_status(self) -> None: ...

    def focus_lookup(self) -> None: ...

    def note_gateway_error(self, exc: BaseException) -> None: ...

    def set_connection(self, state: str) -> None: ...

    def show_candidates(self) -> None: ...

    def show_transaction(self, txn: Transaction | None, verdict: Verdict) -> None: ...

    def show_outcome(self, op: Operation) -> None: ...

    def update_outcome(self, op: Operation) -> None: ...

    def render_transaction(self) -> None: ...

    def render_progress(self) -> None: ...

    def scan(self, raw: str) -> None: ...
