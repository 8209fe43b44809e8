"""House rules about imports.

* No import cycle between modules, counting the imports inside functions too: they hid
  three cycles once, which only worked because of the order modules happened to load in.
* An import inside a function says why it is there (a comment on it or just above it,
  or a ``# Lazy imports:`` line in its module): mostly a heavy module kept off the start.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
LAZY_MARK = "# Lazy imports:"


def _sources(package: str) -> Iterator[tuple[Path, str]]:
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:  # frozen scripts run by the migration runner
            yield path, path.read_text(encoding="utf-8")


# --- no import cycles ---------------------------------------------------------------------


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(
                        child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def _describe(graph: grimp.ImportGraph, group: list[str]) -> str:
    lines = []
    for importer in group:
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported in group:
                for found in graph.get_import_details(importer=importer, imported=imported):
                    lines.append(f"  {importer}:{found['line_number']} imports {imported}: "
                                 f"{found['line_contents']}")
    return "\n".join(lines)


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("swdesk", "ui", cache_dir=None)
    cycles = import_cycles(graph)
    assert not cycles, (
        "import cycles (move what both sides need into a module below them both):\n"
        + "\n".join(_describe(graph, group) for group in cycles))


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    graph = grimp.ImportGraph()
    for module in ("p", "p.a", "p.b", "p.c", "p.d"):
        graph.add_module(module)
    graph.add_import(importer="p.a", imported="p.b", line_number=1, line_contents="import p.b")
    graph.add_import(importer="p.b", imported="p.c", line_number=1, line_contents="import p.c")
    graph.add_import(importer="p.c", imported="p.a", line_number=9, line_contents="import p.a")
    graph.add_import(importer="p.d", imported="p.a", line_number=1, line_contents="import p.a")
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"]]


# --- imports inside functions say why -----------------------------------------------------


def unexplained_function_imports(source: str) -> list[int]:
    """Line numbers of imports inside functions with no comment saying why."""
    if any(line.startswith(LAZY_MARK) for line in source.splitlines()):
        return []
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            end = node.end_lineno or node.lineno
            said = any("#" in lines[i - 1] for i in range(node.lineno, end + 1))
            above = node.lineno - 1  # the block of imports and comments just above
            while not said and above >= 1 and lines[above - 1].strip().startswith(
                    ("#", "from ", "import ", ")")):
                said = lines[above - 1].strip().startswith("#")
                above -= 1
            if not said:
                found.append(node.lineno)
    return sorted(set(found))


def test_imports_inside_functions_say_why() -> None:
    unexplained = [f"{path.relative_to(ROOT)}:{line}" for path, source in _sources("swdesk")
                   for line in unexplained_function_imports(source)]
    assert not unexplained, (
        "imports inside functions with no comment saying why (a cycle is no reason: move "
        "the shared part lower; a heavy import kept off the start is):\n  "
        + "\n  ".join(unexplained))


def test_an_unexplained_function_import_is_found() -> None:
    source = (
        "def f():\n"
        "    from a import b\n"
        "\n"
        "def g():\n"
        "    # openpyxl is slow to import\n"
        "    from a import c\n"
        "    from a import d\n"
        "    import e  # (optional driver)\n")
    assert unexplained_function_imports(source) == [2]
    assert unexplained_function_imports(f"{LAZY_MARK} commands load on use\n" + source) == []
