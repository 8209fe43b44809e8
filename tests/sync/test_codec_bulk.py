"""The bulk paths of the sync codec give exactly the answers of the row-by-row ones."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from synchelp import opened_package

from swdesk import reference
from swdesk.sync import codec, format, package_write, zipwrite

VECTORS = Path(__file__).parent / "vectors"


def _client_row() -> dict[str, Any]:
    expected = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))
    row = dict(expected["rows"]["rows.client.jsonl"][0])
    row.pop("_seq")
    row.pop("_base")
    return row


def _codes() -> dict[str, frozenset[str]]:
    return {k: frozenset(i["code"] for i in v) for k, v in reference.builtin().items()}


# Each change makes one row; most are invalid in a way problem() names.
CHANGES: list[dict[str, Any]] = [
    {},
    {"uid": ""}, {"uid": "x" * 37}, {"uid": 7}, {"origin": None},
    {"version": 0}, {"version": True}, {"version": "3"}, {"version": 2**70},
    {"deleted": 1}, {"deleted": 0}, {"deleted": "no"}, {"deleted": None},
    {"name": None}, {"name": "长" * 51}, {"name": "长" * 50}, {"name": 5}, {"name": ["a"]},
    {"sex": "x"}, {"sex": ""}, {"sex": "female"}, {"target_groups": ",elderly,nobody,"},
    {"target_groups": ",,"}, {"target_groups": ",dibao,tekun,"},
    {"birth_date": "1950-02-30"}, {"birth_date": "1950-2-3"}, {"birth_date": 1950},
    {"birth_date": "1950-02-03"}, {"registered_on": True},
    {"station": 1}, {"station": {"uid": "x"}}, {"notes": "很长" * 10_000},
]


def test_problems_equals_problem_row_by_row() -> None:
    codes = _codes()
    entity = codec.ENTITIES["client"]
    base = _client_row()
    rows = [{**base, **change, "uid": change.get("uid", f"u{i:035d}")}
            for i, change in enumerate(CHANGES)]
    rows.append({k: v for k, v in base.items() if k != "name"})  # a required field absent
    expected = [codec.problem(entity, r, codes) for r in rows]
    assert codec.problems(entity, rows, codes) == expected
    assert expected[0] == ""  # the unchanged row is valid …
    assert sum(1 for e in expected if e) >= 20  # … and most changes are not
    assert "version: invalid" in expected and "sex: unknown code" in expected
    # In bulk, a valid batch stays valid and one bad value flags only its own row.
    valid = [{**base, "uid": f"v{i:035d}"} for i in range(300)]
    assert codec.problems(entity, valid, codes) == [""] * 300
    valid[123]["birth_date"] = "2024-13-01"
    result = codec.problems(entity, valid, codes)
    assert result[123] == "birth_date: not a date"
    assert result.count("") == 299


@pytest.mark.parametrize("raw", [b'{"v": NaN}', b'{"v": 123456789012345678901234567890}',
                                 b'{"v": "\\ud800"}', b'{"v": -9223372036854775809}',
                                 b'{"v": 18446744073709551616}', b'{"v": [1, {"w":\t1E2}]}',
                                 b'[0.5]', b'7e0', b'{"v": "1.5", "w": 18446744073709551615}'])
def test_lines_accept_what_json_accepts(tmp_path: Path, raw: bytes) -> None:
    opened = opened_package(tmp_path, {"rows.client.jsonl": raw + b"\n\n"})
    assert [repr(v) for v in opened.lines("rows.client.jsonl")] == [repr(json.loads(raw))]


def test_lines_refuse_invalid_json(tmp_path: Path) -> None:
    opened = opened_package(tmp_path, {"rows.client.jsonl": b'{"uid": "a"}\n{"uid": \n'})
    with pytest.raises(format.PackageRefused, match="2"):
        list(opened.lines("rows.client.jsonl"))


def test_concurrent_deflate_writes_every_block_and_passes_errors_on() -> None:
    blocks = [f'{{"n": {i}}}\n'.encode() * 50_000 for i in range(5)]
    deflater = zipwrite.Deflater()
    spooled = deflater.compress(b"y\n" * 1000) + deflater.flush()
    buffer = BytesIO()
    writer = zipwrite.ZipWriter(buffer)
    package_write._deflate_concurrently(writer, [
        ("rows.a.jsonl", iter(blocks)),
        ("rows.c.jsonl", zipwrite.Deflated(iter([spooled]), deflater.crc, deflater.size,
                                           len(spooled))),
        ("rows.b.jsonl", iter([b"x\n"]))])
    writer.close()
    with zipfile.ZipFile(buffer) as zf:
        assert zf.namelist() == ["rows.a.jsonl", "rows.c.jsonl", "rows.b.jsonl"]
        assert zf.testzip() is None
        assert zf.read("rows.a.jsonl") == b"".join(blocks)
        assert zf.read("rows.c.jsonl") == b"y\n" * 1000
        assert zf.getinfo("rows.a.jsonl").compress_type == zipfile.ZIP_DEFLATED

    def failing() -> Any:
        yield b"a\n"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        package_write._deflate_concurrently(zipwrite.ZipWriter(BytesIO()),
                                     [("rows.a.jsonl", failing())])
    with pytest.raises(ValueError):
        package_write._deflate_concurrently(zipwrite.ZipWriter(BytesIO()),
                                     [("../evil.jsonl", iter([b"a\n"]))])


def test_lines_come_from_the_inner_zip_as_they_are_wanted(tmp_path: Path) -> None:
    rows = [{"uid": f"u{n}", "name": "陈阿婆"} for n in range(25)]
    opened = opened_package(tmp_path, {
        "rows.client.jsonl": b"".join(json.dumps(r).encode() + b"\n" for r in rows)})
    assert [len(c) for c in opened.raw_chunks("rows.client.jsonl", 10)] == [10, 10, 5]
    assert list(opened.lines("rows.client.jsonl")) == rows
    assert list(opened.lines("rows.case.jsonl")) == []


def test_a_damaged_inner_file_is_refused_as_damaged(tmp_path: Path) -> None:
    opened = opened_package(tmp_path, {"rows.client.jsonl": b'{"uid": "u1"}\n' * 5000})
    data = bytearray(opened.inner.read_bytes())
    data[60] ^= 0xFF  # within the compressed data
    opened.inner.write_bytes(bytes(data))
    with pytest.raises(format.PackageRefused, match=r"损坏|damaged"):
        list(opened.raw_chunks("rows.client.jsonl"))


def test_an_inner_file_never_gives_more_than_its_declared_size() -> None:
    stream = format._Bounded(BytesIO(b"x" * 100), 10)
    with pytest.raises(format.PackageRefused):
        stream.readinto(bytearray(64))
