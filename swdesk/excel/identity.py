"""When two rows are the same person (or partner, or service record …).

A resident ID decides on its own: two rows with different IDs are different
people, whatever their names. Without an ID a person is recognised by name and
phone, else name and address, else name and community, so that importing the
same sheet twice adds nobody twice. Partners are recognised by their credit
code, else kind and name; service records by date, kind, category, title, place
and worker; groups by name and planned start; community activities by title and date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Agency,
    Client,
    CommunityActivity,
    Complaint,
    Evaluation,
    Partner,
    ServiceRecord,
    Station,
    SyncedModel,
    Volunteer,
    WorkGroup,
    describe,
)
from swdesk.model.base import tuples

Key = tuple[str, ...]

# The fields each kind's identity is made of.
_FIELDS: dict[type[SyncedModel], tuple[str, ...]] = {
    Client: ("id_number", "name", "phone", "address", "community"),
    Volunteer: ("id_number", "volunteer_no", "name", "phone", "community"),
    Partner: ("uscc", "kind", "name"),
    ServiceRecord: ("date", "kind", "category", "title", "place", "worker"),
    # A group or an activity of the same name starting the same day is the same one.
    WorkGroup: ("name", "planned_start"),
    CommunityActivity: ("title", "planned_on"),
    # An agency by its credit code, else its name; a station by its code; a project's
    # evaluation by its kind and execution year; a complaint by the day, channel and words.
    Agency: ("uscc", "name"),
    Station: ("code",),
    Evaluation: ("project", "kind", "year_no"),
    Complaint: ("received_on", "channel", "content"),
}


_NOT_DIGITS = re.compile(r"[^0-9]")
_SPACES = re.compile(r"\s+")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def canonical(key: str, value: Any) -> str:
    """The form two values of an identity field are compared in.

    Cheap on purpose (no full validation): phones by their digits, ID numbers and
    codes folded to half-width capitals without spaces, so "138-0000-1234" finds
    13800001234.
    """
    text = _text(value)
    if key == "phone":
        return _NOT_DIGITS.sub("", unicodedata.normalize("NFKC", text))
    if key in ("id_number", "uscc", "volunteer_no"):
        return _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()
    return text


def key_values(model: type[SyncedModel], raw: Mapping[str, Any]) -> dict[str, str]:
    """The identity fields of a sheet row in their compared form.

    Dates and choices are parsed (a record's 2025/3/8 and 小组 are 2025-03-08 and
    group); a value that does not parse is left out: the row's own check reports it.
    """
    entity = describe(model)
    out: dict[str, str] = {}
    for key in _FIELDS.get(model, ()):
        value = raw.get(key)
        if value is None:
            continue
        spec = entity.field(key)
        if spec.kind in ("date", "choice"):
            try:
                value = spec.parse(value)
                if spec.kind == "choice":
                    value = reference.resolve(spec.ref_list or "", value)
            except ValidationError:
                continue
        out[key] = canonical(key, value)
    return out


def keys_of(model: type[SyncedModel], v: Mapping[str, Any], *, stored: bool = False
            ) -> list[Key]:
    """Identity keys of a row, strongest first.

    A sheet row (``stored`` False) gets one key; a stored row is filed under every
    key it has, so a sheet row without an ID still finds a person registered with one.
    """
    get = lambda k: canonical(k, v.get(k))  # noqa: E731
    keys: list[Key] = []
    if model in (Client, Volunteer):
        if get("id_number"):
            keys.append(("id", get("id_number")))
            if not stored:
                return keys
        if model is Volunteer and get("volunteer_no"):
            keys.append(("no", get("volunteer_no")))
            if not stored:
                return keys
        name = get("name")
        if not name:
            return keys
        if get("phone"):
            keys.append(("name+phone", name, get("phone")))
        if model is Client and get("address"):
            keys.append(("name+address", name, get("address")))
        if stored or not keys or keys[-1][0] == "id":
            keys.append(("name+community", name, get("community")))
        return keys if stored else keys[:1]
    if model is Partner:
        if get("uscc"):
            keys.append(("uscc", get("uscc")))
            if not stored:
                return keys
        if get("name"):
            keys.append(("name", get("kind"), get("name")))
        return keys
    if model is ServiceRecord and get("date") and get("title"):
        keys.append(("record", get("date"), get("kind"), get("category"), get("title"),
                     get("place"), get("worker")))
    if model is WorkGroup and get("name"):
        keys.append(("group", get("name"), get("planned_start")))
    if model is CommunityActivity and get("title") and get("planned_on"):
        keys.append(("activity", get("title"), get("planned_on")))
    if model is Agency:
        if get("uscc"):
            keys.append(("uscc", get("uscc")))
            if not stored:
                return keys
        if get("name"):
            keys.append(("agency", get("name")))
    if model is Station and get("code"):
        keys.append(("station", get("code")))
    if model is Evaluation and get("project") and get("kind"):
        keys.append(("evaluation", get("project"), get("kind"), get("year_no")))
    if model is Complaint and get("received_on") and get("content"):
        keys.append(("complaint", get("received_on"), get("channel"), get("content")))
    return keys


def key_of(model: type[SyncedModel], values: Mapping[str, Any]) -> Key | None:
    keys = keys_of(model, values)
    return keys[0] if keys else None


def existing_index(model: type[SyncedModel]) -> dict[Key, int]:
    """Identity key -> id of every live row of ``model`` (one query)."""
    names = _FIELDS.get(model, ())
    columns = [model._meta.fields[n] for n in names]
    index: dict[Key, int] = {}
    for row in tuples(model.live().select(model.id, *columns)):
        values = dict(zip(names, row[1:], strict=True))
        for key in keys_of(model, values, stored=True):
            index.setdefault(key, int(row[0]))
    return index


def describe_key(key: Key) -> str:
    """How the match reads in the report, without repeating personal values."""
    return {
        "id": _("身份证号相同", "same resident ID"),
        "no": _("志愿者编号相同", "same volunteer number"),
        "name+phone": _("姓名和电话相同", "same name and phone"),
        "name+address": _("姓名和住址相同", "same name and address"),
        "name+community": _("姓名和社区相同", "same name and community"),
        "uscc": _("统一社会信用代码相同", "same credit code"),
        "name": _("类型和名称相同", "same kind and name"),
        "record": _("日期、形式、类别、主题、地点和社工都相同",
                    "same date, kind, category, title, place and worker"),
        "group": _("小组名称和计划开始日期相同", "same group name and planned start"),
        "activity": _("活动名称和日期相同", "same activity and date"),
        "agency": _("机构名称相同", "same agency name"),
        "station": _("站点编码相同", "same station code"),
        "evaluation": _("项目、评估类型和执行年度相同", "same project, kind and execution year"),
        "complaint": _("受理日期、渠道和内容相同", "same date received, channel and content"),
    }.get(key[0], "")
