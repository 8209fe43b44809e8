"""邻里守望 visit rules as data: how often a target group (at a risk level) is visited.

The defaults ship as ``swdesk/data/visit-rules.json`` (reasons in docs/visit-rules.md) and
are copied into ``visit_rule`` when they change, as the built-in questionnaires are; a rule
the city sent (``source`` city, in a return package's ``visit_rules.jsonl``) stays. Every
rule, wherever it comes from, goes through :func:`parse`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from swdesk import reference, settings
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.visits import VisitRule

MAX_EVERY_DAYS = 366
_KEYS = frozenset({"target_group", "risk_level", "every_days", "way", "active"})


@dataclass(frozen=True, slots=True)
class Rule:
    target_group: str  # '' = any group (a rule by risk level alone)
    risk_level: str  # '' = any level
    every_days: int  # 0 with active False: the city withdrew the rule
    way: str
    active: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"target_group": self.target_group, "risk_level": self.risk_level,
                "every_days": self.every_days, "way": self.way, "active": self.active}


# What a care visit is recorded as (its 近邻服务类别 and 服务领域), by the client's target
# groups: the first group of the table the client has decides; others are 关爱, community.
_CARE_CATEGORY: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"elderly", "elderly_alone", "elderly_empty_nest"}), "jinglao", "welfare"),
    (frozenset({"child_difficult", "child_left_behind"}), "fuyou", "welfare"),
    (frozenset({"disabled"}), "zhucan", "rehab"),
    (frozenset({"dibao", "tekun", "low_income", "women_difficult"}), "jikun", "assistance"),
)


def care_category(groups: Collection[str]) -> tuple[str, str]:
    """The category and field a care visit to a client of ``groups`` is recorded under:
    one rule for the work list's visits, the rota's returned slips and the demo."""
    for wanted, category, field in _CARE_CATEGORY:
        if wanted & set(groups):
            return category, field
    return "guanai", "community"


def _bad(message_zh: str, message_en: str) -> ValidationError:
    return ValidationError(_("探访规则不正确：" + message_zh, "Bad visit rule: " + message_en))


Codes = Callable[[str], Collection[str]]  # list code -> its codes


def _code(raw: dict[str, Any], key: str, list_code: str, codes: Codes, *,
          empty_ok: bool) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _bad(f"{key} 应为文字", f"{key} must be text")
    if value == "" and empty_ok:
        return ""
    known = codes(list_code)
    if known and value not in known:  # (an empty table: before the lists are installed)
        raise _bad(f"{key} 的代码“{value}”不在列表 {list_code} 中",
                   f"{key} code {value!r} is not in list {list_code}")
    return value


def parse(raw: Any, codes: Codes | None = None) -> Rule:
    """A rule from its JSON form, checked against the reference lists (``codes``: the
    hub's own; by default the open station's)."""
    codes = codes or reference.codes
    if not isinstance(raw, dict):
        raise _bad("应为 JSON 对象", "must be a JSON object")
    unknown = set(raw) - _KEYS
    if unknown:
        raise _bad("未知字段 " + "、".join(sorted(unknown)),
                   "unknown fields " + ", ".join(sorted(unknown)))
    group = _code(raw, "target_group", "target_group", codes, empty_ok=True)
    risk = _code(raw, "risk_level", "risk_level", codes, empty_ok=True)
    if not group and not risk:
        raise _bad("人员类别和风险等级至少填一项", "give a target group, a risk level or both")
    active = raw.get("active", True)
    if not isinstance(active, bool):
        raise _bad("active 应为 true 或 false", "active must be true or false")
    every = raw.get("every_days")
    if isinstance(every, bool) or not isinstance(every, int) \
            or not (1 <= every <= MAX_EVERY_DAYS or (every == 0 and not active)):
        raise _bad(f"探访周期应为 1–{MAX_EVERY_DAYS} 天",
                   f"every_days must be 1–{MAX_EVERY_DAYS}")
    way = _code(raw, "way", "contact_way", codes, empty_ok=False)
    return Rule(group, risk, every, way, active)


@cache
def _builtin_text() -> str:
    return files("swdesk.data").joinpath("visit-rules.json").read_text(encoding="utf-8")


def builtin() -> list[Rule]:
    return [parse(r) for r in json.loads(_builtin_text())["rules"]]


def store(rule: Rule, source: str) -> bool:
    """Keep ``rule`` for its group and level; True if the table changed.

    A built-in rule does not replace one the city sent; a withdrawn rule (``active``
    false) from the city removes the rule of its group and level.
    """
    held = VisitRule.get_or_none((VisitRule.target_group == rule.target_group)
                                 & (VisitRule.risk_level == rule.risk_level))
    if held is not None and source == "builtin" and held.source == "city":
        return False
    if not rule.active:
        if held is None:
            return False
        held.delete_instance()
        return True
    if held is not None and (held.every_days, held.way, held.source) == (
            rule.every_days, rule.way, source):
        return False
    (VisitRule.insert(target_group=rule.target_group, risk_level=rule.risk_level,
                      every_days=rule.every_days, way=rule.way, source=source)
     .on_conflict(conflict_target=[VisitRule.target_group, VisitRule.risk_level],
                  update={VisitRule.every_days: rule.every_days, VisitRule.way: rule.way,
                          VisitRule.source: source})
     .execute())
    return True


def install_builtin(today: dt.date | None = None) -> None:
    """Bring the built-in rules into the database when they changed since last time."""
    digest = hashlib.sha256(_builtin_text().encode()).hexdigest()
    if settings.VISIT_RULES_HASH.get() == digest:
        return
    with database.atomic():
        for rule in builtin():
            store(rule, "builtin")
        if not settings.VISIT_RULES_SINCE.get():
            settings.VISIT_RULES_SINCE.set((today or dt.date.today()).isoformat())
        settings.VISIT_RULES_HASH.set(digest)


def since() -> dt.date | None:
    """The day visit rules came to this station (None before they were installed)."""
    text = settings.VISIT_RULES_SINCE.get()
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def table(db: Any) -> dict[tuple[str, str], tuple[int, str]]:
    """The stored rules: (target group, risk level) -> (every_days, way)."""
    return {(str(g), str(r)): (int(e), str(w)) for g, r, e, w in db.execute_sql(
        "SELECT target_group, risk_level, every_days, way FROM visit_rule")}


def shortest(by: dict[tuple[str, str], tuple[int, str]], groups: list[str],
             risk: str) -> tuple[int, str] | None:
    """The (every_days, way) of the shortest rule for a client of ``groups`` whose open
    case is at ``risk`` ('' for none); None when no rule fits."""
    best: tuple[int, str] | None = None
    levels = ("", risk) if risk else ("",)
    for group in ("", *groups):
        for level in levels:
            if group or level:
                rule = by.get((group, level))
                if rule is not None and (best is None or rule[0] < best[0]):
                    best = rule
    return best


def rules() -> list[VisitRule]:
    return list(VisitRule.select().order_by(VisitRule.target_group, VisitRule.risk_level))
