"""Settings changes need a supervisor, in the core (DESIGN.md §4), except the first run."""

import pytest

from posrev.app import App, AppOptions
from posrev.errors import ConfigError, SupervisorError


@pytest.fixture
def bare_app(tmp_path, simulator, clock, memory_keyring):
    env = {"POSREV_HOME": str(tmp_path / "home")}  # no credentials anywhere yet
    app = App.open(AppOptions(base_url=simulator.base_url), clock=clock, environ=env)
    yield app
    app.close()


def test_first_run_then_every_change_needs_an_approval(bare_app):
    app = bare_app
    app.apply_settings({"terminal": {"udid": "TILL-1"}}, app_code="A" * 32,
                       client_key="B" * 32)
    assert app.has_credentials()
    with pytest.raises(SupervisorError):
        app.apply_settings({"gateway": {"env": "live"}})
    app.supervisors.add_first("S1", "Sam", "135790")
    approval = app.supervisors.approve("S1", "135790", requester="C1", action="settings",
                                       target=app.profile, reason="New gateway")
    app.apply_settings({"gateway": {"env": "live"}}, approval=approval, requester="C1")
    assert 'env = "live"' in app.paths.config_file.read_text()
    with pytest.raises(SupervisorError):  # single use
        app.apply_settings({"gateway": {"env": "test"}}, approval=approval, requester="C1")
    changed = app.journal.events(kind_prefix="settings.changed")
    assert [e["detail"]["approver"] for e in changed] == ["", "S1"]


def test_a_change_that_would_break_the_next_start_is_rolled_back(bare_app):
    app = bare_app
    app.apply_settings({"gateway": {"env": "test"}})
    before = app.paths.config_file.read_bytes()
    app.supervisors.add_first("S1", "Sam", "135790")
    approval = app.supervisors.approve("S1", "135790", requester="C1", action="settings",
                                       target=app.profile, reason="Region")
    with pytest.raises(ConfigError):  # no test gateway is known in Japan
        app.apply_settings({"gateway": {"region": "jp"}}, approval=approval, requester="C1")
    assert app.paths.config_file.read_bytes() == before
