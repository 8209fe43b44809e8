"""What the About dialog and the after-upgrade notice show: version, data dir, schema.

Everything here reads the database file through its own read-only connection,
so it works whether or not the station is open (and with no station at all).

"What changed at the last upgrade" is read from two facts the upgrade itself
leaves behind (``swdesk.db.connection.upgrade``): the backup it makes first, named
``before-upgrade-v<old version>-<time>.db``, and the ``schema_migration`` table,
which lists every migration with the time it was applied. A fresh database gets
no such backup, so it has no "last upgrade" and no notice.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import swdesk
from swdesk import paths, settings, support
from swdesk.db import schema
from swdesk.db.location import readonly_uri
from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor

_UPGRADE_BACKUP = re.compile(r"before-upgrade-v(\d+)-(\d{8}-\d{6})(?:-(\d+))?\.db")


@dataclass(frozen=True)
class AppliedMigration:
    name: str
    number: int
    applied: dt.datetime | None
    summary: str  # what the migration changed, in the current language where it says so


@dataclass(frozen=True)
class UpgradeNews:
    """One upgrade of the database: from which version, to which, and what it changed."""

    from_version: int
    to_version: int
    backup: Path  # the copy made before migrating
    migrations: tuple[AppliedMigration, ...]


@dataclass(frozen=True)
class AboutInfo:
    version: str  # the program's version (package metadata)
    data_dir: Path
    schema_version: int | None  # None: no station database in data_dir yet
    latest_schema: int  # the schema version this program writes
    database: Path
    last_upgrade: UpgradeNews | None = None
    licence: str = ""  # the licence in words (package metadata)
    support: str = ""  # whom to call (swdesk/support.py), or that it is not filled in


def about_info(data_dir: Path) -> AboutInfo:
    """The facts of the About dialog for ``data_dir``; never writes anything."""
    schema_version, applied = _schema_of(data_dir)
    return AboutInfo(
        version=swdesk.version(),
        data_dir=data_dir,
        schema_version=schema_version,
        latest_schema=schema.latest_version(),
        database=paths.db_path(data_dir),
        last_upgrade=(_last_upgrade(data_dir, applied, schema_version)
                      if schema_version is not None else None),
        licence=licence_text(),
        support=support_text(),
    )


def _schema_of(data_dir: Path) -> tuple[int | None, dict[str, dt.datetime | None]]:
    """The schema version of ``data_dir``'s database and when each migration was applied
    (None and nothing when it cannot be read)."""
    con = _open_readonly(paths.db_path(data_dir))
    if con is None:
        return None, {}
    try:
        return _read_schema(con)
    finally:
        con.close()


def licence_text() -> str:
    """The program's licence as its package metadata declares it, in words."""
    # (imported here: importlib.metadata cost every window start about 20 ms)
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("swdesk")
        expression = meta["License-Expression"] or meta["License"] or ""
    except PackageNotFoundError:
        expression = ""
    if expression.strip() == "MIT":
        return _("MIT 许可证：可以自由使用、复制、修改和分发，不附带任何担保",
                 "MIT licence: free to use, copy, change and share, without any warranty")
    return expression or _("见随程序提供的许可文件", "see the licence file shipped with it")


def support_text() -> str:
    """Whom to call for help, as the city filled it in (``swdesk/support.py``)."""
    contact = support.SUPPORT_CONTACT.strip()
    return contact or _("（尚未填写：市民政局发布安装包前在此填入技术支持联系方式）",
                        "(not filled in yet: the city adds its support contact to the "
                        "installer before release)")


def last_upgrade(data_dir: Path) -> UpgradeNews | None:
    """The most recent upgrade of the database in ``data_dir``, if it was ever upgraded.

    Not through :func:`about_info`: the window asks at every start, and the program's
    version and licence come from the package metadata (importlib.metadata, 20 ms)."""
    schema_version, applied = _schema_of(data_dir)
    return (_last_upgrade(data_dir, applied, schema_version)
            if schema_version is not None else None)


