"""Pure values at the bottom of the import graph: transactions, operations, verdicts and
approvals. Imports only the standard library, ``posrev.errors``, ``posrev.money`` and
``posrev.clock`` (docs/DESIGN.md, the layers)."""
