"""About facts and the after-upgrade notice, on a fresh database and one upgraded from 0001."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from swdesk import __version__, i18n, paths, settings
from swdesk.cli import main as cli_main
from swdesk.db import open_station
from swdesk.db import schema as schema_mod
from swdesk.model import AuditEntry, Setting
from swdesk.services import about


def test_version_comes_from_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    assert __version__ == version("swdesk")
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"swdesk {version('swdesk')}"


def test_about_an_empty_data_dir(data_dir: Path) -> None:
    info = about.about_info(data_dir)
    assert info.version == version("swdesk")
    assert info.data_dir == data_dir
    assert info.schema_version is None
    assert info.latest_schema == schema_mod.latest_version() >= 2
    assert info.last_upgrade is None
    assert about.pending_upgrade_notice(data_dir) is None
    assert not data_dir.exists()  # asking wrote nothing


def test_about_a_fresh_station_has_no_upgrade(sdb, data_dir: Path) -> None:
    info = about.about_info(data_dir)
    assert info.schema_version == schema_mod.latest_version()
    assert info.database == paths.db_path(data_dir)
    assert info.last_upgrade is None
    assert about.pending_upgrade_notice(data_dir) is None


def test_upgrade_from_0001_is_described_once(v1_data_dir: Path) -> None:
    data_dir = v1_data_dir
    with open_station(data_dir):
        news = about.pending_upgrade_notice(data_dir)
        assert news is not None
        assert news.from_version == 1
        assert news.to_version == schema_mod.latest_version()
        assert [m.name for m in news.migrations] == schema_mod.known_migrations()[1:]
        assert all(m.applied is not None for m in news.migrations)
        assert news.migrations[0].summary.startswith("服务对象可按姓名片段")  # its NOTE, in Chinese
        assert news.backup.is_file()
        assert news.backup.parent == paths.backups_dir(data_dir)
        assert news.backup.name.startswith("before-upgrade-v1-")

        text = about.describe_upgrade(news)
        assert "数据库已从版本 1 升级到版本" in text
        assert news.migrations[0].summary in text
        assert str(news.backup) in text

        assert about.about_info(data_dir).last_upgrade == news
        about.acknowledge_upgrade_notice(news)
        assert Setting.get_by_id(settings.UPGRADE_NOTICE_SEEN.key).value == news.backup.name
        entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
        assert entry.row_uid == settings.UPGRADE_NOTICE_SEEN.key
        assert about.pending_upgrade_notice(data_dir) is None

    # Opening again migrates nothing, makes no backup and raises no new notice;
    # the About dialog still tells about that upgrade.
    with open_station(data_dir):
        assert about.pending_upgrade_notice(data_dir) is None
        assert about.last_upgrade(data_dir) == news
    assert len(list(paths.backups_dir(data_dir).glob("*.db"))) == 1


def test_migration_note_speaks_the_current_language(tmp_path: Path) -> None:
    noted = tmp_path / "0042_noted.py"
    noted.write_text('"""Docstring."""\nNOTE = ("新增志愿者星级", "Volunteer stars added")\n'
                     "def up(migrator, db):\n    raise RuntimeError('never run')\n",
                     encoding="utf-8")
    plain = tmp_path / "0043_plain.py"
    plain.write_text('"""Partner tables:\n  five-society links.\n\nDetails."""\n', encoding="utf-8")
    assert about.migration_summary(noted) == "新增志愿者星级"
    i18n.set_language("en")
    assert about.migration_summary(noted) == "Volunteer stars added"
    assert about.migration_summary(plain) == "Partner tables: five-society links."
