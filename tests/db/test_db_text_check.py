"""Text that is not UTF-8 (a file changed outside swdesk, or damaged) is found and named."""

from __future__ import annotations

import sqlite3

import pytest

from swdesk.db import text_check


def _table(rows: int, bad: dict[int, str]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE client (id INTEGER PRIMARY KEY, uid TEXT, name TEXT, "
                "address TEXT, visits INTEGER, notes BLOB)")
    con.executemany("INSERT INTO client VALUES (?, ?, ?, ?, ?, ?)", [
        (i, f"u{i}", "王芳", "莲花路\n1号", i, b"\xff") for i in range(1, rows + 1)])
    for rowid, column in bad.items():
        con.execute(f"UPDATE client SET {column} = CAST(x'e4b8' || x'41' AS TEXT) "
                    f"WHERE id = ?", (rowid,))
    con.execute("CREATE TABLE note (body TEXT)")  # no uid: rows named by row id
    con.execute("INSERT INTO note VALUES (CAST(x'c3' AS TEXT)), ('好')")
    return con


def test_every_damaged_value_is_counted_across_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_check, "CHUNK", 7)  # several ranges, one value at their edge
    con = _table(40, {7: "address", 8: "address", 30: "address", 31: "name"})
    found = text_check.scan(con)
    assert found == [
        text_check.NotUtf8("client", "address", 3, "u7"),
        text_check.NotUtf8("client", "name", 1, "u31"),
        text_check.NotUtf8("note", "body", 1, "rowid 1"),
    ]


def test_good_text_blobs_and_numbers_are_not_reported() -> None:
    con = _table(25, {})
    con.execute("DELETE FROM note")
    assert text_check.scan(con) == []
