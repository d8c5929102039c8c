"""Keyring backends for tests: one in memory, one that fails the way real keyrings fail.

Import the fixtures into a test module (``from keyring_fixtures import memory_keyring``);
each installs its backend with ``keyring.set_keyring`` and puts the previous one back, so no
test touches the developer's real keyring and no test leaks its backend into the next.

Both classes say ``viable = False``: keyring registers every ``KeyringBackend`` subclass, and a
viable one could otherwise be picked (or chained) by keyring's own backend detection later
in the same process, for example by ``tests/integration/test_keyring_real.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict: ``{(service, username): password}``."""

    priority = 1
    viable = False  # never chosen by keyring's detection; only set explicitly

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.items[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("No such password!") from None


class FailingKeyring(MemoryKeyring):
    """Raises ``error`` on the operations named in ``fail_on`` ("get", "set", "delete"); the
    others work in memory. ``writes_before_failure`` lets that many writes succeed first."""

    def __init__(self, error: Exception, *, fail_on: Collection[str] = ("get", "set", "delete"),
                 writes_before_failure: int = 0) -> None:
        super().__init__()
        self.error = error
        self.fail_on = frozenset(fail_on)
        self.writes_before_failure = writes_before_failure

    def get_password(self, service: str, username: str) -> str | None:
        if "get" in self.fail_on:
            raise self.error
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if "set" in self.fail_on and self.writes_before_failure <= 0:
            raise self.error
        self.writes_before_failure -= 1
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        if "delete" in self.fail_on:
            raise self.error
        super().delete_password(service, username)


@pytest.fixture
def use_keyring() -> Iterator[Callable[[keyring.backend.KeyringBackend], None]]:
    """A function that installs any backend for the rest of the test."""
    previous = keyring.get_keyring()
    try:
        yield keyring.set_keyring
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty in-memory keyring, installed for this test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def secret_service_reason() -> str | None:
    """Why the real round trip cannot run here, or None when it can."""
    try:
        from keyring.backends import SecretService
    except ImportError as exc:  # pragma: no cover - keyring always ships it
        return f"keyring has no SecretService backend ({exc})"
    backend = keyring.get_keyring()
    if not isinstance(backend, SecretService.Keyring):
        return (f"the keyring backend is {backend}, not Secret Service; run under "
                ".ci/keyring-session.sh")
    probe = f"posrev/probe-{uuid.uuid4().hex[:8]}"
    try:
        keyring.set_password(probe, "probe", "probe-value")
        usable = keyring.get_password(probe, "probe") == "probe-value"
        keyring.delete_password(probe, "probe")
    except Exception as exc:
        return f"the Secret Service is not usable ({type(exc).__name__}: {exc})"
    return None if usable else "the Secret Service did not return what was stored"
