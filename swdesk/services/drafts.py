"""Drafts of forms being typed, kept on disk so a crash or a closed window loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk import outfiles

log = logging.getLogger(__name__)


def _path(data_dir: Path, key: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
    return data_dir / "drafts" / f"{safe}.json"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# A draft is written by the window's timer on the GUI thread every few seconds: a short
# wait only, and a draft that cannot be written now is tried again at the next tick.
_DRAFT_DELAYS = (0.05, 0.1)


def save_draft(data_dir: Path, key: str, values: dict[str, Any]) -> bool:
    """Write the draft atomically (temp file, fsync, rename); False, with the reason in
    the log and nothing left behind, when it cannot be written now (a full disk, or the
    last draft held by antivirus or OneDrive): a draft is a safety net, never an error
    for the person typing."""
    target = _path(data_dir, key)
    tmp = target.with_suffix(".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({k: _plain(v) for k, v in values.items()}, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        outfiles.replace(tmp, target, _DRAFT_DELAYS)
    except (OSError, outfiles.FileInUseError) as exc:
        log.warning("draft %s not written now: %s", target.name, type(exc).__name__)
        tmp.unlink(missing_ok=True)
        return False
    return True


def load_draft(data_dir: Path, key: str) -> dict[str, Any] | None:
    try:
        with open(_path(data_dir, key), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def discard_draft(data_dir: Path, key: str) -> None:
    _path(data_dir, key).unlink(missing_ok=True)


def list_drafts(data_dir: Path) -> list[str]:
    folder = data_dir / "drafts"
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []
