"""What the cashier window shows now, and its status line in each stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from posrev.gui.qt import translate

if TYPE_CHECKING:
    from posrev.app import Lookup, Operation
    from posrev.model.transaction import Transaction
    from posrev.model.verdict import Verdict


class Shown:
    """What the window shows now; ``generation`` grows with every new lookup, so an
    answer that arrives for an older one is dropped. (A plain class: the window paints
    before ``dataclasses`` and what it imports are loaded, docs/GUI.md.)"""

    def __init__(self) -> None:
        self.lookup: Lookup | None = None
        self.txn: Transaction | None = None
        self.verdict: Verdict | None = None
        self.op: Operation | None = None
        self.kind = "void"  # what the progress panel follows: a void or a refund
        self.generation = 0

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
