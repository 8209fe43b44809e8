"""Questionnaires filled in: definitions by code, answers checked and scored, responses saved.

The definitions are data (``swdesk.questionnaire_defs``); this module reads them from the
``questionnaire`` table, scores a set of answers (each part's subtotal, the total, the band
and the rules that change it), saves a response through ``crud`` (audit and change log)
and compares a client's pre-test with the post-test. Answers are personal data: a
response about a client follows that client's rule (``privacy.may_reveal``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from swdesk import privacy
from swdesk.errors import NotFoundError, PermissionDeniedError, ValidationError
from swdesk.i18n import _
from swdesk.model import Case, GroupMember, WorkGroup, database
from swdesk.model.questionnaires import Questionnaire, QuestionnaireResponse
from swdesk.questionnaire_defs import MAX_TEXT_ANSWER as _MAX_TEXT
from swdesk.questionnaire_defs import Adjustment, Band, Definition, Item, loads
from swdesk.services import crud
from swdesk.services.actor import Actor

__all__ = ["Change", "Definition", "PartScore", "Scored", "check", "compare", "definition",
           "definitions", "group_changes", "record", "score", "stored_answers", "tally"]


@dataclass(frozen=True)
class PartScore:
    code: str
    label: str
    score: int
    max_score: int
    answered: int
    items: int


@dataclass(frozen=True)
class Scored:
    score: int  # the total of the scored answers given
    mean: float | None  # the total over the scored answers given
    band: Band | None  # after the rules that change it
    parts: tuple[PartScore, ...]
    initial_band: Band | None = None  # from the score alone
    applied: tuple[Adjustment, ...] = ()  # the rules that changed it
    complete: bool = True  # every required item answered

    @property
    def band_code(self) -> str | None:
        return self.band.code if self.band is not None else None


def definitions(*, include_inactive: bool = False) -> list[Definition]:
    """Every stored definition, in the order of their Chinese names' codes."""
    rows = Questionnaire.select().order_by(Questionnaire.code)
    return [loads(r.definition) for r in rows if include_inactive or r.active]


def definition(code: str) -> Definition:
    row = Questionnaire.get_or_none(Questionnaire.code == code)
    if row is None:
        raise NotFoundError(_("没有编码为 {} 的问卷", "There is no questionnaire {}").format(code))
    return loads(row.definition)


def _number(defn: Definition, item: Item) -> int:
    return defn.items.index(item) + 1


def _name(defn: Definition, item: Item) -> str:
    return _("第 {} 题“{}”", "Item {} ({})").format(_number(defn, item), item.label)


def check(defn: Definition, answers: Mapping[str, Any]) -> dict[str, str]:
    """The answers as stored (item code -> answer code or text), or ValidationError
    naming every item that is unanswered, answered with what it does not offer, or unknown.
    """
    errors: dict[str, str] = {}
    out: dict[str, str] = {}
    for key in answers:
        if defn.item(str(key)) is None:
            errors[str(key)] = _("问卷“{}”中没有编码为 {} 的题目", "{} has no item {}").format(
                defn.label, str(key)[:20])
    for item in defn.items:
        raw = answers.get(item.code)
        value = "" if raw is None else str(raw).strip()
        if not value:
            if item.required:
                errors[item.code] = _("{}：请选择一个答案", "{}: choose an answer").format(
                    _name(defn, item)) if item.kind == "choice" else _(
                    "{}：不能为空", "{}: required").format(_name(defn, item))
            continue
        if item.kind == "text":
            if len(value) > _MAX_TEXT:
                errors[item.code] = _("{}：不能超过 {} 字", "{}: at most {} characters").format(
                    _name(defn, item), _MAX_TEXT)
            out[item.code] = value
        elif item.option(value) is None:
            errors[item.code] = _("{}：“{}”不是可选的答案（可选：{}）",
                                  "{}: “{}” is not one of its answers ({})").format(
                _name(defn, item), value[:20], "、".join(
                    f"{o.code} {o.label}" for o in item.options))
        else:
            out[item.code] = value
    if errors:
        raise ValidationError(errors)
    return out


