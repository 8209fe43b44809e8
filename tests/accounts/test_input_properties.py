"""Property-based: whatever a person types (or Excel holds), only ValidationError escapes.

Covers ``crud.clean`` on clients, service records and cases field by field, every
field parser of every entity, and the account inputs; a refusal writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from swdesk.errors import ValidationError
from swdesk.model import SYNCED, Case, Client, ServiceRecord, Worker, database, describe
from swdesk.services import accounts, crud, passwords
from swdesk.services.actor import SYSTEM, Actor

# What arrives from a form or an Excel cell: mostly text, sometimes numbers, dates, lists.
CELL = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789XxＸ-/.年月日 ，,、", max_size=20),
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True), st.dates(), st.datetimes(),
    st.lists(st.text(max_size=8), max_size=3),
)
RUN = settings(max_examples=120, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])


def _changes() -> int:
    return int(database.execute_sql("SELECT total_changes()").fetchone()[0])


def _values(model: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    keys = [f.key for f in describe(model).fields] + ["no_such_field"]
    return st.dictionaries(st.sampled_from(keys), CELL, max_size=len(keys))


@pytest.fixture
def links(sdb: object) -> None:
    """One client and one worker, so link fields can point at something real."""
    crud.create(Client, {"name": "王芳"}, SYSTEM)
    crud.create(Worker, {"name": "李社工"}, SYSTEM)


def _clean_only_refuses(model: type[Any], values: dict[str, Any]) -> None:
    before = _changes()
    try:
        cleaned = crud.clean(model, values)
    except ValidationError as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
    else:
        assert set(cleaned) <= set(model._meta.fields)  # described fields and derived columns
    assert _changes() == before  # validating never writes


@RUN
@given(values=_values(Client))
def test_clean_client(links: None, values: dict[str, Any]) -> None:
    _clean_only_refuses(Client, values)


@RUN
@given(values=_values(ServiceRecord))
def test_clean_service_record(links: None, values: dict[str, Any]) -> None:
    _clean_only_refuses(ServiceRecord, values)


@RUN
@given(values=_values(Case))
@example(values={"client": 2**63})  # beyond SQLite's integers: "not found", not a crash
@example(values={"client": -(2**70)})
def test_clean_case(links: None, values: dict[str, Any]) -> None:
    _clean_only_refuses(Case, values)


@RUN
@given(values=_values(Client))
def test_clean_client_edit(links: None, values: dict[str, Any]) -> None:
    current = Client.get(Client.name == "王芳")
    before = _changes()
    with contextlib.suppress(ValidationError):
        crud.clean(Client, values, current=current)
    assert _changes() == before


PARSERS = [(m.__name__, f) for m in SYNCED for f in describe(m).fields]


@settings(max_examples=25, deadline=None)
@given(raw=CELL)
@pytest.mark.parametrize(("entity", "spec"), PARSERS, ids=[f"{e}.{f.key}" for e, f in PARSERS])
def test_every_field_parser(entity: str, spec: Any, raw: Any) -> None:
    try:
        value = spec.parse(raw)
    except ValidationError as exc:
        assert str(exc)
        return
    if spec.kind not in ("choice", "choices", "link"):  # those are resolved by crud.clean
        assert value is None or isinstance(value, str | int | bool | Decimal | dt.date)


@settings(max_examples=200, deadline=None)
@given(password=st.text(max_size=40), username=st.text(max_size=12))
def test_password_strength_only_refuses(password: str, username: str) -> None:
    try:
        passwords.check_strength(password, username)
    except ValidationError as exc:
        assert exc.errors.keys() == {"password"}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(username=st.text(max_size=45), name=st.text(max_size=55), role=st.text(max_size=8))
def test_create_user_only_refuses(sdb: object, username: str, name: str, role: str) -> None:
    before = _changes()
    try:
        accounts.create_user(username, name, "weak", role, Actor("x", "worker"))
    except ValidationError as exc:
        assert "password" in exc.errors
    assert _changes() == before
