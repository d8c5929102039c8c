"""The module graph of ``posrev``, read with ``ast`` (tests/import_graph.py): no cycle
between modules, and nothing under ``posrev.store`` or ``posrev.model`` imports upward
(docs/DESIGN.md, the layers).

Every import counts, a deferred one inside a function too (it still ties the two modules
together), except under ``if TYPE_CHECKING:`` (never run). ``from pkg import sub`` is an edge
to the submodule ``pkg.sub``; ``from pkg import name`` an edge to ``pkg``.
"""

from __future__ import annotations

import ast

from import_graph import cycles, graph, inside, modules

# What the bottom layers may import besides themselves (and the standard library).
BOTTOM = ("posrev.store", "posrev.model")
# (``posrev.messages`` holds the sentences and the ``Text`` value a verdict or an operation
# carries: a leaf, like the others.)
BOTTOM_MAY_IMPORT = {"posrev", "posrev.errors", "posrev.money", "posrev.clock",
                     "posrev.messages"}
# What domain/ (pure rules and runners) must never import: I/O, the journal, the client.
DOMAIN_MUST_NOT = ("posrev.journal", "posrev.gateway.client", "posrev.config",
                   "posrev.supervisors", "posrev.credentials", "posrev.store", "posrev.app",
                   "requests", "sqlite3", "keyring", "PySide6")
# Known cycles, to be gone (each with the reason it is still here): none left.
KNOWN_CYCLES: list[set[str]] = []


def test_the_graph_is_read():
    edges = graph()
    assert "posrev.model.transaction" in edges["posrev.domain.eligibility"]
    assert "posrev.gateway.codes" in edges["posrev.gateway.client"]  # from pkg import sub
    assert "posrev.app" in edges["posrev.gui.pending"]  # from pkg import name
    assert "posrev.gui.main_window" in edges["posrev.gui"]  # deferred, inside a function


def test_there_is_no_import_cycle():
    found = [c for c in cycles(graph()) if c not in KNOWN_CYCLES]
    assert found == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_store_and_model_import_nothing_above_them():
    upward = {(m, t) for m, targets in graph().items() if inside(m, BOTTOM)
              for t in targets if t.startswith("posrev")
              and not inside(t, BOTTOM) and t not in BOTTOM_MAY_IMPORT}
    assert upward == set()


def test_what_the_bottom_may_import_is_itself_a_leaf():
    leaves = BOTTOM_MAY_IMPORT - {"posrev"}
    reached = {(m, t) for m in leaves for t in graph()[m]
               if t.startswith("posrev") and t not in BOTTOM_MAY_IMPORT}
    assert reached == set()


def test_domain_does_no_io():
    reached = {(m, t) for m, targets in graph().items() if inside(m, ("posrev.domain",))
               for t in targets if inside(t, DOMAIN_MUST_NOT)}
    assert reached == set()


FRONT_ENDS = ("posrev.gui", "posrev.cli", "posrev.fleet.cli")
APP_INSIDES = {"journal", "supervisors", "runner", "refund_runner"}


def test_front_ends_go_through_the_app_not_its_stores():
    """The window and the command line call ``App`` (where approvals are consumed and
    audited, docs/DESIGN.md): never ``app.journal``, ``app.supervisors`` or a runner."""
    reaches = []
    for name, path in modules().items():
        if not inside(name, FRONT_ENDS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in APP_INSIDES
                    and ((isinstance(node.value, ast.Name) and node.value.id == "app")
                         or (isinstance(node.value, ast.Attribute)
                             and node.value.attr == "app"))):
                reaches.append(f"{name}:{node.lineno} .{node.attr}")
    assert reaches == []
