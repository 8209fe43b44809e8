"""The inner ZIP writer: standard ZIP64 archives that zipfile reads back exactly."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from swdesk.sync import zipwrite


def _deflated(data: bytes, chunk: int = 7) -> zipwrite.Deflated:
    d = zipwrite.Deflater()
    raw = b"".join(d.compress(data[i:i + 1000]) for i in range(0, len(data), 1000))
    raw += d.flush()
    return zipwrite.Deflated(iter([raw[i:i + chunk] for i in range(0, len(raw), chunk)]),
                             d.crc, d.size, len(raw))


def _write(entries: list[tuple[str, bytes, bool]]) -> bytes:
    buffer = BytesIO()
    w = zipwrite.ZipWriter(buffer)
    for name, data, elsewhere in entries:
        if elsewhere:
            w.add(name, _deflated(data))
        else:
            w.begin(name)
            for i in range(0, len(data), 4096):
                w.write(data[i:i + 4096])
    w.close()
    return buffer.getvalue()


def test_streamed_and_predeflated_entries_read_back_with_zipfile() -> None:
    text = "".join(f'{{"n":{i},"name":"林阿婆"}}\n' for i in range(20_000)).encode()
    entries = [("rows.client.jsonl", text, False), ("rows.case.jsonl", text[:999], True),
               ("rows.empty.jsonl", b"", False), ("rows.none.jsonl", b"", True),
               ("rows.need.jsonl", text, True)]
    data = _write(entries)
    with zipfile.ZipFile(BytesIO(data)) as zf:
        assert zf.testzip() is None  # every CRC checks out
        assert zf.namelist() == [name for name, _, _ in entries]
        for name, content, _ in entries:
            info = zf.getinfo(name)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.file_size == len(content)
            assert zf.read(name) == content
        big = zf.getinfo("rows.client.jsonl")
        assert big.compress_size * 5 < big.file_size
    assert _write(entries) == data  # the same content gives the same bytes


def test_a_copied_entry_must_have_the_announced_size() -> None:
    d = _deflated(b"abc\n")
    short = zipwrite.Deflated(iter([b"\x00"]), d.crc, d.size, d.compressed_size)
    with pytest.raises(ValueError, match="announced"):
        zipwrite.ZipWriter(BytesIO()).add("rows.a.jsonl", short)
