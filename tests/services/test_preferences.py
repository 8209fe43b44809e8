"""The UI language preference lives in the database and drives the core's messages."""

from __future__ import annotations

import pytest

from swdesk import i18n
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.model import AuditEntry, Setting
from swdesk.services import preferences


def test_language_defaults_to_chinese(sdb: StationDatabase) -> None:
    assert preferences.ui_language() == "zh"


def test_setting_english_is_stored_audited_and_applied(sdb: StationDatabase) -> None:
    preferences.set_ui_language("en")
    assert Setting.get(Setting.key == "ui_language").value == "en"
    assert preferences.ui_language() == "en"
    assert i18n.language() == "en"
    assert AuditEntry.select().where(AuditEntry.action == "settings").count() == 1


def test_unknown_language_is_refused_and_nothing_written(sdb: StationDatabase) -> None:
    with pytest.raises(ValidationError):
        preferences.set_ui_language("fr")
    assert Setting.get_or_none(Setting.key == "ui_language") is None
