"""Reading .lnk files, as the wine check does to see where the setup's shortcuts point.

The files are built here field by field as [MS-SHLLINK] lays them out.
"""

from __future__ import annotations

import struct

import pytest
from installer_modules import load

shortcuts = load("shortcuts")

CLSID = bytes.fromhex("0114020000000000c000000000000046")


def _header(flags: int) -> bytes:
    return (struct.pack("<I", 0x4C) + CLSID + struct.pack("<II", flags, 0x20)
            + bytes(24) + struct.pack("<IIIH", 0, 0, 1, 0) + bytes(10))


def _link_info(base: str, *, unicode: bool) -> bytes:
    volume_id = struct.pack("<IIII", 0x11, 3, 0x1234, 0x10) + b"\0"
    header_size = 0x24 if unicode else 0x1C
    base_ansi = base.encode("latin-1", "replace") + b"\0"
    offsets_end = header_size + len(volume_id)
    body = volume_id + base_ansi + b"\0"  # LocalBasePath, then an empty CommonPathSuffix
    fields = [header_size, 1, header_size, offsets_end, 0, offsets_end + len(base_ansi)]
    if unicode:
        wide_at = header_size + len(body)
        body += base.encode("utf-16-le") + b"\0\0" + b"\0\0"
        fields += [wide_at, wide_at + len(base.encode("utf-16-le")) + 2]
    return struct.pack("<I", 4 + 4 * len(fields) + len(body)) + struct.pack(
        f"<{len(fields)}I", *fields) + body


def _string(text: str) -> bytes:
    return struct.pack("<H", len(text)) + text.encode("utf-16-le")


def test_target_and_working_folder_of_a_program_shortcut() -> None:
    flags = 0x1 | 0x2 | 0x10 | 0x80  # id list, link info, working dir, unicode
    id_list = struct.pack("<H", 6) + b"\x04\x00ab\x00\x00"
    data = (_header(flags) + id_list
            + _link_info(r"C:\users\root\AppData\Local\Programs\swdesk\swdesk.exe",
                         unicode=False)
            + _string(r"C:\users\root\AppData\Local\Programs\swdesk"))
    link = shortcuts.read(data)
    assert link.target == r"C:\users\root\AppData\Local\Programs\swdesk\swdesk.exe"
    assert link.working_dir == r"C:\users\root\AppData\Local\Programs\swdesk"
    assert link.arguments is None


def test_a_chinese_target_is_read_from_the_unicode_path() -> None:
    flags = 0x2 | 0x4 | 0x20 | 0x80  # link info, name, arguments, unicode
    data = (_header(flags) + _link_info(r"C:\用户\张三\社工站数据", unicode=True)
            + _string("社工站数据文件夹") + _string("--data-dir x\0"))
    link = shortcuts.read(data)
    assert link.target == r"C:\用户\张三\社工站数据"
    assert link.arguments == "--data-dir x"  # (wine counts the closing NUL)
    assert link.working_dir is None


def test_anything_else_is_refused() -> None:
    with pytest.raises(ValueError, match="not a Windows shortcut"):
        shortcuts.read(b"[InternetShortcut]\r\nURL=file:///C:/swdesk.exe\r\n")
