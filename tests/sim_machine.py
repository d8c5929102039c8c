"""What the stateful property tests of posrev share (tests/integration/test_state_machine*.py):
a machine against one simulator per test module, in a fresh POSREV_HOME with the demo
credentials and a FakeClock, with the rules every machine has (restart, resume, time passes)
and the settling its teardown does."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from fakeclock import FakeClock
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from posrev.app import App, AppOptions
from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator


class SimulatorMachine(RuleBasedStateMachine):
    """A machine with its own home, clock and App, against ``sim`` (set by
    :func:`machine_simulator` for the module's run)."""

    sim: Simulator | None = None
    home_prefix = "posrev-sm-"

    def __init__(self) -> None:
        super().__init__()
        assert self.sim is not None, "run inside machine_simulator()"
        self.sim.clear_faults()
        self.home = tempfile.mkdtemp(prefix=self.home_prefix)
        self.env = {"POSREV_HOME": self.home, "POSREV_APP_CODE": DEMO_APP_CODE,
                    "POSREV_CLIENT_KEY": DEMO_CLIENT_KEY}
        self.clock = FakeClock(datetime.now(UTC))
        self.app = self._open()

    def _open(self) -> App:
        assert self.sim is not None
        return App.open(AppOptions(base_url=self.sim.base_url), clock=self.clock,
                        environ=self.env)

    def settle(self, mine: Collection[str]) -> None:
        """With the faults gone, resume every unfinished operation of ``mine`` (original
        syssns): each must end final."""
        assert self.sim is not None
        self.sim.clear_faults()
        for op in self.app.pending_operations():
            if op.orig_syssn in mine:
                done = self.app.drive(op.op_id, resume=True, foreground=False)
                assert done.is_final, done

    def close(self) -> None:
        self.app.close()
        shutil.rmtree(self.home, ignore_errors=True)

    # -- the rules every machine has ----------------------------------------------------------
    @rule()
    def restart(self) -> None:
        self.app.close()
        self.app = self._open()

    @rule()
    def resume_all(self) -> None:
        for op in self.app.pending_operations():
            self.app.drive(op.op_id, resume=True)

    @precondition(lambda self: bool(self.app.pending_operations()))
    @rule(seconds=st.sampled_from([3, 60, 600]))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)
        for op in self.app.pending_operations():
            self.app.runner_for(op).step(op.op_id)


@contextmanager
def machine_simulator(machine: type[SimulatorMachine], seed: int) -> Iterator[Simulator]:
    """One simulator for every example of ``machine`` (no rate limit: the machine makes many
    requests)."""
    sim = Simulator(seed=seed, rate_limit_per_minute=10**9)
    sim.start()
    machine.sim = sim
    try:
        yield sim
    finally:
        machine.sim = None
        sim.stop()
