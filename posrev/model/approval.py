"""Supervisor approvals as values: what is approved (an ``Action``) and on what (a target).

An approval is asked for one ``Grant`` (action, target) and consumed, once, by the operation
that needs exactly that grant (posrev/app.py): the grants are built here, in one place, so a
front-end cannot ask for one thing and the core consume another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from posrev.model.verdict import FORCED


class Action(StrEnum):
    """What a supervisor approves. The strings are stored in the approvals table and the
    audit log: never change one."""

    VOID = "void"
    VOID_FORCED = "void_forced"  # a forced void of a failed payment: its own action
    REFUND = "refund"
    RESOLVE_MANUAL = "resolve_manual"
    SETTINGS = "settings"
    CREDENTIALS = "credentials"
    ADD_SUPERVISOR = "add_supervisor"
    DISABLE_SUPERVISOR = "disable_supervisor"
    RESET_SUPERVISOR = "reset_supervisor"
    FLEET_VIEW = "fleet_view"
    FLEET_TAKEOVER = "fleet_takeover"


@dataclass(frozen=True)
class Grant:
    """The (action, target) an approval is for, and that an operation consumes."""

    action: Action
    target: str


def void_grant(syssn: str, supervisor_reasons: Iterable[str]) -> Grant:
    """A void of payment ``syssn``; forcing a failed payment's void is its own action, so an
    approval for a normal void cannot be used to force one."""
    forced = FORCED in tuple(supervisor_reasons)
    return Grant(Action.VOID_FORCED if forced else Action.VOID, syssn)


def refund_target(syssn: str, amount: int) -> str:
    """What a supervisor approves for a refund: this payment and this amount, nothing else."""
    return f"{syssn}:{amount}"


def refund_grant(syssn: str, amount: int) -> Grant:
    return Grant(Action.REFUND, refund_target(syssn, amount))


@dataclass(frozen=True)
class Approval:
    """A supervisor's approval, as handed to the requester. The database row is the truth:
    consuming checks this object against it, so an edited copy is refused."""

    approval_id: str
    supervisor_id: str
    requester: str
    action: str
    target: str
    reason: str
    issued_at: datetime

    @property
    def grant(self) -> Grant:
        return Grant(Action(self.action), self.target)
