"""Issue 19, point 6: the setup speaks Chinese from a messages file that is in the repository.

Inno Setup ships no Chinese messages file (only its official languages); the script
used to look for one next to the compiler and quietly built an English-only setup.
"""

from __future__ import annotations

import re
from pathlib import Path

from installer_modules import INSTALLER

ISS = INSTALLER / "swdesk.iss"
LANGUAGES = INSTALLER / "languages"


def _section(name: str) -> list[str]:
    lines = ISS.read_text(encoding="utf-8-sig").splitlines()
    start = lines.index(f"[{name}]") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("[")), len(lines))
    return [line for line in lines[start:end] if line.strip() and not line.startswith((";", "#"))]


def _languages() -> list[tuple[str, str]]:
    found = []
    for line in _section("Languages"):
        params = dict(re.findall(r'(\w+):\s*"([^"]*)"', line))
        found.append((params["Name"], params["MessagesFile"]))
    return found


def test_chinese_comes_first_from_a_file_in_the_repository() -> None:
    (first, messages), *others = _languages()
    assert first == "chinesesimplified"  # also the language when Windows' is none of these
    assert not messages.startswith("compiler:")  # not something the compiler may lack
    isl = ISS.parent / Path(*messages.split("\\"))
    assert isl == LANGUAGES / "ChineseSimplified.isl" and isl.is_file()
    assert ("english", "compiler:Default.isl") in others
    setup = dict(line.split("=", 1) for line in _section("Setup"))
    assert setup["ShowLanguageDialog"] == "yes"  # English one click away on a Chinese PC


def test_the_chinese_messages_file_is_the_one_for_the_compiler_ci_uses() -> None:
    data = (LANGUAGES / "ChineseSimplified.isl").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # read as UTF-8, whatever the PC's code page
    text = data.decode("utf-8-sig")
    assert text.startswith("; *** Inno Setup version 6.4.0+ Chinese Simplified messages ***")
    assert "\nLanguageID=$0804\n" in text and "\nLanguageCodePage=936\n" in text
    messages = dict(line.split("=", 1) for line in text.splitlines()
                    if re.match(r"^\w+=", line))
    assert messages["ButtonNext"] == "下一步(&N) >"
    assert messages["CreateDesktopIcon"] == "创建桌面快捷方式(&D)"  # the script's desktop task


def test_the_licence_travels_with_it() -> None:
    licence = (LANGUAGES / "LICENSE-InnoSetup.txt").read_text(encoding="utf-8")
    assert licence.startswith("Inno Setup License")
    assert "Jordan Russell" in licence
    assert "ChineseSimplified.isl" in (LANGUAGES / "README.md").read_text(encoding="utf-8")


def test_every_custom_message_is_in_both_languages() -> None:
    names: dict[str, set[str]] = {}
    for line in _section("CustomMessages"):
        language, _, rest = line.partition(".")
        names.setdefault(language, set()).add(rest.split("=", 1)[0])
    assert set(names) == {"english", "chinesesimplified"}
    assert names["english"] == names["chinesesimplified"]


def test_the_program_goes_where_the_install_guide_says() -> None:
    setup = dict(line.split("=", 1) for line in _section("Setup"))
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\swdesk"
    assert setup["PrivilegesRequired"] == "lowest"
    guide = (INSTALLER.parent / "docs" / "install.md").read_text(encoding="utf-8")
    assert r"%LOCALAPPDATA%\Programs\swdesk" in guide
