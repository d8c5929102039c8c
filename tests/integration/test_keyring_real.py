"""The credentials against a real Secret Service (gnome-keyring over D-Bus), not a test double.

Run them inside a throw-away keyring session:

    bash .ci/keyring-session.sh python -m pytest -m keyring -v

Outside such a session (no D-Bus, no Secret Service, a locked keyring) the round-trip tests
skip and say why; the locked-keyring test starts its own private session when the tools are
installed (apt gnome-keyring dbus-x11).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring_fixtures import secret_service_reason as _secret_service_reason

from posrev.credentials import Credentials, CredentialStore

pytestmark = pytest.mark.keyring

ROOT = Path(__file__).resolve().parents[2]
SESSION = ROOT / ".ci" / "keyring-session.sh"
APP = "5EC2A1B2C3D4E5F60718293A4B5C6D7E"
KEY = "7E57C0DEC1E47K3Y0123456789ABCDEF"


@pytest.fixture
def real_store() -> Iterator[CredentialStore]:
    """A CredentialStore on a throw-away profile of the real Secret Service, emptied after."""
    reason = _secret_service_reason()
    if reason:
        pytest.skip(reason)
    store = CredentialStore(f"test-{uuid.uuid4().hex[:12]}", env={})
    try:
        yield store
    finally:
        store.delete()


def test_round_trip_through_the_secret_service(real_store: CredentialStore) -> None:
    assert real_store.load() is None
    saved = real_store.save(APP, KEY)
    assert saved == Credentials(APP, KEY, "", source="keyring")
    assert real_store.load() == saved
    # Stored under the documented names, so an admin's keyring tool finds them.
    assert keyring.get_password(real_store.service, "app_code") == APP
    assert keyring.get_password(real_store.service, "client_key") == KEY
    assert real_store.delete() is True
    assert real_store.load() is None
    assert keyring.get_password(real_store.service, "client_key") is None
    assert real_store.delete() is False


def test_the_secret_is_an_item_of_the_secret_service(real_store: CredentialStore) -> None:
    """Read back through SecretStorage itself, not through keyring: the item is really there
    (and only one, even after saving twice)."""
    secretstorage = pytest.importorskip("secretstorage")
    real_store.save(APP, "0" * 32)
    real_store.save(APP, KEY)
    connection = secretstorage.dbus_init()
    try:
        items = list(secretstorage.search_items(
            connection, {"service": real_store.service, "username": "client_key"}))
        assert len(items) == 1
        assert items[0].get_secret() == KEY.encode()
    finally:
        connection.close()


_LOCKED_SCRIPT = textwrap.dedent("""
    import sys
    import secretstorage
    from posrev.credentials import CredentialStore
    from posrev.errors import CredentialsError

    store = CredentialStore("locked-test", env={})
    store.save(sys.argv[1], sys.argv[2])
    connection = secretstorage.dbus_init()
    secretstorage.get_default_collection(connection).lock()
    try:
        store.load()
    except CredentialsError as exc:
        print(exc)
        sys.exit(0)
    print("load() did not fail on a locked keyring")
    sys.exit(1)
""")


def test_a_locked_keyring_is_one_clear_sentence() -> None:
    """In a private session of its own (the shared one must stay unlocked): lock the login
    collection, then load. No desktop is there to prompt, so keyring reports it locked."""
    missing = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon")
               if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt gnome-keyring dbus-x11)")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(["sh", str(SESSION), sys.executable, "-c", _LOCKED_SCRIPT, APP,
                             KEY], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the session, its bus and its keyring daemon
        proc.communicate()
        pytest.fail("the locked-keyring session did not finish within 60 s")
    assert proc.returncode == 0, (out, err)
    message = out.strip()
    assert "is locked" in message and "unlock it" in message, message
    assert "Traceback" not in out + err
    for secret in (APP, KEY):
        assert secret not in out + err
