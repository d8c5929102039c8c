"""posrev: void unfinished QR-wallet payments through the QFPay gateway.

Layers (only ``posrev.gui`` imports Qt; ``tests/unit/test_layering.py`` proves it):

- ``posrev.gateway``   signed HTTP client for the QFPay Open API, respcd table, environments
- ``posrev.domain``    lookup, eligibility (verdicts), the void operation state machine
- ``posrev.journal``   durable SQLite journal of operations, events and audit records
- ``posrev.supervisors`` supervisor accounts, PIN hashes, approvals
- ``posrev.credentials`` app code / client key in the OS keyring
- ``posrev.simulator`` the QFPay gateway simulator (real HTTP on 127.0.0.1)
- ``posrev.cli``       the command line; ``posrev.gui`` the PySide6 window
"""

__version__ = "0.1.0"
