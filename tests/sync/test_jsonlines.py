"""Decoding a package's JSON lines: its own refusal, still a refusal of the package."""

from __future__ import annotations

import json

import pytest

from swdesk.sync import jsonlines
from swdesk.sync.format import PackageRefused
from swdesk.sync.jsonlines import LineRefused, decode_lines


def test_a_line_that_is_no_json_is_refused_by_its_number() -> None:
    raws = [b'{"uid": "a"}\n', b"\n", b'{"uid": \n']
    with pytest.raises(LineRefused, match=r"rows\.client\.jsonl") as caught:
        decode_lines(raws, "rows.client.jsonl", first=11)
    assert isinstance(caught.value, PackageRefused)  # every reader's catch still holds
    assert "13" in str(caught.value) and "JSON" in str(caught.value)


def test_a_line_nested_too_deep_is_refused_before_it_is_parsed() -> None:
    deep = b"[" * (jsonlines.MAX_DEPTH + 1) + b"]" * (jsonlines.MAX_DEPTH + 1)
    with pytest.raises(LineRefused, match=str(jsonlines.MAX_DEPTH)):
        decode_lines([b"{}\n", deep], "rows.case.jsonl")
    assert jsonlines.nesting_fits(b"[" * jsonlines.MAX_DEPTH + b"]" * jsonlines.MAX_DEPTH)


def test_lines_decode_as_json_reads_them() -> None:
    """Including what orjson alone reads otherwise: a 20-digit integer, NaN."""
    raws = [b'{"n": 12345678901234567890, "s": "\\u4e2d"}\n', b'{"f": 1.5}\n', b"  \n",
            b"NaN\n"]
    got = decode_lines(raws)
    assert got[:2] == [json.loads(raws[0]), json.loads(raws[1])]
    assert type(got[0]["n"]) is int and got[0]["s"] == "中"
    assert len(got) == 3 and got[2] != got[2]  # NaN, as json reads it; the blank line none
