"""The house rules that import-linter cannot see (its contracts: pyproject.toml).

* No import cycle between modules, counting the imports inside functions too: they hid
  three cycles once, which only worked because of the order modules happened to load in.
* An import inside a function says why it is there (a comment on it or just above it,
  or a ``# Lazy imports:`` line in its module): mostly a heavy module kept off the start.
* ``ui/`` runs no SQL: every query is a core function with tests that need no window.
"""

from __future__ import annotations

import ast
import re
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


# --- ui/ runs no SQL ----------------------------------------------------------------------

# What runs a query on a peewee model or database, or opens a transaction.
QUERY_METHODS = frozenset({
    "select", "get", "get_or_none", "get_by_id", "get_or_create", "live", "raw",
    "insert", "insert_many", "insert_from", "replace", "replace_many", "bulk_create",
    "bulk_update", "update", "delete", "delete_by_id", "create", "execute_sql",
    "connection", "cursor", "atomic", "transaction", "savepoint",
})
# Names that run SQL whatever they are called on (DB-API and peewee).
SQL_CALLS = frozenset({"execute_sql", "execute", "executemany", "executescript",
                       "delete_instance"})
SQL_TEXT = re.compile(
    r"\b(SELECT\b.*\bFROM|INSERT\s+(OR\s+[A-Z]+\s+)?INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM"
    r"|REPLACE\s+INTO|PRAGMA\s+[a-z_]+|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)"
    r"|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE)\b", re.DOTALL)


def _dotted(node: ast.expr) -> set[str]:
    """The leading dotted names of ``a.b.c`` ({"a", "a.b", "a.b.c"}); none for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return set()
    parts.append(node.id)
    parts.reverse()
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) for each place in ``source`` that runs SQL or holds SQL text."""
    tree = ast.parse(source)
    models = {"swdesk.model"}  # what names the core's models and database proxy
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("swdesk.model"):
            models.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            models.update(alias.asname for alias in node.names
                          if alias.name.startswith("swdesk.model") and alias.asname)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in SQL_CALLS or (name in QUERY_METHODS and _dotted(node.func.value) & models):
                found.append((node.lineno, f".{name}()"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL_TEXT.search(node.value):
            found.append((node.lineno, repr(node.value[:60])))
    return sorted(found)


def test_ui_runs_no_sql() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}: {what}" for path, source in _sources("ui")
             for line, what in sql_in(source)]
    assert not found, ("SQL in ui/ (make it a core function with its own test):\n  "
                       + "\n  ".join(found))


def test_sql_in_the_window_is_found() -> None:
    source = (
        "from swdesk.model import User, database\n"
        "import swdesk.model\n"
        "def f(name, row, painter, text):\n"
        "    me = User.get_or_none(User.username == name)\n"
        "    database.execute_sql('VACUUM')\n"
        "    n = swdesk.model.Client.select().count()\n"
        "    with database.atomic():\n"
        "        row.delete_instance()\n"
        "    sql = 'SELECT id FROM client WHERE name = ?'\n"
        "    painter.save(); text.replace('a', 'b'); User._meta.table_name\n"
        "    return '请选择要删除的记录', 'Delete the selected rows?', 'Select from the list'\n")
    assert [line for line, _what in sql_in(source)] == [4, 5, 6, 7, 8, 9]
