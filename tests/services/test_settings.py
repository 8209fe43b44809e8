"""The typed settings: each round-trips its type, a bad stored value reads as the default
(with a log line), and a setting that does not exist is a mypy error, not a new key."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.model import Setting as SettingRow
from swdesk.settings import Setting

ROOT = Path(__file__).resolve().parents[2]
ALL: list[Setting[Any]] = [v for v in vars(settings).values() if isinstance(v, Setting)]


def _sample(setting: Setting[Any], tmp_path: Path) -> Any:
    """A value of the setting's type other than its default."""
    samples: dict[str, Any] = {"ui_language": "en", "idle_lock_minutes": 37, "complaint_days": 20,
                               "sync_package_mb": 150,
                               "sync_refused": ("ab" * 32, "cd" * 32),
                               "attachment_max_mb": 50, "keep_originals": True,
                               "work_reminded": {"wanghong": "2026-06-01", "李明": "2026-06-02"}}
    if setting.key in samples:
        return samples[setting.key]
    if setting.default is None:
        return tmp_path / "共享 文件夹"
    if isinstance(setting.default, int):
        return 1234567
    return "XM-SM-001 站"


def test_every_setting_has_its_own_key() -> None:
    keys = [s.key for s in ALL]
    assert len(ALL) >= 13 and len(set(keys)) == len(keys)


@pytest.mark.parametrize("setting", ALL, ids=lambda s: s.key)
def test_round_trip_through_the_models(setting: Setting[Any], sdb: StationDatabase,
                                       tmp_path: Path) -> None:
    value = _sample(setting, tmp_path)
    setting.set(value)
    assert setting.get() == value and type(setting.get()) is type(value)
    setting.clear()
    assert setting.get() == setting.default


@pytest.mark.parametrize("setting", ALL, ids=lambda s: s.key)
def test_round_trip_through_a_plain_connection(setting: Setting[Any], sdb: StationDatabase,
                                               tmp_path: Path) -> None:
    value = _sample(setting, tmp_path)
    con = sqlite3.connect(":memory:")
    assert setting.read(con) == setting.default  # (no setting table: the default)
    con.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    setting.write(con, value)
    assert setting.read(con) == value
    # The same text either way: what one path writes, the other reads.
    setting.set(value)
    (stored,) = con.execute("SELECT value FROM setting").fetchone()
    assert SettingRow.get_by_id(setting.key).value == stored


@pytest.mark.parametrize(("setting", "stored"), [
    (settings.ACKED_SEQ, "twelve"), (settings.SYNC_OUT_NO, "-3"),
    (settings.IDLE_LOCK_MINUTES, "0"), (settings.IDLE_LOCK_MINUTES, "junk"),
    (settings.UI_LANGUAGE, "fr"), (settings.SYNC_REFUSED, "{not json"),
    (settings.SYNC_REFUSED, '[1, 2]')], ids=lambda v: v.key if isinstance(v, Setting) else v)
def test_a_bad_stored_value_reads_as_the_default(setting: Setting[Any], stored: str,
                                                 sdb: StationDatabase,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    SettingRow.replace(key=setting.key, value=stored).execute()
    with caplog.at_level(logging.WARNING, logger="swdesk.settings"):
        assert setting.get() == setting.default
    assert [r.getMessage() for r in caplog.records] == [
        f"setting {setting.key}: stored value {stored!r} is not valid; "
        f"using the default {setting.default!r}"]


def test_a_bad_value_is_never_stored(sdb: StationDatabase) -> None:
    with pytest.raises(ValueError, match="idle_lock_minutes"):
        settings.IDLE_LOCK_MINUTES.set(0)
    with pytest.raises(ValueError, match="ui_language"):
        settings.UI_LANGUAGE.set("fr")
    assert SettingRow.select().where(SettingRow.key.in_(
        ["idle_lock_minutes", "ui_language"])).count() == 0


@pytest.mark.slow
def test_an_unknown_setting_or_a_wrong_type_fails_mypy(tmp_path: Path) -> None:
    script = tmp_path / "uses_settings.py"
    script.write_text(
        "from pathlib import Path\n"
        "from swdesk import settings\n"
        "settings.ACKED_SEQ.set(settings.ACKED_SEQ.get() + 1)\n"
        "settings.SYNC_FOLDER.set(Path('x'))\n"
        "settings.ACKED_SEKQ.get()\n"
        "settings.ACKED_SEQ.set('12')\n"
        "settings.UI_LANGUAGE.set(None)\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary",
                          "--follow-imports=silent", str(script)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["5", "6", "7"], run.stdout
    assert 'has no attribute "ACKED_SEKQ"' in errors[0]
