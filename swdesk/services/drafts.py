"""Drafts of forms being typed, kept on disk so a crash or a closed window loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk import outfiles


def _path(data_dir: Path, key: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
    return data_dir / "drafts" / f"{safe}.json"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def save_draft(data_dir: Path, key: str, values: dict[str, Any]) -> None:
    """Write the draft atomically (temp file, fsync, rename)."""
    target = _path(data_dir, key)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({k: _plain(v) for k, v in values.items()}, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    outfiles.replace(tmp, target)  # antivirus may hold the last draft for a moment


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
