"""The model layer is typed: what peewee adds is declared, and mypy sees a misspelt column."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import peewee as pw

from swdesk.city import models as city
from swdesk.model import ALL_MODELS

ROOT = Path(__file__).resolve().parents[1]
MODELS: tuple[type[pw.Model], ...] = (*ALL_MODELS, *city.BOOKKEEPING)


def _annotations(model: type[pw.Model]) -> dict[str, str]:
    """The class annotations of ``model`` and its bases (as text: the modules postpone them)."""
    found: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        found.update(vars(klass).get("__annotations__", {}))
    return found


def test_every_link_declares_its_id_column() -> None:
    # peewee adds ``<link>_id`` to the class; the annotation beside the link is what mypy
    # reads, so it must exist and say whether the link may be empty.
    for model in MODELS:
        declared = _annotations(model)
        for fk in model._meta.refs:
            want = "int | None" if fk.null else "int"
            assert declared.get(fk.object_id_name) == want, (model.__name__, fk.name)


def test_no_id_annotation_without_its_link() -> None:
    for model in MODELS:
        links = {fk.object_id_name for fk in model._meta.refs}
        stray = {a for a in _annotations(model) if a.endswith("_id")} - links
        assert not stray, (model.__name__, stray)


def test_every_backref_is_declared_on_the_linked_model() -> None:
    for model in MODELS:
        for fk in model._meta.refs:
            if fk.backref == "+":
                continue
            declared = _annotations(fk.rel_model)
            assert declared.get(fk.backref) == f"pw.ModelSelect[{model.__name__}]", (
                model.__name__, fk.backref)


def _assigns_id(klass: type) -> bool:
    """Whether the class body of ``klass`` itself says ``id = ...``."""
    if klass.__module__ in ("peewee", "builtins"):
        return False
    body = ast.parse(textwrap.dedent(inspect.getsource(klass))).body[0]
    assert isinstance(body, ast.ClassDef)
    return any(isinstance(s, ast.Assign) and any(getattr(t, "id", None) == "id" for t in s.targets)
               for s in body.body)


def test_an_implicit_id_is_declared() -> None:
    # A model whose key is peewee's ``id`` declares it (in its body or its base's), so that
    # mypy knows ``Client.id``; one with a key of its own has no ``id`` at all.
    for model in MODELS:
        key = model._meta.primary_key
        is_id = getattr(key, "name", None) == "id"
        assert is_id == any(_assigns_id(k) for k in model.__mro__), model.__name__
        assert not is_id or isinstance(key, pw.AutoField), model.__name__


PLANTED = '''\
from swdesk.model import Case, Client


def planted(client: Client, case: Case) -> None:
    Client.select().where(Client.nmae == "x")
    print(client.nmae)
    print(case.clinet_id)
    print(case.worker_id + 1)
    Client.select().where((Client.name == "x") & Client.id.in_([1, 2]))
    print(client.name.strip(), case.client_id + 1, case.client.name, case.id)
'''


def test_mypy_finds_a_misspelt_column(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text(PLANTED, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", str(planted)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)
    errors = {(int(m[1]), m[2]) for m in
              re.finditer(r"^.*planted\.py:(\d+): error: (.*)$", run.stdout, re.M)}
    assert errors == {
        (5, '"type[Client]" has no attribute "nmae"  [attr-defined]'),
        (6, '"Client" has no attribute "nmae"  [attr-defined]'),
        (7, '"Case" has no attribute "clinet_id"; maybe "client_id"?  [attr-defined]'),
        (8, 'Unsupported operand types for + ("None" and "int")  [operator]'),
    }, run.stdout + run.stderr
