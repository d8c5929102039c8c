"""GUI tests: pytest-qt, offscreen, one session QApplication, the real simulator on loopback.

Unexpected Qt warnings fail a test (``qt_log_level_fail`` in pyproject.toml). Every window a
test opens is shut down at teardown, which stops its workers and the background resumer.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Callable, Iterator  # noqa: E402

import pytest  # noqa: E402
from guihelp import CASHIER, SUPERVISOR, SUPERVISOR_PIN  # noqa: E402

from posrev.simulator import DEMO_APP_CODE, DEMO_CLIENT_KEY, seed_demo_data  # noqa: E402


@pytest.fixture
def gui_home(tmp_path, monkeypatch) -> str:
    """A portable home; no credentials unless a test asks for them."""
    home = tmp_path / "home"
    for name in list(os.environ):
        if name.startswith("POSREV_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("POSREV_HOME", str(home))
    return str(home)


@pytest.fixture
def credentials(gui_home, monkeypatch) -> None:
    monkeypatch.setenv("POSREV_APP_CODE", DEMO_APP_CODE)
    monkeypatch.setenv("POSREV_CLIENT_KEY", DEMO_CLIENT_KEY)


@pytest.fixture
def demo_orders(simulator) -> dict[str, str]:
    return seed_demo_data(simulator)


@pytest.fixture
def open_window(qtbot, qapp) -> Iterator[Callable[..., object]]:
    """Opens cashier windows with ``create_main_window(argv)``; shuts each down at teardown
    and puts the application back into English."""
    from posrev.gui import create_main_window
    from posrev.gui.i18n import Languages

    windows = []

    def factory(*argv: str, show: bool = True):  # type: ignore[no-untyped-def]
        window = create_main_window(list(argv))
        windows.append(window)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    try:
        yield factory
    finally:
        for window in windows:
            window.shutdown()
            assert window.tasks.closed
        Languages.for_app(qapp).apply("en")


@pytest.fixture
def window(open_window, simulator, credentials, demo_orders):  # type: ignore[no-untyped-def]
    """The cashier window on the simulator, cashier C001 signed in, demo orders created."""
    return open_window("--base-url", simulator.base_url, "--cashier", CASHIER)


@pytest.fixture
def supervisor(window):  # type: ignore[no-untyped-def]
    window.app.supervisors.add_first(SUPERVISOR, "Sam Supervisor", SUPERVISOR_PIN)
    return SUPERVISOR


def pytest_runtest_teardown(item, nextitem):  # type: ignore[no-untyped-def]
    """Leaving the GUI tests: Python's automatic garbage collection again (the window keeps
    it on the GUI thread, posrev.gui.tasks.GuiGarbageCollector, while it may have windows)."""
    from pathlib import Path

    if nextitem is None or Path(nextitem.path).parent != Path(__file__).parent:
        from posrev.gui.tasks import stop_collecting_garbage

        stop_collecting_garbage()
