"""The attachment settings as the 设置 page changes them: checked, audited, admin or head."""

from __future__ import annotations

import pytest

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.errors import PermissionDeniedError, ValidationError
from swdesk.model import AuditEntry
from swdesk.services import attachment_settings
from swdesk.services.actor import Actor


def _actor(role: str) -> Actor:
    return Actor(username=f"u_{role}", role=role, worker_id=None)


def test_a_head_changes_both_and_each_change_is_audited(sdb: StationDatabase) -> None:
    assert attachment_settings.current() == attachment_settings.AttachmentSettings(30, False)
    now = attachment_settings.change(_actor("head"), max_mb=50, keep_originals=True)
    assert now == attachment_settings.AttachmentSettings(50, True)
    assert settings.ATTACHMENT_MAX_MB.get() == 50 and settings.KEEP_ORIGINALS.get() is True
    keys = [e.row_uid for e in AuditEntry.select().where(AuditEntry.action == "setting")]
    assert keys == ["attachment_max_mb", "keep_originals"]
    attachment_settings.change(_actor("admin"), max_mb=50, keep_originals=False)
    keys = [e.row_uid for e in AuditEntry.select().where(AuditEntry.action == "setting")]
    assert keys == ["attachment_max_mb", "keep_originals", "keep_originals"]  # (only what changed)


def test_out_of_range_or_a_worker_is_refused_and_nothing_stored(sdb: StationDatabase) -> None:
    with pytest.raises(ValidationError, match="1–500 MB"):
        attachment_settings.change(_actor("admin"), max_mb=501, keep_originals=True)
    with pytest.raises(PermissionDeniedError):
        attachment_settings.change(_actor("worker"), max_mb=40, keep_originals=True)
    assert attachment_settings.current() == attachment_settings.AttachmentSettings(30, False)
