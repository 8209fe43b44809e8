"""How a stored value reads to a person: labels for codes, dates, yes/no, masks.

Lists, printouts and Excel exports all format through here, so a value reads
the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import peewee as pw

from swdesk import questionnaire_defs, reference
from swdesk.i18n import _
from swdesk.model import Client, Need, QuestionnaireResponse, SyncedModel, describe
from swdesk.model.described import FieldSpec, Personal, text_to_codes
from swdesk.numbers import grouped
from swdesk.pinyin import COMPOUND_SURNAMES

# The column that names a row of each linked entity, in order of preference.
_NAME_COLUMNS = ("name", "title", "case_no", "code")


def row_title(row: pw.Model | None) -> str:
    """A short human name for a row (a client's name, a record's title …)."""
    if row is None:
        return ""
    if isinstance(row, QuestionnaireResponse):  # 服务满意度调查 2026-03-02
        return f"{questionnaire_defs.title(row.questionnaire)} {row.date}"
    if isinstance(row, Need):  # whose it is first, where a record picks the need it met
        return " ".join(w for w in (row_title(row.client), reference.label(
            "service_category", row.category), str(row.raised_on or "")) if w)
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


# What a volunteer may see of a client they visit (the rota, issue 25): enough to find the
# person and know them at the door, not enough to misuse. One rule, used by every paper
# and screen that shows a client to a volunteer.
_OTHER_COMPOUNDS = frozenset((
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "公孙",
    "慕容", "宇文", "司徒", "令狐", "夏侯", "呼延", "端木",
    "轩辕", "南宫", "钟离", "独孤", "百里", "东郭", "西门",
    "闻人", "申屠", "太史", "公冶", "赫连", "拓跋",
))
# A building in an address: 12号楼, 3栋, 5幢, B座 (what stays); what follows is the door.
_BUILDING = re.compile(r"^(.*?(?:[0-9０-９A-Za-z一二三四五六七八九十]+)(?:号楼|栋|幢|座|号院))")
# 育秀二里6号1101室: the 号 is the building when a room follows it.
_BUILDING_OF_ROOM = re.compile(r"^(.*?[0-9０-９]+号)(?=[^号]*?[0-9０-９]+室)")
# 莲花新村12-503: building 12, room 503.
_BUILDING_DASH_ROOM = re.compile(r"^(.*?[0-9０-９]+)[-－][0-9０-９]+")
_FIRST_NUMBER = re.compile(r"[0-9０-９]")


def name_for_colleague(name: str) -> str:
    """A client's name for a worker who may not see the client (the work list of another
    worker's visits): the surname's first character, the rest starred."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def name_for_volunteer(name: str | None) -> str:
    """王秀英 → 王秀*, 王芳 → 王*, 欧阳明华 → 欧阳明*: the surname and, of a given name
    of two characters or more, its first; never the whole name."""
    text = (name or "").strip()
    if not text:
        return ""
    surname = 2 if text[:2] in COMPOUND_SURNAMES or text[:2] in _OTHER_COMPOUNDS else 1
    given = text[surname:]
    shown = text[:surname] + (given[:1] if len(given) >= 2 else "")
    return shown + "*" * max(len(text) - len(shown), 1)


def address_for_volunteer(address: str | None, community: str | None = None) -> str:
    """The community and the building, never the door: 莲岳里12号楼503室 → 莲岳里12号楼…,
    育秀二里6号1101室 → 育秀二里6号…, 莲花新村12-503 → 莲花新村12号…; a house's
    前埔南路88号 → 前埔南路… (its number is the door)."""
    text = (address or "").strip()
    building = _BUILDING.match(text) or _BUILDING_OF_ROOM.match(text)
    dashed = _BUILDING_DASH_ROOM.match(text)
    if building:
        shown = building.group(1)
    elif dashed:
        shown = dashed.group(1) + "号"
    else:  # a house: its number is the door
        number = _FIRST_NUMBER.search(text)
        shown = text[:number.start()] if number else text
    shown = shown.rstrip(" ,，-－")
    if shown != text:
        shown += "…"  # something (the door) was left out
    place = (community or "").strip()
    if place and place not in shown:
        shown = f"{place} {shown}".strip()
    return shown


def phone_for_volunteer(phone: str | None) -> str:
    """The last four digits only: 尾号 5678."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    if not digits:
        return ""
    return _("尾号 {}", "ending {}").format(digits[-4:]) if len(digits) > 4 else "****"


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