def pending_upgrade_notice(data_dir: Path) -> UpgradeNews | None:
    """The last upgrade, if the user has not yet been told about it (a one-time notice)."""
    news = last_upgrade(data_dir)
    if news is None:
        return None
    con = _open_readonly(paths.db_path(data_dir))
    if con is None:
        return None
    try:
        seen = settings.UPGRADE_NOTICE_SEEN.read(con)
    except sqlite3.DatabaseError:
        seen = ""
    finally:
        con.close()
    return None if seen == news.backup.name else news


def acknowledge_upgrade_notice(news: UpgradeNews, actor: Actor = SYSTEM) -> None:
    """Remember that the user has seen ``news``; needs the station open for writing."""
    with database.atomic():
        settings.UPGRADE_NOTICE_SEEN.set(news.backup.name)
        journal.audit(actor, "settings", "setting", settings.UPGRADE_NOTICE_SEEN.key,
                      {"from_version": news.from_version, "to_version": news.to_version})


def describe_upgrade(news: UpgradeNews) -> str:
    """The notice's text: versions, what changed (one line per migration), the backup."""
    lines = [_("数据库已从版本 {} 升级到版本 {}。",
               "The database was upgraded from schema {} to {}.").format(
        news.from_version, news.to_version)]
    if news.migrations:
        lines.append(_("本次更新：", "What changed:"))
        lines += [f"· {m.summary}" for m in news.migrations]
    lines.append(_("升级前的数据已备份到：{}", "The data before the upgrade were backed up to: {}")
                 .format(news.backup))
    return "\n".join(lines)


def migration_summary(path: Path) -> str:
    """What one migration file changes, read without running it.

    A migration may declare ``NOTE = ("中文", "English")``; otherwise the first
    paragraph of its docstring is used as it is.
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return path.stem
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "NOTE"):
            try:
                zh, en = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError):
                break
            return _(str(zh), str(en))
    doc = ast.get_docstring(tree) or ""
    first = doc.strip().split("\n\n", 1)[0]
    return " ".join(first.split()) or path.stem


# --- reading -------------------------------------------------------------------------------


def _open_readonly(db_file: Path) -> sqlite3.Connection | None:
    if not db_file.is_file() or db_file.stat().st_size == 0:
        return None
    try:
        return sqlite3.connect(readonly_uri(db_file), uri=True)
    except sqlite3.DatabaseError:
        return None


def _read_schema(con: sqlite3.Connection) -> tuple[int | None, dict[str, dt.datetime | None]]:
    try:
        (version,) = con.execute("PRAGMA user_version").fetchone()
        rows = con.execute(f'SELECT name, applied FROM "{schema.HISTORY_TABLE}"').fetchall()
    except sqlite3.DatabaseError:  # not a database, or no schema yet
        return None, {}
    return int(version), {str(name): _parse_time(applied) for name, applied in rows}


def _parse_time(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _last_upgrade(data_dir: Path, applied: dict[str, dt.datetime | None],
                  schema_version: int) -> UpgradeNews | None:
    found: list[tuple[str, int, int, Path]] = []
    folder = paths.backups_dir(data_dir)
    if folder.is_dir():
        for path in folder.glob("before-upgrade-v*.db"):
            match = _UPGRADE_BACKUP.fullmatch(path.name)
            if match:
                version, stamp, n = match.groups()
                found.append((stamp, int(n or 1), int(version), path))
    if not found:
        return None
    _stamp, _n, from_version, backup = max(found)
    files = {p.stem: p for p in schema.MIGRATIONS_DIR.glob("[0-9]*.py")}
    migrations = tuple(
        AppliedMigration(name, _number(name), applied[name],
                         migration_summary(files[name]) if name in files else name)
        for name in sorted(applied, key=_number) if _number(name) > from_version)
    return UpgradeNews(from_version, schema_version, backup, migrations)


def _number(name: str) -> int:
    head = name.split("_", 1)[0]
    return int(head) if head.isdigit() else -1
