"""Demo mode (``posrev --demo``): the embedded simulator with demo orders and demo
credentials, and a journal of its own, so nothing real is touched.

The simulator's orders persist in the demo folder, so a void made by one ``posrev --demo``
command is seen by the next. A demo older than ``FRESH_FOR`` starts afresh (its orders are
timed relative to when they were made, and would all become too old to void).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from posrev.clock import Clock
from posrev.credentials import Credentials

FRESH_FOR = 6 * 3600  # seconds


def start_demo(demo_dir: Path, clock: Clock):  # type: ignore[no-untyped-def]
    from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, Simulator, seed_demo_data

    state = demo_dir / "simulator.json"
    if state.exists() and time.time() - state.stat().st_mtime > FRESH_FOR:
        shutil.rmtree(demo_dir, ignore_errors=True)
    demo_dir.mkdir(parents=True, exist_ok=True)
    fresh = not state.exists()
    sim = Simulator(seed=0, state_file=str(state))
    sim.start(host="127.0.0.1", port=0)
    if fresh:
        seed_demo_data(sim)
    return sim, Credentials(DEMO_APP_CODE, DEMO_CLIENT_KEY, source="demo")
