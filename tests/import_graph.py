"""The module graph of ``posrev``, read with ``ast`` (no module is imported): the one walker
behind the layering tests (tests/unit/test_import_graph.py) and the GUI package's own rules
(tests/gui/test_gui_layout.py).

Every import counts, a deferred one inside a function too (it still ties the two modules
together). One under ``if TYPE_CHECKING:`` (never run) counts only when asked
(``type_checking=True``). ``from pkg import sub`` is an edge to the submodule ``pkg.sub``;
``from pkg import name`` an edge to ``pkg``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import posrev

ROOT = Path(posrev.__file__).parent


def modules() -> dict[str, Path]:
    """Every module of ``posrev`` (a package by its own name), and its file."""
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


def imports(tree: ast.Module, *,
            type_checking: bool = False) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module, anywhere in it; those under ``if TYPE_CHECKING:``
    only with ``type_checking``."""
    out: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if not type_checking and isinstance(child, ast.If) and _is_type_checking(child):
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


def graph(*, type_checking: bool = False) -> dict[str, set[str]]:
    """Each module of ``posrev`` and the modules it imports (``posrev``'s and others')."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in imports(tree, type_checking=type_checking):
            targets |= _imported(module, path.name == "__init__.py", node, known)
        targets.discard(module)
        edges[module] = targets
    return edges


def within(edges: dict[str, set[str]], package: str) -> dict[str, set[str]]:
    """The modules directly in ``package`` (not the package itself), by their short name,
    and which of the package's other modules each imports."""
    prefix = package + "."

    def short(name: str) -> str:
        return name[len(prefix):].split(".")[0]

    return {short(m): {short(t) for t in targets if t.startswith(prefix)} - {short(m)}
            for m, targets in edges.items()
            if m.startswith(prefix) and "." not in m[len(prefix):]}


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


def inside(module: str, prefixes: tuple[str, ...]) -> bool:
    """``module`` is one of ``prefixes`` or below one of them."""
    return any(module == p or module.startswith(p + ".") for p in prefixes)
