"""The sync folder: a network share (or any folder) used automatically when reachable.

Only packages go there; the live database always stays on the local disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.errors import SwdeskError, ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import apply, enrolment, export, format
from swdesk.sync.format import PackageRefused


def configured() -> Path | None:
    value = enrolment.setting("sync_folder")
    return Path(value) if value else None


def reachable(folder: Path | None) -> bool:
    return folder is not None and folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def set_folder(folder: str | None, actor: Actor = SYSTEM) -> Path | None:
    """Configure (or, with None/"", clear) the sync folder."""
    if not folder:
        with database.atomic():
            enrolment.set_setting("sync_folder", "")
            journal.audit(actor, "setting", "setting", "sync_folder", {"cleared": True})
        return None
    path = Path(folder).expanduser().resolve()
    data_dir = Path(database.obj.database).resolve().parent
    if path == data_dir or data_dir in path.parents:
        raise ValidationError(_("同步文件夹不能放在数据目录里", "The sync folder cannot be "
                                "inside the data folder"))
    with database.atomic():
        enrolment.set_setting("sync_folder", str(path))
        journal.audit(actor, "setting", "setting", "sync_folder")
    return path


def require() -> Path:
    folder = configured()
    if folder is None:
        raise SwdeskError(_("没有设置同步文件夹（swdesk sync folder --set 文件夹），"
                            "请用 --out 指定",
                            "No sync folder is set (swdesk sync folder --set DIR); give --out"))
    if not reachable(folder):
        raise SwdeskError(_("同步文件夹 {} 现在无法访问（网络共享未连接？）",
                            "The sync folder {} cannot be reached now (share not connected?)")
                          .format(folder))
    return folder


@dataclass
class AutoResult:
    imported: list[apply.Imported] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # file name, message
    exported: export.Exported | None = None


def import_from(folder: Path, actor: Actor = SYSTEM) -> AutoResult:
    """Import this station's return packages from ``folder`` that are not in yet."""
    result = AutoResult()
    ident = enrolment.identity()
    last = int(enrolment.setting("sync_in_no", "0"))
    prefix = format.file_name("return", ident.station, 0)[: -len("000000" + format.SUFFIX)]
    for path in sorted(folder.glob(f"{prefix}*{format.SUFFIX}")):
        number = path.name[len(prefix): -len(format.SUFFIX)]
        if not number.isdigit() or int(number) <= last:
            continue
        try:
            done = apply.import_return(path, actor)
        except PackageRefused as exc:
            result.refused.append((path.name, str(exc)))
            continue
        result.imported.append(done)
        last = max(last, done.number)
    return result


def auto(actor: Actor = SYSTEM, *, workers: bool = False) -> AutoResult:
    """Sync through the configured folder: import what the city returned, then export
    (``workers``: see ``export.export_package``)."""
    folder = require()
    result = import_from(folder, actor)
    result.exported = export.export_package(folder, actor, workers=workers)
    return result
