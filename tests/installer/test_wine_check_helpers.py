"""The wine check's own reading of what the setup made (the check itself runs in .ci/run)."""

from __future__ import annotations

import struct
from pathlib import Path

from installer_modules import load

wine_check = load("wine_check")


def test_the_file_version_is_read_from_the_version_resource(tmp_path: Path) -> None:
    fixed = struct.pack("<IIIIII", 0xFEEF04BD, 0x00010000, (0 << 16) | 2, (0 << 16) | 1,
                        (0 << 16) | 2, (0 << 16) | 1)
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ" + bytes(500) + b"VS_VERSION_INFO".ljust(40, b"\0") + fixed + bytes(40))
    assert wine_check.file_version_of(exe) == (0, 2, 0, 1)
    exe.write_bytes(b"MZ" + bytes(500))
    assert wine_check.file_version_of(exe) is None


def test_paths_as_windows_sees_them(tmp_path: Path) -> None:
    assert wine_check.windows_path(Path("/tmp/a b/c.iss")) == r"Z:\tmp\a b\c.iss"
    places = wine_check.Places(tmp_path / "prefix" / "drive_c" / "users" / "zhang")
    assert places.windows(places.app / "swdesk.exe") == (
        r"C:\users\zhang\AppData\Local\Programs\swdesk\swdesk.exe")
    assert places.windows(places.data) == r"C:\users\zhang\AppData\Local\swdesk"
    assert {p.name for p in places.shortcuts()} == {"社工站桌面.lnk", "社工站数据文件夹.lnk"}