def tally(defn: Definition, answers: Mapping[str, Any]) -> Scored:
    """Subtotals, total and band of the answers given so far, never refusing: what the
    form shows while it is being filled in. The band is given once it is complete."""
    parts: list[PartScore] = []
    total = counted = 0
    complete = True
    for part in defn.parts:
        subtotal = answered = 0
        for item in part.items:
            value = str(answers.get(item.code) or "").strip()
            given = bool(value) and (item.kind == "text" or item.option(value) is not None)
            complete = complete and (given or not item.required)
            if given and item.scored:
                subtotal += item.score_of(value)
                answered += 1
        parts.append(PartScore(part.code, part.label, subtotal, part.max_score, answered,
                               sum(1 for i in part.items if i.scored)))
        total += subtotal
        counted += answered
    mean = round(total / counted, 2) if counted else None
    if not complete or not defn.bands:
        return Scored(total, mean, None, tuple(parts), complete=complete)
    reading = total if defn.basis == "sum" else (mean or 0.0)
    initial = next((b for b in defn.bands if reading >= b.min), defn.bands[-1])
    band, applied = _adjusted(defn, initial, answers)
    return Scored(total, mean, band, tuple(parts), initial, applied, complete)


def _adjusted(defn: Definition, initial: Band,
              answers: Mapping[str, Any]) -> tuple[Band, tuple[Adjustment, ...]]:
    """The band after the definition's rules: a rule that sets a band wins (昏迷: 能力完全
    丧失); otherwise the largest raise counts once, from the initial band (several
    conditions "在原有能力级别上提高一个级别" raise it one band, not one each)."""
    matching = tuple(a for a in defn.adjustments
                     if str(answers.get(a.item) or "").strip() in a.values)
    setting = next((a for a in matching if a.set_band is not None), None)
    if setting is not None:
        band = defn.band(setting.set_band)
        assert band is not None  # (parse checked it)
        return band, (setting,)
    raising = tuple(a for a in matching if a.raise_by)
    if not raising:
        return initial, ()
    index = min(defn.bands.index(initial) + max(a.raise_by for a in raising),
                len(defn.bands) - 1)
    return defn.bands[index], raising


def score(defn: Definition, answers: Mapping[str, Any]) -> Scored:
    """The score of a complete, valid set of answers; ValidationError otherwise."""
    return tally(defn, check(defn, answers))


def record(actor: Actor, code: str, phase: str, answers: Mapping[str, Any], *,
           date: dt.date | str, client_id: int | None = None, case_id: int | None = None,
           work_group_id: int | None = None, activity_id: int | None = None,
           worker_id: int | None = None, note: str | None = None) -> QuestionnaireResponse:
    """Save one filled-in questionnaire with its score and band; nothing is written when
    anything is wrong (every bad answer and field named in one ValidationError)."""
    defn = definition(code)
    if not defn.active:
        raise ValidationError(_("问卷“{}”已停用，不能再填写", "{} is withdrawn and cannot be "
                                "filled in").format(defn.label), "questionnaire")
    errors: dict[str, str] = {}
    try:
        cleaned = check(defn, answers)
    except ValidationError as exc:
        errors.update(exc.errors)
        cleaned = {}
    if case_id is not None:
        case = Case.get_or_none((Case.id == case_id) & (Case.deleted == False))  # noqa: E712
        if case is not None and client_id is None:
            client_id = case.client_id  # a case's questionnaire is about its client
        elif case is not None and case.client_id != client_id:
            errors["case"] = _("个案与服务对象不一致", "The case belongs to another client")
    group = None if work_group_id is None else WorkGroup.get_or_none(
        (WorkGroup.id == work_group_id) & (WorkGroup.deleted == False))  # noqa: E712
    if group is not None and phase in ("pre", "post") and client_id is not None and not (
            GroupMember.live().where((GroupMember.work_group == group.id)
                                     & (GroupMember.client == client_id)).exists()):
        errors["client"] = _("前测、后测只为本小组的组员填写",
                             "Pre- and post-tests are for the group's members")
    if (group is not None and group.scale and phase in ("pre", "post")
            and group.scale != defn.code):
        errors["questionnaire"] = _("本小组的前后测用“{}”", "This group measures with {}"
                                    ).format(definition(group.scale).label)
    if client_id is None and (defn.health or phase in ("pre", "post", "assessment")):
        errors["client"] = _("请选择服务对象：“{}”是关于一个人的", "Choose the client: {} is "
                             "about one person").format(defn.label)
    values = {k: v for k, v in (("phase", phase), ("date", date), ("client", client_id),
                                ("case", case_id), ("work_group", work_group_id),
                                ("activity", activity_id), ("worker", worker_id),
                                ("note", note)) if v is not None}
    try:
        crud.clean(QuestionnaireResponse, values)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    scored = tally(defn, cleaned)
    derived = {"questionnaire": defn.code, "q_version": defn.version,
               "answers": json.dumps(cleaned, ensure_ascii=False, sort_keys=True),
               "score": scored.score, "band": scored.band_code}
    with database.atomic():
        row = crud.create(QuestionnaireResponse, values, actor, derived=derived)
        if group is not None and not group.scale and phase in ("pre", "post"):
            # The group's first measure names its scale: the others compare with it.
            group.scale = defn.code
            crud.touch(group, actor, ["scale"])
    return row


