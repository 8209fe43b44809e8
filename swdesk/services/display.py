"""How a stored value reads to a person: labels for codes, dates, yes/no, masks.

Lists, printouts and Excel exports all format through here, so a value reads
the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee as pw

from swdesk import questionnaire_defs, reference
from swdesk.i18n import _
from swdesk.model import Client, QuestionnaireResponse, SyncedModel, describe
from swdesk.model.described import FieldSpec, Personal, text_to_codes
from swdesk.numbers import grouped

# The column that names a row of each linked entity, in order of preference.
_NAME_COLUMNS = ("name", "title", "case_no", "code")


def row_title(row: pw.Model | None) -> str:
    """A short human name for a row (a client's name, a record's title …)."""
    if row is None:
        return ""
    if isinstance(row, QuestionnaireResponse):  # 服务满意度调查 2026-03-02
        return f"{questionnaire_defs.title(row.questionnaire)} {row.date}"
    for column in _NAME_COLUMNS:
        value = getattr(row, column, None)
        if value:
            return str(value)
    # A row without a name (an evaluation, a complaint) reads as its first list columns,
    # never as a database id: "中期评估 第1年 2025-04-01".
    words = [format_value(row, spec) for spec in describe(type(row)).list_fields
             if spec.kind != "link"][:3]
    return " ".join(w for w in words if w) or f"#{row.get_id()}"


def name_label(model: type[SyncedModel]) -> str:
    """What the column that names a row of ``model`` is called: 姓名 for people (clients,
    volunteers, workers), 名称 for a partner organisation: the naming field's own label."""
    spec = describe(model)
    for column in _NAME_COLUMNS:
        try:
            return spec.field(column).label
        except KeyError:
            continue
    return _("名称", "Name")


def client_id_of(row: pw.Model) -> int | None:
    """The client whose personal data this row holds, for the privacy rule."""
    if isinstance(row, Client):
        return int(row.id)
    value = getattr(row, "client_id", None)
    return int(value) if value is not None else None


def format_value(row: pw.Model, spec: FieldSpec, *, show_personal: bool = False) -> str:
    """The text of one field of ``row``; personal fields masked unless ``show_personal``."""
    if spec.kind == "link":
        return row_title(getattr(row, spec.key))
    value = getattr(row, spec.key)
    if isinstance(row, QuestionnaireResponse) and value and spec.key in ("questionnaire",
                                                                         "band"):
        # codes of the questionnaire's definition, which is data, not a reference list
        return (questionnaire_defs.title(value) if spec.key == "questionnaire"
                else questionnaire_defs.band_title(row.questionnaire, value))
    if spec.personal and not show_personal:
        return mask(value, spec.personal)
    return format_plain(value, spec)


def mask(value: Any, kind: Personal) -> str:
    """The masked form of a personal value: enough to recognise, not enough to misuse."""
    if value is None or value == "":
        return ""
    text = str(value)
    match kind:
        case "id":  # 350203********1234: region and tail, as on official lists
            return text[:6] + "*" * max(len(text) - 10, 0) + text[-4:] if len(text) > 10 else "****"
        case "phone":
            digits = text.replace("-", "")
            return digits[:3] + "****" + digits[-4:] if len(digits) >= 11 else "****" + text[-2:]
        case "address":  # the district/street part stays, the house number goes
            return text[:6] + "****" if len(text) > 6 else "****"
        case "text":
            return "****"
    return text


def unbroken(code: str) -> str:
    """``code`` (a station code such as XM-SM-001) kept on one line where wrapped text
    would break it at a hyphen: word joiners, which show nothing, bind each hyphen."""
    return code.replace("-", "\u2060-\u2060")


def format_plain(value: Any, spec: FieldSpec) -> str:
    if value is None or value == "":
        return ""
    match spec.kind:
        case "choice":
            return reference.label(spec.ref_list or "", str(value))
        case "choices":
            return reference.labels(spec.ref_list or "", text_to_codes(str(value)))
        case "bool":
            return _("是", "Yes") if value else _("否", "No")
        case "date":
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        case "datetime":
            return (value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime)
                    else str(value)[:16])
        case "int" | "hours" | "money":
            return grouped(value)
    return str(value)
