"""One entry of a ZIP file read as a stream, inflated by ISA-L where it is installed.

zipfile inflates with zlib: on a full package's rows, a gigabyte and more of lines,
that was much of the hub's own CPU in an ingest, and ISA-L (the "city" extra) is
faster at it (bench/README.md, bench_ingest.py). The checks are zipfile's: the local
header is the entry's, the bytes are as many as the ZIP directory declares (never more
are inflated) and their CRC-32 is the declared one.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO, cast

# A local file header (APPNOTE 4.3.7): signature, versions, flags, method, time, date,
# CRC-32, sizes, then the lengths of the name and of the extra field that follow it.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_SIGNATURE = b"PK\x03\x04"
_INPUT = 1024**2  # bytes of the entry's data read (and inflated) at once
try:
    from isal import isal_zlib as _zlib
except ImportError:
    import zlib as _zlib  # type: ignore[no-redef]
# What inflating a damaged stream raises (isal's stub calls its error an instance).
_DAMAGED: tuple[type[BaseException], ...] = (zlib.error, cast(type[BaseException], _zlib.error))


def entry_stream(file: BinaryIO, info: zipfile.ZipInfo) -> EntryStream:
    """The bytes of the entry ``info`` (stored or deflated) of the ZIP file ``file``.
    zipfile.BadZipFile where they are not what the ZIP directory says: more or fewer
    than its sizes, another CRC-32, a local header that is not the entry's."""
    return EntryStream(_pieces(file, info))


def _pieces(file: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    file.seek(info.header_offset)
    head = file.read(_LOCAL.size)
    if len(head) != _LOCAL.size or head[:4] != _SIGNATURE:
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    name_length, extra_length = _LOCAL.unpack(head)[-2:]
    if file.read(name_length).decode("utf-8", "replace") != info.orig_filename:
        raise zipfile.BadZipFile(f"the local header is not that of {info.filename}")
    file.seek(extra_length, io.SEEK_CUR)
    inflater = (_zlib.decompressobj(-_zlib.MAX_WBITS)
                if info.compress_type == zipfile.ZIP_DEFLATED else None)
    left_in, left_out, crc = info.compress_size, info.file_size, 0
    while left_in:
        data = file.read(min(left_in, _INPUT))
        if not data:
            raise zipfile.BadZipFile(f"{info.filename} is cut short")
        left_in -= len(data)
        if inflater is not None:
            try:  # (one byte more than declared says that there is more)
                data = inflater.decompress(data, left_out + 1)
            except _DAMAGED as exc:
                raise zipfile.BadZipFile(f"{info.filename} is damaged: {exc}") from None
            if inflater.unconsumed_tail:
                raise zipfile.BadZipFile(f"{info.filename} holds more than declared")
        left_out -= len(data)
        if left_out < 0:
            raise zipfile.BadZipFile(f"{info.filename} holds more than declared")
        crc = _zlib.crc32(data, crc)
        yield data
    if inflater is not None and (rest := inflater.flush()):
        left_out -= len(rest)
        crc = _zlib.crc32(rest, crc)
        yield rest
    if left_out or (inflater is not None and not inflater.eof):
        raise zipfile.BadZipFile(f"{info.filename} holds less than declared")
    if crc != info.CRC:
        raise zipfile.BadZipFile(f"bad CRC-32 for {info.filename}")


class EntryStream:
    """The entry's bytes, as ``read`` gives them."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._piece = memoryview(b"")

    def read(self, size: int) -> bytes:
        """The next of the entry's bytes, at most ``size`` (none at its end)."""
        while not self._piece:
            piece = next(self._pieces, None)
            if piece is None:
                return b""
            self._piece = memoryview(piece)
        data = self._piece[:size].tobytes()
        self._piece = self._piece[size:]
        return data
