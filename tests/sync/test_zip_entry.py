"""Reading one ZIP entry as the package reader does: as zipfile reads it, and refused
where its bytes are not what the ZIP directory says."""

from __future__ import annotations

import io
import os
import zipfile
import zlib

import pytest

from swdesk.sync import zip_entry
from swdesk.sync.zip_entry import entry_stream

TEXT = b"".join(b'{"uid": "%d", "note": "%s"}\n' % (n, b"x" * (n % 97)) for n in range(30_000))


def _zip(method: int = zipfile.ZIP_DEFLATED, data: bytes = TEXT) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        zf.writestr("first.jsonl", b"{}\n")
        zf.writestr("rows.client.jsonl", data)
    return out.getvalue()


def _read(raw: bytes, name: str = "rows.client.jsonl", piece: int = 65_536) -> bytes:
    file = io.BytesIO(raw)
    info = zipfile.ZipFile(file).getinfo(name)
    stream = entry_stream(file, info)
    parts = []
    while data := stream.read(piece):
        assert len(data) <= piece
        parts.append(data)
    return b"".join(parts)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
@pytest.mark.parametrize("inflate", ["installed", "zlib"])
def test_an_entry_reads_as_zipfile_reads_it(method: int, inflate: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if inflate == "zlib":  # (without the "city" extra)
        monkeypatch.setattr(zip_entry, "_zlib", zlib)
    raw = _zip(method)
    assert _read(raw) == TEXT == zipfile.ZipFile(io.BytesIO(raw)).read("rows.client.jsonl")
    assert _read(raw, piece=7) == TEXT
    assert _read(raw, "first.jsonl") == b"{}\n"
    assert _read(_zip(method, b""), piece=10) == b""


def _entry(raw: bytes) -> tuple[zipfile.ZipInfo, int]:
    """The entry's directory record and where its data start."""
    info = zipfile.ZipFile(io.BytesIO(raw)).getinfo("rows.client.jsonl")
    return info, info.header_offset + 30 + len(info.filename) + len(info.extra)


def test_changed_bytes_are_refused() -> None:
    raw = bytearray(_zip(zipfile.ZIP_STORED))
    _info, start = _entry(bytes(raw))
    raw[start + 100] ^= 1  # (stored: the same length, another CRC-32)
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        _read(bytes(raw))


@pytest.mark.parametrize("inflate", ["installed", "zlib"])
def test_data_that_do_not_inflate_are_refused(inflate: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if inflate == "zlib":
        monkeypatch.setattr(zip_entry, "_zlib", zlib)
    raw = bytearray(_zip())
    _info, start = _entry(bytes(raw))
    raw[start:start + 8] = b"\xff" * 8
    with pytest.raises(zipfile.BadZipFile, match="damaged"):
        _read(bytes(raw))


def test_more_or_fewer_bytes_than_declared_are_refused() -> None:
    big = os.urandom(1000) + b"\n" * 10_000_000  # inflates ten thousandfold
    raw = _zip(data=big)
    info, start = _entry(raw)
    file = io.BytesIO(raw)
    info.file_size = 5_000  # the directory says less than the data hold
    stream = entry_stream(file, info)
    with pytest.raises(zipfile.BadZipFile, match="more than declared"):
        while stream.read(1 << 20):
            pass
    info.file_size = len(big) + 1
    with pytest.raises(zipfile.BadZipFile, match="less than declared"):
        _drain(raw, info)
    info.file_size, info.compress_size = len(big), info.compress_size - 10
    with pytest.raises(zipfile.BadZipFile):
        _drain(raw, info)
    info.compress_size += 10
    with pytest.raises(zipfile.BadZipFile, match="cut short"):
        _drain(raw[:start + 50], info)


def _drain(raw: bytes, info: zipfile.ZipInfo) -> None:
    stream = entry_stream(io.BytesIO(raw), info)
    while stream.read(1 << 20):
        pass


def test_a_local_header_that_is_not_the_entry_s_is_refused() -> None:
    raw = _zip()
    info, _start = _entry(raw)
    other = zipfile.ZipFile(io.BytesIO(raw)).getinfo("first.jsonl")
    info.header_offset = other.header_offset  # the directory points at another entry
    with pytest.raises(zipfile.BadZipFile, match="not that of"):
        _drain(raw, info)
    info.header_offset += 1
    with pytest.raises(zipfile.BadZipFile, match="no local header"):
        _drain(raw, info)
