"""The Windows version resource of swdesk.exe / swdesk-cli.exe and of the setup.

A Windows version resource holds the file version as four numbers of 0..65535,
while swdesk's version is a Python one (PEP 440) such as ``0.2.0.dev1``. The
fourth number says the release stage, so that versions keep their order:

* ``X.Y.Z.devN`` -> X.Y.Z.N            (N < 10000)
* ``X.Y.ZaN``    -> X.Y.Z.(10000 + N)
* ``X.Y.ZbN``    -> X.Y.Z.(20000 + N)
* ``X.Y.ZrcN``   -> X.Y.Z.(30000 + N)
* ``X.Y.Z``      -> X.Y.Z.40000
* ``X.Y.Z.postN``-> X.Y.Z.(40000 + N)

The text fields (ProductVersion, FileVersion string) keep the version as written,
which is what Explorer's "详细信息" tab shows. Used by installer/build.py (the
PyInstaller ``version=`` file, the setup's ``/DFileVersion``) and by the wine check.
"""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

FINAL = 40000
STAGE_BASE = {"a": 10000, "b": 20000, "rc": 30000}
STAGE_WIDTH = 10000
PART_MAX = 65535

COMPANY = "swdesk"
PRODUCT = "swdesk 社工站桌面"
COPYRIGHT = "MIT License"


def file_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a version resource for a Python version; ValueError if none fit."""
    try:
        parsed = Version(version)
    except InvalidVersion as exc:
        raise ValueError(f"not a version: {version!r}") from exc
    if parsed.epoch or parsed.local is not None:
        raise ValueError(f"{version}: an epoch or a local part has no place in a Windows version")
    if len(parsed.release) > 3:
        raise ValueError(f"{version}: at most three release numbers (X.Y.Z); "
                         "the fourth says the release stage")
    stages = [parsed.dev is not None, parsed.pre is not None, parsed.post is not None]
    if sum(stages) > 1:
        raise ValueError(f"{version}: one of .devN, aN/bN/rcN or .postN, not several")
    if parsed.dev is not None:
        fourth = _within_stage(version, parsed.dev, 0)
    elif parsed.pre is not None:
        letter, number = parsed.pre
        fourth = _within_stage(version, number, STAGE_BASE[letter])
    elif parsed.post is not None:
        fourth = _within_stage(version, parsed.post, FINAL)
    else:
        fourth = FINAL
    major, minor, micro = (*parsed.release, 0, 0)[:3]
    numbers = (major, minor, micro, fourth)
    if any(n > PART_MAX for n in numbers):
        raise ValueError(f"{version}: each number of a Windows version is at most {PART_MAX}")
    return numbers


def _within_stage(version: str, number: int, base: int) -> int:
    if number >= STAGE_WIDTH:
        raise ValueError(f"{version}: a dev, pre- or post-release number below {STAGE_WIDTH}")
    return base + number


def dotted(numbers: tuple[int, int, int, int]) -> str:
    return ".".join(str(n) for n in numbers)


def pyinstaller_version_file(version: str, exe_name: str, description: str) -> str:
    """The text of a PyInstaller ``version=`` file (a VSVersionInfo expression) for one exe."""
    numbers = file_version(version)
    # VS_FF_PRERELEASE: Windows' own mark for a dev, alpha, beta or rc build.
    flags = 0x2 if Version(version).is_prerelease else 0x0
    strings = [
        ("CompanyName", COMPANY),
        ("FileDescription", description),
        ("FileVersion", version),
        ("InternalName", exe_name),
        ("LegalCopyright", COPYRIGHT),
        ("OriginalFilename", f"{exe_name}.exe"),
        ("ProductName", PRODUCT),
        ("ProductVersion", version),
    ]
    string_structs = ",\n".join(f"          StringStruct({key!r}, {value!r})"
                                for key, value in strings)
    # 0x0804 / 1200: Chinese (PRC), Unicode; Explorer shows these strings whatever its language.
    return f"""# UTF-8
# Made by installer/versioninfo.py from swdesk {version}; not edited by hand.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags={flags:#x},
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080404b0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
