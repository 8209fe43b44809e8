"""Writing the package's inner ZIP from raw deflate streams compressed by several threads.

``zipfile`` compresses every entry in the thread that writes it and has no way to add
data that is already deflated. A full package's tables come from two readers at once;
with ``zipfile`` one of them had to wait and have its lines compressed after the other
(seconds at the end of every full export). Here each producer compresses its own lines
(``Deflater``: zlib lets go of Python's lock meanwhile) and this writer only copies the
compressed bytes into a standard ZIP64 archive (APPNOTE 6.3: local headers, central
directory, ZIP64 end records), which ``zipfile`` and every unzip tool read.
"""

from __future__ import annotations

import hashlib
import logging
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO

LEVEL = 1  # a full package is ~1 GB of JSON; higher levels cost far more time for little

_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01: the same content gives the same bytes
_DOS_TIME = 0
_VERSION = 45  # ZIP64
_DEFLATED = 8
_STORED = 0
_CHUNK = 1024 * 1024
# What one stored file adds to the ZIP besides its bytes: local header, name, ZIP64 field,
# central directory entry (a name ``files/<sha256>``: 70 bytes), with room to spare.
FILE_OVERHEAD = 400

log = logging.getLogger(__name__)
_FULL = 0xFFFFFFFF  # "see the ZIP64 extra field"
_UTF8 = 1 << 11  # names are UTF-8


@dataclass
class Deflater:
    """Compresses one entry's lines as a raw deflate stream, counting its CRC and size."""

    crc: int = 0
    size: int = 0
    _z: zlib._Compress = field(
        default_factory=lambda: zlib.compressobj(LEVEL, zlib.DEFLATED, -15))

    def compress(self, data: bytes) -> bytes:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        return self._z.compress(data)

    def flush(self) -> bytes:
        return self._z.flush()


@dataclass
class Deflated:
    """An entry compressed elsewhere: its raw deflate bytes in chunks, CRC and sizes."""

    chunks: Iterable[bytes]
    crc: int
    size: int
    compressed_size: int


@dataclass
class FileBatch:
    """Attachments' files to store (uncompressed: photos and scans do not shrink), chosen
    while they are written: in the order given, each one that still fits the inner ZIP in
    ``budget`` bytes (the first always goes, so a file larger than a budget still
    travels); ``chosen`` names those written. A file that cannot be read, or whose bytes
    are no longer those of its SHA-256, is left out (and logged): one damaged file must
    not make the city refuse the package."""

    candidates: Iterable[tuple[str, int]]  # (sha256, size)
    open: Callable[[str], IO[bytes]]
    budget: int
    chosen: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Entry:
    name: bytes
    offset: int
    crc: int = 0
    size: int = 0
    compressed_size: int = 0
    method: int = _DEFLATED


def _zip64_extra(size: int, compressed_size: int, offset: int | None = None) -> bytes:
    values = [size, compressed_size] + ([] if offset is None else [offset])
    return struct.pack(f"<HH{len(values)}Q", 0x0001, 8 * len(values), *values)


