"""Reading a Windows shortcut (.lnk): where it points and where it starts.

Enough of Microsoft's Shell Link Binary File Format ([MS-SHLLINK]) for the wine
check to see that the setup's Start-menu and desktop shortcuts point at the
installed swdesk.exe and the data folder: the header's flags, the LinkInfo
structure (the target's local path) and the string data (working directory...).
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER_SIZE = 0x4C
# "L\0\0\0" then the shell link CLSID 00021401-0000-0000-C000-000000000046
MAGIC = bytes.fromhex("4c000000" "0114020000000000c000000000000046")

HAS_ID_LIST = 0x1
HAS_LINK_INFO = 0x2
IS_UNICODE = 0x80
# The optional strings, in the order the file holds them.
STRING_FLAGS = ((0x4, "name"), (0x8, "relative_path"), (0x10, "working_dir"),
                (0x20, "arguments"), (0x40, "icon_location"))
VOLUME_ID_AND_LOCAL_BASE_PATH = 0x1


@dataclass(frozen=True)
class Shortcut:
    target: str | None  # the local path it opens, as Windows writes it
    working_dir: str | None
    arguments: str | None


def read(data: bytes) -> Shortcut:
    """The target and strings of a .lnk file's bytes; ValueError if it is no shortcut."""
    if len(data) < HEADER_SIZE or data[:len(MAGIC)] != MAGIC:
        raise ValueError("not a Windows shortcut (.lnk)")
    flags = _u32(data, 0x14)
    pos = HEADER_SIZE
    if flags & HAS_ID_LIST:
        pos += 2 + _u16(data, pos)
    target = None
    if flags & HAS_LINK_INFO:
        target = _local_path(data, pos)
        pos += _u32(data, pos)
    strings: dict[str, str] = {}
    for bit, name in STRING_FLAGS:
        if flags & bit:
            count = _u16(data, pos)
            pos += 2
            size = count * 2 if flags & IS_UNICODE else count
            raw = data[pos:pos + size]
            text = raw.decode("utf-16-le" if flags & IS_UNICODE else "latin-1")
            strings[name] = text.rstrip("\0")  # (wine counts the terminating NUL too)
            pos += size
    return Shortcut(target, strings.get("working_dir"), strings.get("arguments"))


def _local_path(data: bytes, info: int) -> str | None:
    header_size = _u32(data, info + 4)
    if not _u32(data, info + 8) & VOLUME_ID_AND_LOCAL_BASE_PATH:
        return None
    suffix = _zstring(data, info + _u32(data, info + 0x18), wide=False)
    if header_size >= 0x24:  # the Unicode fields are there too
        base = _zstring(data, info + _u32(data, info + 0x1C), wide=True)
        suffix = _zstring(data, info + _u32(data, info + 0x20), wide=True)
    else:
        base = _zstring(data, info + _u32(data, info + 0x10), wide=False)
    return base + suffix


def _zstring(data: bytes, pos: int, *, wide: bool) -> str:
    if wide:
        end = pos
        while data[end:end + 2] not in (b"\0\0", b""):
            end += 2
        return data[pos:end].decode("utf-16-le")
    end = data.index(b"\0", pos)
    return data[pos:end].decode("latin-1")


def _u16(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos:pos + 2], "little")


def _u32(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos:pos + 4], "little")
