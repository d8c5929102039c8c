"""Typed errors of the core. The edges (CLI, GUI) turn each into one clear sentence."""

from __future__ import annotations

from pathlib import Path

from posrev.messages import Text, english


class PosrevError(Exception):
    """Base class; ``str(err)`` is a sentence fit for a cashier or an IT admin. Given a
    :class:`Text`, the error keeps it as ``text`` (the window translates it) and its
    ``str()`` is the English."""

    exit_code = 1

    def __init__(self, message: str | Text = "", *args: object) -> None:
        if isinstance(message, Text):
            self.text = message
            message = english(message)
        super().__init__(message, *args)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Copied or pickled as it is (its sentence, its code and parameters), without calling
        # a constructor whose arguments are not the message ``args`` holds.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[PosrevError], args: tuple[object, ...],
             state: dict[str, object]) -> PosrevError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InputError(PosrevError):
    """The cashier's or the caller's input is malformed (CLI exit 2)."""

    exit_code = 2


class ConfigError(PosrevError):
    """A configuration file or value is wrong (CLI exit 4)."""

    exit_code = 4

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        where = []
        if path:
            where.append(str(path))
        if line:
            where.append(f"line {line}")
        if key:
            where.append(f"key '{key}'")
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(full)
        self.path, self.line, self.key = path, line, key


class CredentialsError(PosrevError):
    """No credentials, or the gateway rejected them (CLI exit 4). ``code`` names a keyring
    failure for the edges to word in the user's language: ``no_keyring``, ``locked``,
    ``refused``, ``unavailable``; or a malformed secret: ``secret_length`` and
    ``secret_character`` (``params``: what, min, max, length or position); empty otherwise."""

    exit_code = 4

    def __init__(self, message: str | Text, *, code: str = "",
                 params: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}


class SupervisorError(PosrevError):
    """Supervisor approval is required, or was refused (CLI exit 5)."""

    exit_code = 5


class JournalError(PosrevError):
    """The journal (or the supervisor file) cannot be opened or written (CLI exit 4)."""

    exit_code = 4


class Conflict(JournalError):
    """Someone else changed the operation first (another window or process)."""


class JournalWriteError(JournalError):
    """A write was refused by the environment (or the file is damaged); nothing was written.
    It says nothing about the gateway: callers add what is true of their request."""

    def __init__(self, reason: str | Text, *, full: bool, damaged: bool = False) -> None:
        super().__init__(f"The journal could not be written because {reason}.")
        self.reason = reason  # a phrase of posrev/messages.py where the store knows the cause
        self.full = full
        self.damaged = damaged


class JournalVanished(JournalError):
    """The journal file was deleted or replaced while this process had it open."""

    def __init__(self, path: Path, saved_to: Path | None, carried: int) -> None:
        super().__init__(Text("journal.vanished", {
            "path": str(path),
            "saved": Text("journal.vanished_saved", {"saved": str(saved_to)}) if saved_to
            else "",
            "carried": Text("journal.vanished_carried", {"count": carried}) if carried
            else ""}))
        self.path = path
        self.saved_to = saved_to
        self.carried = carried
