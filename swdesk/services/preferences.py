"""The user's preferences kept in the station database (Setting table): the UI language."""

from __future__ import annotations

from swdesk import i18n
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Setting, database
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor

UI_LANGUAGE_KEY = "ui_language"


def ui_language() -> str:
    """``zh`` (the default) or ``en``: the language the window was last set to."""
    row = Setting.get_or_none(Setting.key == UI_LANGUAGE_KEY)
    value = str(row.value) if row else "zh"
    return value if value in i18n.LANGUAGES else "zh"


def set_ui_language(lang: str, actor: Actor = SYSTEM) -> None:
    """Remember the window's language and switch the core's messages to it."""
    if lang not in i18n.LANGUAGES:
        raise ValidationError(_("不支持的语言：{}", "Unsupported language: {}").format(lang))
    with database.atomic():
        Setting.replace(key=UI_LANGUAGE_KEY, value=lang).execute()
        journal.audit(actor, "settings", "setting", UI_LANGUAGE_KEY, {"value": lang})
    i18n.set_language(lang)
