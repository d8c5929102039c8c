"""Every screen opened from the cashier window, in one place: the pending list, the
journal, settings, setup, the slip. Each is a module of its own that takes the
:class:`~posrev.gui.session.Session`; a new screen is one more module and one more method
here (and a button or shortcut in ``main_window``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posrev.app import Operation
    from posrev.gui.fleet import FleetHook
    from posrev.gui.parts import NavBar
    from posrev.gui.session import Session


class Screens:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.fleet_hook: FleetHook | None = None
        session.setup_requested.connect(self.run_setup)
        session.settings_requested.connect(self.open_settings)

    def attach_fleet(self, nav: NavBar) -> None:
        """A chain's terminal: the fleet's status and its window's button in ``nav``."""
        if self.fleet_hook is not None:  # a re-opened core: the old hook watched the old one
            self.fleet_hook.dispose()
            self.fleet_hook = None
        app = self.session.app
        if app is not None and app.settings.database_url:
            from posrev.gui.fleet import attach_fleet

            self.fleet_hook = attach_fleet(self.session)
            if self.fleet_hook is not None:
                nav.add_fleet(self.fleet_hook.status, self.fleet_hook.button)

    def retranslate(self) -> None:
        if self.fleet_hook is not None:
            self.fleet_hook.retranslate()

    def open_pending(self) -> None:
        if self.session.app is not None:
            from posrev.gui.pending import PendingWindow

            self.session.show_window("pending", lambda: PendingWindow(self.session))

    def open_journal(self) -> None:
        if self.session.app is not None:
            from posrev.gui.journal_view import JournalWindow

            self.session.show_window("journal", lambda: JournalWindow(self.session))

    def open_settings(self) -> None:
        if self.session.app is not None:
            from posrev.gui.settings import open_settings

            open_settings(self.session)

    def run_setup(self) -> None:
        """"Set up this terminal": whatever is still missing (credentials, supervisor)."""
        from posrev.gui.setup import run_setup

        run_setup(self.session)

    def check_first_run(self) -> None:
        """Outside the demo: offer setup while something is missing (the wizard at once on
        a fresh terminal)."""
        app = self.session.app
        if app is not None and not app.demo:
            from posrev.gui.setup import check_first_run

            check_first_run(self.session)

    def print_slip(self, op: Operation | None) -> None:
        if op is not None:
            from posrev.gui.slip import print_slip

            print_slip(self.session, op)
