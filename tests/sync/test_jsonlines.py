"""Decoding a package's JSON lines: its own refusal, still a refusal of the package."""

from __future__ import annotations

import io
import json

import pytest

from swdesk.sync import jsonlines
from swdesk.sync.format import PackageRefused
from swdesk.sync.jsonlines import LineRefused, decode_lines, line_chunks


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


def _one_by_one(data: bytes, size: int, most: int) -> list[list[bytes]]:
    """Chunks as a loop over the lines makes them: ``size`` lines, or up to the line
    that reaches ``most`` bytes."""
    out: list[list[bytes]] = []
    chunk: list[bytes] = []
    held = 0
    for line in io.BytesIO(data):
        chunk.append(line)
        held += len(line)
        if len(chunk) >= size or held >= most:
            out.append(chunk)
            chunk, held = [], 0
    return out + ([chunk] if chunk else [])


@pytest.mark.parametrize("lengths", [
    [30] * 100, [5, 200, 1, 0, 3000, 7] * 9, [10] * 20 + [-1], [0, 0, 0], [], [-1],
])
@pytest.mark.parametrize(("size", "most"), [(1, 10**6), (3, 10**6), (10, 100), (7, 2500),
                                            (10_000, 32 * 1024**2)])
def test_chunks_of_lines_are_as_a_loop_over_them_makes_them(
        lengths: list[int], size: int, most: int) -> None:
    # (-1: a last line without its line break)
    data = b"".join(b"x" * n + b"\n" if n >= 0 else b"no break" for n in lengths)
    got = list(line_chunks(io.BytesIO(data), size, most))
    assert got == _one_by_one(data, size, most)
    assert b"".join(b"".join(c) for c in got) == data
