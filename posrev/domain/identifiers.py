"""What a person types besides a transaction number: one rule, used by the CLI, the core
(``posrev.app.App``) and the window alike, and the escaping of what posrev prints back.

- A **profile** name becomes part of file names (journal, credentials), so it is a plain
  word: ``[A-Za-z0-9][A-Za-z0-9_-]{0,31}`` (starting with a letter or digit, so it cannot
  pass for an option). It is checked before any path or keyring name is built.
- An **identifier** (cashier ID, supervisor ID, terminal udid, store name) is printable text
  of bounded length: no control or format characters (no newline, no ANSI escape, no bidi
  override), surrounding spaces dropped, never empty.
- **Free text** (a reason, a note) is cleaned rather than refused: control characters become
  spaces, runs of spaces shrink to one, and it is cut at a bound.
- What is printed to a terminal or written to CSV is escaped (``escape_controls``,
  ``csv_cell``), so text that reached the journal some other way (an old journal, a gateway
  message) cannot forge lines, move the cursor, or run as a spreadsheet formula.
"""

from __future__ import annotations

import re
from typing import Any

from posrev.errors import InputError

PROFILE_MAX = 32
_PROFILE = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_-]{{0,{PROFILE_MAX - 1}}}")
IDENTIFIER_MAX = 32
UDID_MAX = 40
STORE_NAME_MAX = 60  # printed at the top of the void slip
TEXT_MAX = 200  # a reason, a note


def check_profile(name: str) -> str:
    """The profile name, or InputError (exit 2) before any file name is made from it."""
    if not isinstance(name, str) or not _PROFILE.fullmatch(name):
        raise InputError(f"A profile name has 1 to {PROFILE_MAX} letters, digits, '_' or '-', "
                         "starting with a letter or digit.")
    return name


def check_identifier(value: str | None, what: str = "cashier ID",
                     limit: int = IDENTIFIER_MAX) -> str:
    """``value`` without surrounding spaces, or InputError naming ``what``.

    The value itself is not repeated in the error: it may hold the control characters this
    rule refuses."""
    text = (value or "").strip(" ")  # a tab or a line break at either end is refused too
    if not text:
        raise InputError(f"A {what} is required.")
    if not text.isprintable():
        raise InputError(f"A {what} has printable characters only (no line breaks, tabs or "
                         "control characters).")
    if len(text) > limit:
        raise InputError(f"A {what} has at most {limit} characters.")
    return text


def clean_text(text: str | None, limit: int = TEXT_MAX) -> str:
    """One line of printable text: every non-printable character (CR/LF, ESC, bidi
    overrides…) becomes a space, spaces are collapsed, and the result is cut at ``limit``."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(cleaned.split())[:limit].rstrip()


def escape_controls(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control or format character (ESC, CR, DEL, C1 such as CSI, bidi
    overrides…) written as a ``\\uXXXX`` escape, so nothing in it can act on a terminal or
    forge a line. The same escape is valid inside a JSON string and reads back as the same
    character, so a JSON line stays valid and exact. Newlines posrev itself writes between
    lines are kept when ``keep_newlines``."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " " or (keep_newlines and ch == "\n"):
            out.append(ch)
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:  # a surrogate pair, as JSON spells a character beyond the BMP
            code = ord(ch) - 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
    return "".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: control characters escaped, and a cell that
    starts with ``= + - @``, a tab or a line break (a formula, OWASP "CSV injection") gets a
    leading ``'``. Numbers are left as numbers."""
    if not isinstance(value, str):
        return value
    if value[:1] in _FORMULA_START:
        value = "'" + value
    return escape_controls(value, keep_newlines=False)
