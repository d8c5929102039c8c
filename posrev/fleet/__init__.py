"""The fleet: every terminal's journal shipped to one PostgreSQL database of the chain.

Each terminal's SQLite journal stays the source of truth; nothing here is on a void's path.

- ``settings``: the ``[fleet]`` settings, the password (keyring, or libpq's own
  ``PGPASSWORD``/``PGPASSFILE``) and the connection string.
- ``schema``: the central schema and its versioned migrations (``posrev fleet init``).
- ``shipper``: the outbox shipper (journal ``events`` by id → the central database).
- ``views``: head-office report and pending lists.
- ``takeover``: moving a dead till's live operation to another terminal of the store.
- ``link``: what the application holds (one shipper, the hand-over check).

docs/DESIGN.md ("Fleet") explains the guarantees.
"""

from __future__ import annotations

from posrev.errors import PosrevError


class FleetError(PosrevError):
    """The fleet database is not configured, cannot be reached or refused (CLI exit 4)."""

    exit_code = 4


class TakeOverRefused(PosrevError):
    """A take-over is not allowed (the owner is alive, the operation is final…) (exit 1)."""

    exit_code = 1