class ZipWriter:
    """A ZIP of deflated entries, written one after the other to a seekable file."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.entries: list[_Entry] = []
        self._open: _Entry | None = None
        self._deflater: Deflater | None = None

    def _local_header(self, entry: _Entry) -> bytes:
        return struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, _UTF8, entry.method, _DOS_TIME,
                           _DOS_DATE, entry.crc, _FULL, _FULL, len(entry.name), 20) + \
            entry.name + _zip64_extra(entry.size, entry.compressed_size)

    def _begin(self, entry: _Entry) -> None:
        self.entries.append(entry)
        self.f.write(self._local_header(entry))

    def begin(self, name: str) -> None:
        """Start an entry compressed here, from ``write`` calls."""
        self.end()
        self._begin(entry := _Entry(name.encode(), self.f.tell()))  # sizes come in end()
        self._open, self._deflater = entry, Deflater()

    def write(self, data: bytes) -> None:
        assert self._open is not None and self._deflater is not None
        out = self._deflater.compress(data)
        self._open.compressed_size += len(out)
        self.f.write(out)

    def end(self) -> None:
        """Finish the entry ``begin`` started and put its CRC and sizes in its header."""
        entry, deflater = self._open, self._deflater
        if entry is None or deflater is None:
            return
        out = deflater.flush()
        entry.compressed_size += len(out)
        self.f.write(out)
        entry.crc, entry.size = deflater.crc, deflater.size
        self._open = self._deflater = None
        here = self.f.tell()
        self.f.seek(entry.offset)
        self.f.write(self._local_header(entry))
        self.f.seek(here)

    def add(self, name: str, data: Deflated) -> None:
        """Copy an entry deflated elsewhere."""
        self.end()
        self._begin(_Entry(name.encode(), self.f.tell(), data.crc, data.size,
                           data.compressed_size))
        written = 0
        for chunk in data.chunks:
            written += len(chunk)
            self.f.write(chunk)
        if written != data.compressed_size:
            raise ValueError(f"{name}: {written} compressed bytes, {data.compressed_size} "
                             "announced")

    def store(self, name: str, src: IO[bytes], sha256: str) -> bool:
        """Copy a file uncompressed; False, and nothing of it kept, if reading it fails or
        its bytes do not have the SHA-256 ``sha256``."""
        self.end()
        entry = _Entry(name.encode(), self.f.tell(), method=_STORED)
        self.f.write(self._local_header(entry))
        digest = hashlib.sha256()
        try:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                entry.crc = zlib.crc32(chunk, entry.crc)
                entry.size += len(chunk)
                self.f.write(chunk)
        except OSError:
            log.warning("cannot read the file %s; left for a later package", sha256,
                        exc_info=True)
            digest = hashlib.sha256(b"unreadable")
        if digest.hexdigest() != sha256:
            log.warning("the stored file %s no longer has its SHA-256; not sent", sha256)
            self.f.seek(entry.offset)
            self.f.truncate()
            return False
        entry.compressed_size = entry.size
        self.entries.append(entry)
        here = self.f.tell()
        self.f.seek(entry.offset)
        self.f.write(self._local_header(entry))
        self.f.seek(here)
        return True

    def stored(self) -> tuple[int, int]:
        """How many files ``store`` wrote, and their bytes."""
        files = [e for e in self.entries if e.method == _STORED]
        return len(files), sum(e.size for e in files)

    def store_files(self, batch: FileBatch) -> None:
        """Store the batch's files that fit its budget, as ``FileBatch`` says."""
        self.end()
        for sha256, size in batch.candidates:
            if batch.chosen and self.f.tell() + size + FILE_OVERHEAD > batch.budget:
                if self.f.tell() + FILE_OVERHEAD >= batch.budget:
                    return  # (full: not another file)
                continue  # a smaller one further on may still fit
            try:
                src = batch.open(sha256)
            except OSError:
                log.warning("cannot open the file %s; left for a later package", sha256)
                continue
            with src:
                if self.store(f"files/{sha256}", src, sha256):
                    batch.chosen.append((sha256, size))

    def close(self) -> None:
        """Write the central directory and the end records."""
        self.end()
        start = self.f.tell()
        for e in self.entries:
            self.f.write(struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, _VERSION, _VERSION, _UTF8, e.method,
                _DOS_TIME, _DOS_DATE, e.crc, _FULL, _FULL, len(e.name), 28, 0, 0, 0, 0,
                _FULL) + e.name + _zip64_extra(e.size, e.compressed_size, e.offset))
        end = self.f.tell()
        count = len(self.entries)
        self.f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, _VERSION, _VERSION, 0, 0,
                                 count, count, end - start, start))
        self.f.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        self.f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, 0xFFFF),
                                 min(count, 0xFFFF), min(end - start, _FULL),
                                 min(start, _FULL), 0))
