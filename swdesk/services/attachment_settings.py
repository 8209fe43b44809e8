"""The station's attachment settings as the 设置 page changes them: the largest file a
person may attach and whether cleaned full-size originals are kept (issue 24).

The settings themselves are declared in ``swdesk.settings``; changing them is a station
decision, so only an administrator or the station head may, and each change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from swdesk import settings
from swdesk.errors import PermissionDeniedError, ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import journal
from swdesk.services.actor import Actor

MAY_CHANGE = frozenset({"admin", "head"})


@dataclass(frozen=True)
class AttachmentSettings:
    max_mb: int  # the largest file attached, in MB
    keep_originals: bool  # keep the cleaned full-size original beside the print-size copy


def current() -> AttachmentSettings:
    return AttachmentSettings(settings.ATTACHMENT_MAX_MB.get(), settings.KEEP_ORIGINALS.get())


def may_change(actor: Actor) -> bool:
    return actor.role in MAY_CHANGE


def change(actor: Actor, *, max_mb: int, keep_originals: bool) -> AttachmentSettings:
    """Store both settings (an audit entry for each that changed); the settings now."""
    if not may_change(actor):
        raise PermissionDeniedError(_("只有管理员或站长可以修改附件设置",
                                      "Only an administrator or the station head may change "
                                      "the attachment settings"))
    low, high = settings.ATTACHMENT_MAX_MB_RANGE
    if not low <= int(max_mb) <= high:
        raise ValidationError(_("单个文件的大小上限应在 {}–{} MB 之间",
                                "The largest file must be between {} and {} MB").format(
            low, high), "max_mb")
    before = current()
    with database.atomic():
        if int(max_mb) != before.max_mb:
            settings.ATTACHMENT_MAX_MB.set(int(max_mb))
            journal.audit(actor, "setting", "setting", settings.ATTACHMENT_MAX_MB.key,
                          {"value": int(max_mb)})
        if bool(keep_originals) != before.keep_originals:
            settings.KEEP_ORIGINALS.set(bool(keep_originals))
            journal.audit(actor, "setting", "setting", settings.KEEP_ORIGINALS.key,
                          {"value": bool(keep_originals)})
    return current()