def stored_answers(actor: Actor, response: QuestionnaireResponse) -> dict[str, str]:
    """The answers of a saved response, for one who may see them (privacy.py's rule for
    the client it is about; health data such as the ability assessment included)."""
    if not privacy.may_reveal(actor, response):
        raise PermissionDeniedError(_(
            "您无权查看这份问卷的答案（只有负责该个案的社工、站长和管理员可以查看）",
            "You may not see this questionnaire's answers (only the case's own worker, the "
            "station head and administrators may)"))
    value = json.loads(response.answers)
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Change:
    """One client's pre-test against the post-test of the same questionnaire."""

    client_id: int | None
    pre_score: int
    post_score: int
    pre_band: str | None
    post_band: str | None
    parts: tuple[tuple[str, int, int], ...]  # (part label, pre, post)
    same_version: bool

    @property
    def delta(self) -> int:
        return self.post_score - self.pre_score


def compare(pre: QuestionnaireResponse, post: QuestionnaireResponse) -> Change:
    """The change from ``pre`` to ``post`` (totals, bands, each part's subtotal)."""
    if pre.questionnaire != post.questionnaire:
        raise ValidationError(_("前测和后测不是同一份问卷", "The pre- and post-test are not the "
                                "same questionnaire"))
    if pre.client_id != post.client_id:
        raise ValidationError(_("前测和后测不是同一位服务对象的", "The pre- and post-test are "
                                "not of the same client"))
    defn = definition(pre.questionnaire)
    before = tally(defn, json.loads(pre.answers))
    after = tally(defn, json.loads(post.answers))
    parts = tuple((a.label, a.score, b.score) for a, b in zip(before.parts, after.parts,
                                                              strict=True)
                  if a.max_score)
    return Change(pre.client_id, int(pre.score or 0), int(post.score or 0), pre.band,
                  post.band, parts, pre.q_version == post.q_version)


def group_changes(work_group_id: int, code: str) -> list[Change]:
    """Each member's change in a group: their latest pre-test and latest post-test of
    ``code`` (members with only one of the two are left out)."""
    rows = (QuestionnaireResponse.select()
            .where((QuestionnaireResponse.work_group == work_group_id)
                   & (QuestionnaireResponse.questionnaire == code)
                   & (QuestionnaireResponse.deleted == False)  # noqa: E712
                   & (QuestionnaireResponse.phase.in_(("pre", "post"))))
            .order_by(QuestionnaireResponse.date, QuestionnaireResponse.id))
    latest: dict[tuple[int | None, str], QuestionnaireResponse] = {}
    for row in rows:
        latest[(row.client_id, row.phase)] = row
    clients = sorted({c for c, _p in latest if c is not None})
    return [compare(latest[(c, "pre")], latest[(c, "post")]) for c in clients
            if (c, "pre") in latest and (c, "post") in latest]
