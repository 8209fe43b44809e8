"""Issue 19, point 1: installer/swdesk.iss is well-formed Inno Setup script.

Inno Setup's compiler does not run here (no Windows), so the script's structure is
checked the way its documentation ("Script Format Overview", each section's page)
describes it: every line that is not blank, a ``;`` comment or a preprocessor ``#``
line belongs to a known ``[Section]``; [Setup] holds ``Directive=value``; the entry
sections hold ``Parameter: value; …`` with known parameter names, the required ones
present, quotes closed and known flags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ISS = Path(__file__).resolve().parents[2] / "installer" / "swdesk.iss"

SECTIONS = {"Setup", "Types", "Components", "Tasks", "Dirs", "Files", "Icons", "INI",
            "InstallDelete", "Languages", "Messages", "CustomMessages", "LangOptions",
            "Registry", "Run", "UninstallDelete", "UninstallRun", "Code"}

# Parameters every entry section takes ("Common Parameters", "Components and Tasks").
COMMON = {"Components", "Tasks", "Languages", "Check", "BeforeInstall", "AfterInstall",
          "MinVersion", "OnlyBelowVersion"}


@dataclass(frozen=True)
class EntrySection:
    required: frozenset[str]
    optional: frozenset[str]
    flags: frozenset[str] = frozenset()


def _entry(required: str, optional: str, flags: str = "") -> EntrySection:
    return EntrySection(frozenset(required.split()), frozenset(optional.split()) | COMMON,
                        frozenset(flags.split()))


ENTRY_SECTIONS = {
    "Tasks": _entry("Name Description", "GroupDescription Flags",
                    "checkablealone checkedonce dontinheritcheck exclusive restart unchecked"),
    "Dirs": _entry("Name", "Attribs Permissions Flags",
                   "deleteafterinstall setntfscompression uninsalwaysuninstall "
                   "uninsneveruninstall unsetntfscompression"),
    "Files": _entry(
        "Source DestDir",
        "DestName Excludes ExternalSize Attribs Permissions FontInstall StrongAssemblyName "
        "Flags Hash ISSigAllowedKeys DownloadISSigSource DownloadUserName DownloadPassword "
        "ExtractArchivePassword",
        "32bit 64bit allowunsafefiles comparetimestamp confirmoverwrite createallsubdirs "
        "deleteafterinstall dontcopy dontverifychecksum download external extractarchive "
        "fontisnttruetype gacinstall ignoreversion isreadme issigverify nocompression "
        "noencryption noregerror onlyifdestfileexists onlyifdoesntexist overwritereadonly "
        "promptifolder recursesubdirs regserver regtypelib replacesameversion "
        "restartreplace setntfscompression sharedfile sign signonce skipifsourcedoesntexist "
        "solidbreak sortfilesbyextension sortfilesbyname touch uninsnosharedfileprompt "
        "uninsremovereadonly uninsrestartdelete uninsneveruninstall unsetntfscompression"),
    "Icons": _entry(
        "Name Filename",
        "Parameters WorkingDir HotKey Comment IconFilename IconIndex AppUserModelID "
        "AppUserModelToastActivatorCLSID Flags",
        "closeonexit createonlyiffileexists dontcloseonexit excludefromshowinnewinstall "
        "foldershortcut preventpinning runmaximized runminimized uninsneveruninstall "
        "useapppaths"),
    "Languages": _entry("Name MessagesFile", "LicenseFile InfoBeforeFile InfoAfterFile"),
    "InstallDelete": _entry("Type Name", ""),
    "UninstallDelete": _entry("Type Name", ""),
    "Run": _entry(
        "Filename",
        "Description Parameters WorkingDir StatusMsg RunOnceId Verb Flags",
        "32bit 64bit hidewizard nowait postinstall runascurrentuser runasoriginaluser "
        "runhidden runmaximized runminimized shellexec skipifdoesntexist skipifnotsilent "
        "skipifsilent unchecked waituntilidle waituntilterminated"),
}
DELETE_TYPES = {"files", "filesandordirs", "dirifempty"}

SETUP_DIRECTIVE = re.compile(r"^[A-Za-z][A-Za-z0-9]*=")
MESSAGE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*=")
SECTION = re.compile(r"^\[([^\]]*)\]\s*$")
PARAMETER = re.compile(r'\s*([A-Za-z][A-Za-z0-9]*)\s*:\s*("(?:[^"]|"")*"|[^";]*)\s*(;|$)')


def parse_parameters(text: str) -> dict[str, str]:
    """``Name: "a"; Flags: x y`` → {"Name": "a", "Flags": "x y"}; ValueError if malformed."""
    params: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        m = PARAMETER.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"not 'Parameter: value' at {text[pos:]!r}")
        name, value = m.group(1), m.group(2).strip()
        if name in params:
            raise ValueError(f"parameter {name} twice")
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        elif '"' in value:
            raise ValueError(f"stray quote in {name}")
        params[name] = value
        pos = m.end()
        if m.group(3) == ";" and not text[pos:].strip():
            break  # (a trailing ';' is allowed)
    return params


def problems(script: str) -> list[str]:
    """Every structural fault of an Inno Setup script, as 'line N: what'."""
    found: list[str] = []
    section: str | None = None
    depth = 0  # #if … #endif nesting
    for number, raw in enumerate(script.splitlines(), start=1):
        line = raw.strip()

        def bad(what: str, n: int = number, text: str = raw) -> None:
            found.append(f"line {n}: {what}: {text!r}")

        header = SECTION.match(line)
        if header:
            section = header.group(1)
            if section not in SECTIONS:
                bad("unknown section")
            continue
        if line.startswith("["):
            bad("not a section header ([Name] alone on its line)")
            continue
        if line.startswith("#"):
            word = line[1:].split(maxsplit=1)[0] if line[1:].strip() else ""
            if word in ("if", "ifdef", "ifndef", "ifexist", "ifnexist"):
                depth += 1
            elif word == "endif":
                depth -= 1
                if depth < 0:
                    bad("#endif without #if")
                    depth = 0
            continue
        if section == "Code":
            continue  # Pascal Script: its own syntax, up to the next section
        if not line or line.startswith(";"):
            continue
        if section is None:
            bad("text is not inside a section")
        elif section == "Setup":
            if not SETUP_DIRECTIVE.match(line):
                bad("not 'Directive=value'")
        elif section in ("Messages", "CustomMessages", "LangOptions"):
            if not MESSAGE.match(line):
                bad("not '[language.]Name=value'")
        elif section in ENTRY_SECTIONS:
            spec = ENTRY_SECTIONS[section]
            try:
                params = parse_parameters(line)
            except ValueError as exc:
                bad(str(exc))
                continue
            for name in spec.required - params.keys():
                bad(f"{section} entry without its required {name}")
            for name in params.keys() - spec.required - spec.optional:
                bad(f"{section} has no parameter {name}")
            for flag in params.get("Flags", "").split():
                if flag not in spec.flags:
                    bad(f"{section} has no flag {flag}")
            if section.endswith("Delete") and params.get("Type") not in DELETE_TYPES:
                bad("Type must be files, filesandordirs or dirifempty")
    if depth:
        found.append(f"{depth} #if without #endif")
    return found


def test_the_script_is_utf8_with_a_bom() -> None:
    # (without the BOM Inno Setup reads the Chinese messages in the ANSI code page)
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_installer_script_is_well_formed() -> None:
    assert problems(ISS.read_text(encoding="utf-8-sig")) == []


def test_it_has_the_sections_the_install_needs() -> None:
    sections = {m.group(1) for line in ISS.read_text(encoding="utf-8-sig").splitlines()
                if (m := SECTION.match(line.strip()))}
    assert {"Setup", "Languages", "Dirs", "InstallDelete", "Files", "Icons", "Code"} <= sections


@pytest.mark.parametrize(("script", "fault"), [
    # what the script held: an entry spliced into the opening comment
    ('; a comment ([Dirs]\nName: "{app}"; Flags: uninsneveruninstall\n\n[Setup]\nAppName=x\n',
     "line 2: text is not inside a section"),
    ("[Setup]\nAppName=x\n[Dirs]) so no stale module\n", "line 3: not a section header"),
    ("[Setup]\nAppName x\n", "line 2: not 'Directive=value'"),
    ('[Files]\nSource: "a"; DestDir: "{app}"; Flags: ignoreversoin\n',
     "line 2: Files has no flag ignoreversoin"),
    ('[Files]\nSource: "a"\n', "line 2: Files entry without its required DestDir"),
    ('[Icons]\nName: "{group}\\x"; Filename: "{app}\\x.exe; WorkingDir: "{app}"\n',
     "line 2: not 'Parameter: value'"),
    ('[Icons]\nName: "x"; Filename: "y"; Workdir: "{app}"\n', "line 2: Icons has no parameter"),
    ('[Dirs]\nName "{app}"\n', "line 2: not 'Parameter: value'"),
    ('[InstallDelete]\nType: everything; Name: "{app}"\n', "line 2: Type must be"),
    ("#if X\n[Setup]\nAppName=x\n", "1 #if without #endif"),
    ("[Sетup]\n", "line 1: unknown section"),
])
def test_the_checker_finds_each_kind_of_fault(script: str, fault: str) -> None:
    assert any(p.startswith(fault) for p in problems(script)), problems(script)


def test_the_checker_accepts_what_inno_setup_accepts() -> None:
    script = (
        '; comment\n#define X "1"\n\n[Setup]\nAppName=a b\n[CustomMessages]\n'
        'english.A=Say "hi"; twice\nB=x\n[Files]\n'
        'Source: "{#X}\\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs;\n'
        '[Icons]\nName: "{group}\\a ""b"""; Filename: "{app}\\a.exe"; Tasks: desktopicon\n'
        "[Code]\nprocedure A();\nbegin\n  // anything: Pascal\nend;\n")
    assert problems(script) == []
