"""The user's preferences kept in the station database (Setting table): the UI language,
the user name the sign-in offers."""

from __future__ import annotations

from swdesk import i18n, settings
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor


def ui_language() -> str:
    """``zh`` (the default) or ``en``: the language the window was last set to."""
    return settings.UI_LANGUAGE.get()


def set_ui_language(lang: str, actor: Actor = SYSTEM) -> None:
    """Remember the window's language and switch the core's messages to it."""
    if lang not in i18n.LANGUAGES:
        raise ValidationError(_("不支持的语言：{}", "Unsupported language: {}").format(lang))
    with database.atomic():
        settings.UI_LANGUAGE.set(lang)
        journal.audit(actor, "settings", "setting", settings.UI_LANGUAGE.key, {"value": lang})
    i18n.set_language(lang)


def last_user() -> str:
    """The user name of the last sign-in here ("" before the first one)."""
    return settings.LAST_USER.get()


def remember_user(username: str) -> None:
    """Offer ``username`` at the next sign-in (after a successful one; no password)."""
    with database.atomic():
        settings.LAST_USER.set(username[:40])
