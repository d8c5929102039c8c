"""The module graph of ``posrev``, read with ``ast``: no cycle between modules, and nothing
under ``posrev.store`` or ``posrev.model`` imports upward (docs/DESIGN.md, the layers).

Every import counts, a deferred one inside a function too (it still ties the two modules
together), except under ``if TYPE_CHECKING:`` (never run). ``from pkg import sub`` is an edge
to the submodule ``pkg.sub``; ``from pkg import name`` an edge to ``pkg``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import posrev

ROOT = Path(posrev.__file__).parent
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


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    out: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    walk(other)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                out.append(child)
            walk(child)

    walk(tree)
    return out


def _imported(module: str, is_package: bool, node: ast.Import | ast.ImportFrom,
              known: dict[str, Path]) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join(package + ([base] if base else []))
    out = set()
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.add(sub if sub in known else base)
    return out


def graph() -> dict[str, set[str]]:
    known = _modules()
    edges: dict[str, set[str]] = {}
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in _imports(tree):
            targets |= _imported(module, path.name == "__init__.py", node, known)
        targets.discard(module)
        edges[module] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _inside(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


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
    upward = {(m, t) for m, targets in graph().items() if _inside(m, BOTTOM)
              for t in targets if t.startswith("posrev")
              and not _inside(t, BOTTOM) and t not in BOTTOM_MAY_IMPORT}
    assert upward == set()


def test_what_the_bottom_may_import_is_itself_a_leaf():
    leaves = BOTTOM_MAY_IMPORT - {"posrev"}
    reached = {(m, t) for m in leaves for t in graph()[m]
               if t.startswith("posrev") and t not in BOTTOM_MAY_IMPORT}
    assert reached == set()


def test_domain_does_no_io():
    reached = {(m, t) for m, targets in graph().items() if _inside(m, ("posrev.domain",))
               for t in targets if _inside(t, DOMAIN_MUST_NOT)}
    assert reached == set()


FRONT_ENDS = ("posrev.gui", "posrev.cli", "posrev.fleet.cli")
APP_INSIDES = {"journal", "supervisors", "runner", "refund_runner"}


def test_front_ends_go_through_the_app_not_its_stores():
    """The window and the command line call ``App`` (where approvals are consumed and
    audited, docs/DESIGN.md): never ``app.journal``, ``app.supervisors`` or a runner."""
    reaches = []
    for name, path in _modules().items():
        if not _inside(name, FRONT_ENDS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr in APP_INSIDES
                    and ((isinstance(node.value, ast.Name) and node.value.id == "app")
                         or (isinstance(node.value, ast.Attribute)
                             and node.value.attr == "app"))):
                reaches.append(f"{name}:{node.lineno} .{node.attr}")
    assert reaches == []
