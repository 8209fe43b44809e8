"""A plain chunk's rows shaped a column at a time (city/bulk.py, city/prepare.py): the
same values, and the same decisions, as row by row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from swdesk.city import bulk, prepare
from swdesk.sync import codec

STATION = "XM-SM-001"
CODES = {"sex": frozenset({"M", "F"})}
AWKWARD = "制表\t换行\n回车\r反斜杠\\ 以及 \\N 和 \\t"

COLUMNS: dict[str, tuple[Any, ...]] = {
    "text": ("a", "平常", "[{\"x\": 1}]"),
    "text and null": (None, "b", None),
    "text to escape": ("a", AWKWARD, "\\N"),
    "text to escape and null": (None, "末尾\t", ""),
    "empty text and null": ("", None, ""),
    "numbers": (1, -2, 2**62),
    "numbers and null": (None, 0, 7),
    "flags": (True, False, True),
    "flags and null": (False, None, True),
    "flags and numbers": (True, 1, 0),
    "money": ("3.50", 4, 2.5),
    "null": (None, None, None),
    "one text": ("XM-SM-001", "XM-SM-001", "XM-SM-001"),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_a_column_in_copy_text_is_as_row_by_row(name: str) -> None:
    uids = ("u1", "u3", "u2")
    columns = [uids, COLUMNS[name], COLUMNS["text to escape"]]
    rows = list(zip(*columns, strict=True))
    by_rows = sorted(bulk.copy_text(rows).split("\n")[:-1])
    assert bulk.copy_of_columns(columns).decode().split("\n")[:-1] == by_rows


def test_all_columns_in_copy_text_at_once() -> None:
    columns = [("u1", "u2", "u3"), *COLUMNS.values()]
    rows = list(zip(*columns, strict=True))
    assert bulk.copy_of_columns(columns) == (
        "\n".join(sorted(bulk.copy_text(rows).split("\n")[:-1])) + "\n").encode()


def test_only_one_text_or_null_is_fixed() -> None:
    fixed = bulk.fixed_columns(list(COLUMNS.values()))
    names = list(COLUMNS)
    assert {names[i]: v for i, v in fixed.items()} == {"null": None,
                                                        "one text": "XM-SM-001"}
    # 1, 1.0 and True are equal in Python, not in a database: never fixed
    assert bulk.fixed_columns([(1, 1.0, True), (1, 1, 1), (False, 0, False)]) == {}
    assert bulk.fixed_columns([("", ""), (None,)]) == {0: "", 1: None}


def _sqlite_hub(tmp_path: Path) -> Any:
    from synchelp import make_city

    return make_city(tmp_path / "s", "sqlite")


HUB_COLUMNS = ("uid", "origin", "version", "deleted", "name", "notes", "applied_in")
HUB_ROWS = [("u2", STATION, 1, False, "陈阿婆", None, 3),
            ("u1", STATION, 2**40, True, AWKWARD, None, 3),
            ("u3", STATION, 1, 1, "[x]", None, 3)]


@pytest.mark.parametrize("stage", [True, False])
def test_an_image_without_its_fixed_columns_inserts_the_same_rows(
        tmp_path: Path, stage: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not stage:  # the rows bound one by one instead
        monkeypatch.setattr(bulk, "STAGE", "no such name")
    columns = list(zip(*HUB_ROWS, strict=True))
    fixed = bulk.fixed_columns(columns)
    assert set(fixed) == {1, 5}  # origin and notes (applied_in: a number, left alone)
    image = bulk.image_of_columns([c for i, c in enumerate(columns) if i not in fixed])
    hub = _sqlite_hub(tmp_path)
    jobs = bulk.Background(hub.db)
    try:
        with hub.db.atomic():
            jobs.insert_image("c_client", HUB_COLUMNS, image,
                              {HUB_COLUMNS[i]: v for i, v in fixed.items()})
            jobs.close()
        got = hub.db.execute_sql(f'SELECT {", ".join(HUB_COLUMNS)} FROM "c_client" '
                                 "ORDER BY uid").fetchall()
    finally:
        jobs.release()
        hub.close()
    assert got == sorted((*r[:3], int(r[3]), *r[4:]) for r in HUB_ROWS)


# --- prepare: the forms agree ----------------------------------------------------------------


def _client(n: int, **values: Any) -> dict[str, Any]:
    return {"uid": f"u{n:04d}", "origin": STATION, "version": 1,
            "updated_at": "2026-01-02 03:04:05", "deleted": False, "name": f"名{n}",
            "sex": "F", "_seq": n + 1, **values}


def _record(n: int, **values: Any) -> dict[str, Any]:
    return {"uid": f"r{n:04d}", "origin": STATION, "version": 1, "deleted": False,
            "updated_at": None, "date": "2026-01-02", "kind": "individual",
            "category": "jinglao", "field": "elderly", "title": f"探访{n}", "worker": "w1",
            "_seq": n + 1, "_participants": ["c1", f"c{n}"] if n % 2 else [],
            "_partners": [{"partner": "p1", "value": "10.00", "contribution": "场地"}]
            if n % 3 else None, **values}


def _lines(rows: list[Any]) -> list[bytes]:
    return [json.dumps(r, ensure_ascii=False).encode() for r in rows]


CLEAN = {
    "clients": ("client", [_client(n) for n in (5, 1, 3, 2)]),
    "one client": ("client", [_client(1)]),
    "awkward text": ("client", [_client(1, notes=AWKWARD), _client(2, notes="[{]}\\\"x"),
                                _client(3, address="\\N")]),
    "clients without their change numbers": (
        "client", [{k: v for k, v in _client(n).items() if k != "_seq"} for n in (1, 2)]),
    "records": ("service_record", [_record(n) for n in range(7)]),
}


def _forms(entity: str, lines: list[bytes]) -> dict[str, prepare.Prepared]:
    return {form: prepare.prepare(prepare.Setting(STATION, CODES, 7, form), entity, lines)
            for form in (prepare.ROWS, prepare.COPY, prepare.IMAGE)}


@pytest.mark.parametrize("chunk", list(CLEAN))
def test_each_form_holds_the_rows_of_a_plain_chunk(chunk: str) -> None:
    entity, rows = CLEAN[chunk]
    got = _forms(entity, _lines(rows))
    plain, copy, image = (got[f].plain for f in (prepare.ROWS, prepare.COPY, prepare.IMAGE))
    assert plain is not None and copy is not None and image is not None
    assert plain.uids == copy.uids == image.uids == [r["uid"] for r in rows]
    assert plain.links == copy.links == image.links
    assert plain.links == prepare.links_of(
        codec.ENTITIES[entity], codec.columns_of(codec.ENTITIES[entity], rows)[1],
        [r.get(codec.PARTICIPANTS) for r in rows], [r.get(codec.PARTNERS) for r in rows]
    ) if entity == "service_record" else True
    assert copy.data.decode().split("\n")[:-1] == sorted(
        bulk.copy_text(plain.data).split("\n")[:-1])
    names = prepare.insert_columns(codec.ENTITIES[entity])
    assert image.fixed["applied_in"] == 7 and image.fixed["origin"] == STATION
    assert bulk.with_fixed(bulk.image_rows(image.data), names, image.fixed) == plain.data


def _edge_chunks() -> dict[str, tuple[str, list[bytes]]]:
    good = _lines([_client(n) for n in range(1, 4)])
    record = _lines([_record(1)])[0]
    return {
        "required name null": ("client", [*good, _lines([_client(9, name=None)])[0]]),
        "a number where text belongs": ("client", [*good, _lines([_client(9, name=5)])[0]]),
        "a list where text belongs": ("client", [*good, _lines([_client(9, notes=[1])])[0]]),
        "a flag where a number belongs": (
            "client", [*good, _lines([_client(9, visit_every_days=True)])[0]]),
        "19 digits": ("client", [*good, _lines([_client(9, visit_every_days=10**19)])[0]]),
        "18 digits": ("client", [*good, _lines([_client(9, visit_every_days=10**17)])[0]]),
        "a lone surrogate": ("client", [*good, b'{"uid": "u0009", "origin": "XM-SM-001", '
                                               b'"version": 1, "deleted": false, '
                                               b'"name": "\\ud800", "_seq": 9}']),
        "brackets in text": ("client", [*good, _lines([_client(9, notes="[[[[[[[[[[{{{{")])[0]]),
        "nested in a share": ("service_record", [record, _lines([_record(
            2, _partners=[{"partner": "p1", "x": [[[[1]]]]}])])[0]]),
        "a share without its partner": ("service_record", [record, _lines([_record(
            2, _partners=[{"value": "1.00"}])])[0]]),
        "a participant no text": ("service_record", [record, _lines([_record(
            3, _participants=[1])])[0]]),
        "a uid twice": ("client", [*good, good[0]]),
        "another station's row": ("client", [*good, _lines([_client(9, origin="X")])[0]]),
    }


EDGES = _edge_chunks()


@pytest.mark.parametrize("chunk", list(EDGES))
def test_each_form_decides_the_same_on_awkward_rows(chunk: str) -> None:
    entity, lines = EDGES[chunk]
    got = _forms(entity, lines)
    decisions = {f: (p.plain is None, p.rejects) for f, p in got.items()}
    assert len(set(map(repr, decisions.values()))) == 1, decisions
    expected_plain = chunk in {"brackets in text", "nested in a share"}
    assert (got[prepare.ROWS].plain is not None) == expected_plain


@pytest.mark.parametrize("chunk", [*CLEAN, *EDGES])
def test_a_chunk_checked_in_parts_is_as_checked_whole(
        chunk: str, monkeypatch: pytest.MonkeyPatch) -> None:
    entity, lines = EDGES[chunk] if chunk in EDGES else (CLEAN[chunk][0],
                                                          _lines(CLEAN[chunk][1]))
    whole = _forms(entity, lines)
    monkeypatch.setattr(prepare, "SUB_CHUNK", 2)
    parts = _forms(entity, [*lines[:1], b"", *lines[1:]])  # (a blank line: no row)
    for form, got in parts.items():
        expected = whole[form]
        assert (got.plain is None) == (expected.plain is None)
        assert got.rows == expected.rows
        assert got.rejects == expected.rejects  # (indexes of rows: a blank line holds none)
        if got.plain is not None and expected.plain is not None:
            assert (got.plain.uids, got.plain.links, got.plain.data, got.plain.fixed) == (
                expected.plain.uids, expected.plain.links, expected.plain.data,
                expected.plain.fixed)


def test_a_uid_twice_in_different_parts_is_not_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare, "SUB_CHUNK", 2)
    lines = _lines([_client(1), _client(2), _client(3), _client(1)])
    for form, got in _forms("client", lines).items():
        assert got.plain is None and got.rejects == [], form
