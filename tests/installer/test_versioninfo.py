"""Issue 19, point 6: every swdesk version gets a valid Windows version resource.

A version resource holds four numbers of 0..65535; ``VersionInfoVersion={#AppVersion}``
and PyInstaller's ``filevers`` broke on a pre-release such as 0.2.0.dev1.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from installer_modules import load

versioninfo = load("versioninfo")
build = load("build")
inno = load("inno")


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 40000)),
    ("0.2.0.dev1", (0, 2, 0, 1)),
    ("0.2.0-dev1", (0, 2, 0, 1)),  # (PEP 440 spelling variants normalise)
    ("0.2.0a1", (0, 2, 0, 10001)),
    ("0.2.0b3", (0, 2, 0, 20003)),
    ("0.2.0rc2", (0, 2, 0, 30002)),
    ("0.2.0.post4", (0, 2, 0, 40004)),
    ("1.2", (1, 2, 0, 40000)),
    ("3", (3, 0, 0, 40000)),
])
def test_a_python_version_becomes_four_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert versioninfo.file_version(version) == numbers


def test_the_numbers_keep_the_order_of_the_versions() -> None:
    in_order = ["0.1.0", "0.2.0.dev1", "0.2.0.dev2", "0.2.0a1", "0.2.0b1", "0.2.0rc1",
                "0.2.0rc2", "0.2.0", "0.2.0.post1", "0.2.1.dev1", "0.10.0"]
    numbers = [versioninfo.file_version(v) for v in in_order]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.parametrize(("version", "says"), [
    ("1.2.3.4", "at most three release numbers"),
    ("0.2.0rc1.dev1", "not several"),
    ("1!0.2.0", "epoch"),
    ("0.2.0+local", "local"),
    ("0.2.0.dev10000", "below 10000"),
    ("70000.0.0", "at most 65535"),
    ("soon", "not a version"),
])
def test_versions_without_a_faithful_resource_are_refused(version: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        versioninfo.file_version(version)


def _calls(text: str) -> dict[str, list[ast.Call]]:
    tree = ast.parse(text, mode="eval")  # PyInstaller eval()s the file: one expression
    found: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            found.setdefault(node.func.id, []).append(node)
    assert found["VSVersionInfo"] == [tree.body]  # the whole file is that one call
    return found


def test_the_pyinstaller_version_file_of_a_pre_release(tmp_path: Path) -> None:
    folder = build.write_version_files("0.2.0.dev1", tmp_path / "version")
    assert sorted(p.name for p in folder.iterdir()) == ["swdesk-cli.txt", "swdesk.txt"]
    calls = _calls((folder / "swdesk-cli.txt").read_text(encoding="utf-8"))
    (fixed,) = calls["FixedFileInfo"]
    fields = {k.arg: ast.literal_eval(k.value) for k in fixed.keywords}
    assert fields["filevers"] == fields["prodvers"] == (0, 2, 0, 1)
    assert fields["flags"] == 0x2  # VS_FF_PRERELEASE
    strings = dict(tuple(ast.literal_eval(arg) for arg in call.args)
                   for call in calls["StringStruct"])
    assert strings["ProductVersion"] == strings["FileVersion"] == "0.2.0.dev1"
    assert strings["OriginalFilename"] == "swdesk-cli.exe"
    assert strings["FileDescription"] == "社工站桌面 swdesk 命令行"


def test_a_release_is_not_marked_pre_release() -> None:
    calls = _calls(versioninfo.pyinstaller_version_file("0.1.0", "swdesk", "社工站桌面"))
    fields = {k.arg: ast.literal_eval(k.value) for k in calls["FixedFileInfo"][0].keywords}
    assert fields["filevers"] == (0, 1, 0, 40000) and fields["flags"] == 0


def test_the_setup_gets_the_four_numbers_and_the_version_as_written() -> None:
    args = inno.iscc_arguments("0.2.0.dev1", r"C:\b", r"C:\o", r"C:\swdesk.iss")
    assert "/DAppVersion=0.2.0.dev1" in args and "/DFileVersion=0.2.0.1" in args
    iss = inno.ISS.read_text(encoding="utf-8-sig")
    assert "VersionInfoVersion={#FileVersion}" in iss
    assert "VersionInfoVersion={#AppVersion}" not in iss
