"""Changes made at the city: corrections to a station's rows, eligibility (低保/特困),
reference-list entries, questionnaire definitions and visit rules. They reach the station
in its next return package."""

from __future__ import annotations

import json
import re
from typing import Any

from swdesk import questionnaire_defs, reference, visit_rules
from swdesk.city import audit, row_states
from swdesk.city import models as m
from swdesk.city.city_rows import data_of, param, read_city_rows
from swdesk.city.db import City
from swdesk.city.ingest import reference_codes
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.services.city_owned import CITY_OWNED
from swdesk.sync import codec

_CODE = re.compile(r"^[A-Za-z0-9_-]+$")


def correct(city: City, entity_name: str, uid: str, values: dict[str, Any], *,
            audit_as: str | None = "correct") -> dict[str, Any]:
    """Change fields of a row at the city (package form values); returns the new row.

    ``audit_as`` names the change in the hub's audit log (None: the caller logs it).
    """
    entity = codec.ENTITIES.get(entity_name)
    if entity is None or entity.append_only:
        raise ValidationError(_("不能在市级更正这类记录", "Rows of this kind cannot be "
                                "corrected at the city"))
    for key in values:
        if key != "deleted" and key not in {c.name for c in entity.columns}:
            raise ValidationError(_("未知字段 {}", "unknown field {}").format(key))
    with city.db.atomic():
        row = read_city_rows(city.db, entity, [uid]).get(uid)
        if row is None:
            raise NotFoundError(_("市级数据库中没有这条记录", "The city database has no such "
                                  "row"))
        new = {**row, **values}
        reason = codec.problem(entity, new, reference_codes())
        if reason:
            raise ValidationError(_("不能这样更正：{}", "This correction cannot be stored: {}")
                                  .format(reason))
        state = row_states.explicit(city.db, entity.name, uid)
        if state.diverged is None:  # the station still holds the city's values before this
            state.diverged = json.dumps(data_of(entity, row), ensure_ascii=False)
        state.acked_in = None
        state.save()
        p = city.db.param
        cols = [(m.column_name(c), c.kind, c.name) for c in entity.columns if c.name in values]
        if "deleted" in values:
            cols.append(("deleted", "bool", "deleted"))
        sets = ", ".join(f'"{col}" = {p}' for col, _k, _n in cols)
        city.db.execute_sql(f'UPDATE "{m.table(entity.name)}" SET {sets} WHERE uid = {p}',
                            [*(param(k, new[n]) for _c, k, n in cols), uid])
        if audit_as:
            audit.record(audit_as, entity.name, uid, {"fields": sorted(values),
                                                      "station": row["origin"]})
    return new


def set_eligibility(city: City, client_uid: str, codes: list[str]) -> dict[str, Any]:
    """Set the city-owned target groups (低保/特困) of a client, keeping the others."""
    owned = CITY_OWNED[("client", "target_groups")]
    if any(c not in owned for c in codes):
        raise ValidationError(_("只能设置 {}", "Only {} can be set here").format(
            "、".join(sorted(owned))))
    row = read_city_rows(city.db, codec.ENTITIES["client"], [client_uid]).get(client_uid)
    if row is None:
        raise NotFoundError(_("市级数据库中没有这位服务对象", "The city database has no such "
                              "client"))
    kept = [c for c in str(row.get("target_groups") or "").split(",") if c and c not in owned]
    merged = kept + sorted(codes)
    return correct(city, "client", client_uid,
                   {"target_groups": "," + ",".join(merged) + "," if merged else None},
                   audit_as="eligibility")


def add_reference(city: City, list_code: str, code: str, zh: str, en: str,
                  sort: int = 100) -> None:
    """A reference-list entry the city adds for every station."""
    if not (list_code and code and zh and en) or len(code) > 32:
        raise ValidationError(_("参考数据项不完整", "The reference item is incomplete"))
    if list_code not in reference.builtin():  # a list no field uses would reach nobody
        raise ValidationError(_("没有名为 {} 的参考数据列表（可用：{}）",
                                "There is no reference list {} (lists: {})").format(
            list_code, "、".join(sorted(reference.builtin()))))
    if not _CODE.match(code):  # several codes share one ",a,b," text at the station
        raise ValidationError(_("编码只能由字母、数字、_ 和 - 组成：{}",
                                "A code holds only letters, digits, _ and -: {}").format(code))
    with city.db.atomic():
        (m.CityRefItem.insert(list_code=list_code, code=code, zh=zh, en=en, sort=sort,
                              active=True)
         .on_conflict(conflict_target=[m.CityRefItem.list_code, m.CityRefItem.code],
                      update={m.CityRefItem.zh: zh, m.CityRefItem.en: en,
                              m.CityRefItem.sort: sort, m.CityRefItem.active: True})
         .execute())
        audit.record("reference", "ref_item", "", {"list": list_code, "code": code})


def add_questionnaire(city: City, text: str | bytes) -> questionnaire_defs.Definition:
    """A questionnaire definition (a JSON file's text) the city sends every station.

    Checked as the stations check it; a code already here takes only a higher version
    (the stations keep the newest, and a response names the version it was filled in).
    """
    defn = questionnaire_defs.loads(text)
    with city.db.atomic():
        held = m.CityQuestionnaire.get_or_none(m.CityQuestionnaire.code == defn.code)
        if held is not None and held.version >= defn.version:
            raise ValidationError(_(
                "问卷 {} 已有第 {} 版；修改后的定义请把 version 改为 {} 或更高",
                "Questionnaire {} is at version {}; give a changed definition version {} or "
                "higher").format(defn.code, held.version, held.version + 1))
        builtin = {d.code: d.version for d in questionnaire_defs.builtin()}
        if defn.version < builtin.get(defn.code, 0):
            raise ValidationError(_(
                "站点程序自带问卷 {} 的第 {} 版；较低的版本不会替换它",
                "The stations' program ships version {1} of questionnaire {0}; a lower version "
                "would not replace it").format(defn.code, builtin[defn.code]))
        (m.CityQuestionnaire.insert(code=defn.code, version=defn.version, definition=defn.text)
         .on_conflict(conflict_target=[m.CityQuestionnaire.code],
                      update={m.CityQuestionnaire.version: defn.version,
                              m.CityQuestionnaire.definition: defn.text})
         .execute())
        audit.record("questionnaire", "questionnaire", "",
                     {"code": defn.code, "version": defn.version})
    return defn


def set_visit_rule(city: City, raw: dict[str, Any]) -> visit_rules.Rule:
    """A 邻里守望 visit rule for every station (``active`` false withdraws it there),
    checked as the stations check it, against the city's reference lists."""
    known = reference_codes()
    rule = visit_rules.parse(raw, lambda list_code: known.get(list_code, frozenset()))
    with city.db.atomic():
        values = {"every_days": rule.every_days, "way": rule.way, "active": rule.active}
        (m.CityVisitRule.insert(target_group=rule.target_group, risk_level=rule.risk_level,
                                **values)
         .on_conflict(conflict_target=[m.CityVisitRule.target_group,
                                       m.CityVisitRule.risk_level],
                      update={getattr(m.CityVisitRule, k): v for k, v in values.items()})
         .execute())
        audit.record("visit-rule", "visit_rule", "", rule.as_json())
    return rule


def city_visit_rules() -> list[visit_rules.Rule]:
    """The rules the city set (withdrawn ones too), as the return packages carry them."""
    return [visit_rules.Rule(r.target_group, r.risk_level, r.every_days, r.way, r.active)
            for r in m.CityVisitRule.select().order_by(m.CityVisitRule.target_group,
                                                       m.CityVisitRule.risk_level)]
