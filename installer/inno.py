"""Inno Setup's compiler (ISCC) and swdesk.iss: the arguments build.py and the wine check pass."""

from __future__ import annotations

from pathlib import Path

import versioninfo

ISS = Path(__file__).resolve().parent / "swdesk.iss"


def iscc_arguments(version: str, bundle: str, output: str, iss: str) -> list[str]:
    """ISCC's arguments for swdesk.iss (paths as the compiler sees them: Windows paths)."""
    file_version = versioninfo.dotted(versioninfo.file_version(version))
    return [f"/DAppVersion={version}", f"/DFileVersion={file_version}",
            f"/DBundleDir={bundle}", f"/DOutputDir={output}", iss]
