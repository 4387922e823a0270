"""Feature packages do not import each other in a circle.

Each subpackage of `stopform` (and each top-level module such as `db` or `config`) is a node;
an import anywhere in one of its modules, at the top or inside a function, is an edge. Imports
made only for type checking (under `if TYPE_CHECKING:`) are left out: they never run. The app
factory (`stopform/__init__.py`) imports every feature by design and is no node.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "stopform"


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported_modules(tree: ast.AST, module: tuple[str, ...], is_package: bool):
    """Absolute dotted names imported by a module's tree, type-checking blocks skipped."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if _is_type_checking_block(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(module if is_package else module[:-1])
            if node.level:
                base = base[:len(base) - (node.level - 1)]
                yield ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                yield node.module or ""
        pending.extend(ast.iter_child_nodes(node))


def _node_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    if parts[0] != "stopform" or len(parts) < 2:
        return None
    return parts[1]


def package_graph() -> dict[str, set[str]]:
    """Feature -> the features its modules import."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = tuple(relative.parts)
        is_package = module[-1] == "__init__"
        if is_package:
            module = module[:-1]
        if len(module) < 2:
            continue  # the app factory
        source = _node_of(".".join(module))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for dotted in _imported_modules(tree, module, is_package):
            target = _node_of(dotted)
            if target and target != source:
                graph.setdefault(source, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_feature_packages():
    graph = package_graph()
    assert graph, "no imports found: the package path is wrong"
    problems = cycles(graph)
    detail = "; ".join(
        " <-> ".join(group) + " (" + ", ".join(f"{a}->{b}" for a in group for b in sorted(graph[a]) if b in group) + ")"
        for group in problems)
    assert not problems, f"import cycles between packages: {detail}"


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
