"""The sync folder: a network share (or any folder) used automatically when reachable.

Only packages go there; the live database always stays on the local disk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from swdesk import outfiles, settings
from swdesk.errors import SwdeskError, ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import database
from swdesk.os_words import reason
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import apply, enrolment, export, format
from swdesk.sync.format import PackageRefused

log = logging.getLogger(__name__)
# The SHA-256 of files in the sync folder this station refused (settings.SYNC_REFUSED):
# the same bytes are refused the same way, so automatic sync passes them by (the user's
# files stay).
_REMEMBERED = 50

def configured() -> Path | None:
    return settings.SYNC_FOLDER.get()


def reachable(folder: Path | None) -> bool:
    """The folder is there and a package can be written into it (tried, not asked of
    ``os.access``, which ignores Windows' ACLs)."""
    return folder is not None and folder.is_dir() and outfiles.can_write_in(folder)


def set_folder(folder: str | None, actor: Actor = SYSTEM) -> Path | None:
    """Configure (or, with None/"", clear) the sync folder."""
    if not folder:
        with database.atomic():
            settings.SYNC_FOLDER.set(None)
            journal.audit(actor, "setting", "setting", settings.SYNC_FOLDER.key,
                          {"cleared": True})
        return None
    path = Path(folder).expanduser().resolve()
    data_dir = Path(database.obj.database).resolve().parent
    if path == data_dir or data_dir in path.parents:
        raise ValidationError(_("同步文件夹不能放在数据目录里", "The sync folder cannot be "
                                "inside the data folder"))
    with database.atomic():
        settings.SYNC_FOLDER.set(path)
        journal.audit(actor, "setting", "setting", settings.SYNC_FOLDER.key)
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
    # files refused before and unchanged since: not tried again (file name, message)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_from(folder: Path, actor: Actor = SYSTEM) -> AutoResult:
    """Import this station's return packages from ``folder`` that are not in yet.

    A file that cannot be imported is reported and the others go on; one refused is
    remembered by its hash and passed by from then on (``sync import FILE`` tries it).
    """
    result = AutoResult()
    ident = enrolment.identity()
    last = settings.SYNC_IN_NO.get()
    refused_before = _refused_before()
    prefix = format.file_name("return", ident.station, 0)[: -len("000000" + format.SUFFIX)]
    for path in sorted(folder.glob(f"{prefix}*{format.SUFFIX}")):
        number = path.name[len(prefix): -len(format.SUFFIX)]
        if not number.isdigit() or int(number) <= last:
            continue
        try:
            digest = format.file_sha256(path)
        except OSError as exc:
            result.refused.append((path.name, _("无法读取：{}", "Cannot read it: {}").format(
                reason(exc))))
            continue
        if digest in refused_before:
            result.skipped.append((path.name, _(
                "之前已拒收，文件未改变，不再自动重试（swdesk sync import 文件 可再试）",
                "refused before and unchanged: not tried again automatically (swdesk sync "
                "import FILE tries it)")))
            continue
        try:
            done = apply.import_return(path, actor)
        except PackageRefused as exc:
            result.refused.append((path.name, str(exc)))
            _remember_refused(digest)
            continue
        except SwdeskError as exc:  # this computer's (staging, database): tried next time
            result.refused.append((path.name, str(exc)))
            continue
        except Exception:  # a bug: logged, and this file alone is not imported
            log.exception("importing %s from the sync folder failed", path.name)
            result.refused.append((path.name, _(
                "意外错误，未导入（详情见日志）", "unexpected error; not imported (details in "
                "the log)")))
            continue
        result.imported.append(done)
        last = max(last, done.number)
    return result


def _refused_before() -> tuple[str, ...]:
    return settings.SYNC_REFUSED.get()


def _remember_refused(digest: str) -> None:
    known = [h for h in _refused_before() if h != digest][-(_REMEMBERED - 1):]
    with database.atomic():
        settings.SYNC_REFUSED.set((*known, digest))


def auto(station: StationHandle, plan: export.ExportPlan = export.IN_PROCESS) -> AutoResult:
    """Sync ``station`` through its configured folder: import what the city returned,
    then export as ``plan`` allows."""
    with station.bound():
        folder = require()
        result = import_from(folder, station.actor)
        result.exported = export.export_package(station, folder, plan=plan)
    return result
