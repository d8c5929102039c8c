"""The cashier window's stages, and what the flows (lookup, void, refund, the background
watcher) may ask of the window.

Stages: ``idle`` → ``lookup`` → (``candidates``) → ``transaction`` → ``voiding`` →
``outcome`` → ``idle``. The window (``posrev.gui.main_window``) is the only
:class:`Stages`; the flows are given it and never import it. What it shows in them is a
:class:`~posrev.gui.shown.Shown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from posrev.app import Operation
    from posrev.gui.panels import ProgressPanel, TransactionPanel
    from posrev.gui.parts import HeaderBar, LookupBar, StatusRow
    from posrev.gui.session import Session
    from posrev.gui.shown import Shown
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict

STAGES = ("idle", "lookup", "candidates", "transaction", "voiding", "outcome")


class Stages(Protocol):
    """The cashier window as the flows see it."""

    session: Session
    shown: Shown
    stage: str
    header: HeaderBar
    lookup_bar: LookupBar
    progress_panel: ProgressPanel
    transaction_panel: TransactionPanel
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

    def show_candidates(self) -> None: ...

    def show_transaction(self, txn: Transaction | None, verdict: Verdict) -> None: ...

    def show_outcome(self, op: Operation) -> None: ...

    def update_outcome(self, op: Operation) -> None: ...

    def render_transaction(self) -> None: ...

    def render_progress(self) -> None: ...
