"""Rules that span fields of one entity: derived values and cross-field checks.

Single-field rules live in the entity description (swdesk.model); these run
after every field has parsed, with the row being edited (or None for a new one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from swdesk import settings
from swdesk import validation as v
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import (
    OWNER_LINKS,
    Agency,
    Attachment,
    Case,
    CaseGoal,
    CaseLog,
    Client,
    CommunityActivity,
    Complaint,
    Evaluation,
    GroupMember,
    Indicator,
    Project,
    Referral,
    ServiceRecord,
    Station,
    SyncedModel,
    Volunteer,
    VolunteerCertificate,
    Worker,
    WorkGroup,
    database,
)
from swdesk.model.base import column_attr, tuples
from swdesk.pinyin import full_pinyin, initials, sort_key
from swdesk.services import city_owned, text_codes
from swdesk.services.indicators import execution_years
from swdesk.services.this_station import station_code

Values = dict[str, Any]
Rule = Callable[[Values, Any], None]
_RULES: dict[type[SyncedModel], Rule] = {}


def rule(model: type[SyncedModel]) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES[model] = fn
        return fn
    return register


def apply(model: type[SyncedModel], values: Values, current: Any) -> None:
    fn = _RULES.get(model)
    if fn is not None:
        fn(values, current)
    if "name_sort" in model._meta.fields and values.get("name") is not None:
        values["name_sort"] = sort_key(values["name"])  # the list's pinyin order
    city_owned.check(model, values, current)  # 低保/特困: the city's, once enrolled


def before_delete(row: SyncedModel) -> None:
    if isinstance(row, CommunityActivity) and ServiceRecord.live().where(
            ServiceRecord.activity == row.id).exists():
        raise ValidationError(_("该活动已登记开展记录，不能删除",
                                "The activity has its record of being held; it cannot be "
                                "deleted"))
    if isinstance(row, Client):
        open_cases = Case.live().where((Case.client == row.id) & (Case.stage != "closed")).count()
        if open_cases:
            raise ValidationError(_("该服务对象还有 {} 个未结案的个案，请先结案",
                                    "This client still has {} open case(s); close them first")
                                  .format(open_cases))


# The tables whose rows attachments may belong to, with the attachment's link column.
_ATTACHMENT_LINK = {Attachment._meta.fields[link].rel_model._meta.table_name: link
                    for link in OWNER_LINKS}


def deleted_with(row: SyncedModel) -> list[SyncedModel]:
    """The live rows that go when ``row`` is deleted: its attachments, and a case's logs'
    (a deleted case's logs are out of sight: their photos and scans must not stay; the
    files stay until the city has the deletion: ``services/attachment_purge.py``)."""
    link = _ATTACHMENT_LINK.get(row._meta.table_name)
    if link is None:
        return []
    owned = getattr(Attachment, link) == row.id
    if isinstance(row, Case):
        logs = CaseLog.select(CaseLog.id).where(CaseLog.case == row.id)
        owned |= Attachment.case_log.in_(logs)
    return list(Attachment.live().where(owned))


def _merged(values: Values, current: Any, key: str) -> Any:
    """The value a field will have after the save: new if given, else the current one."""
    if key in values:
        return values[key]
    if current is None:
        return None
    return getattr(current, column_attr(type(current), key))


def _not_before(values: Values, current: Any, later: str, earlier: str, message: str) -> None:
    a, b = _merged(values, current, later), _merged(values, current, earlier)
    if a is not None and b is not None and a < b:
        raise ValidationError({later: message})


def _derive_from_resident_id(values: Values) -> None:
    if values.get("id_number"):
        rid = v.parse_resident_id(values["id_number"])
        values["sex"] = rid.sex
        values["birth_date"] = rid.birth_date


@rule(Client)
def _client(values: Values, current: Client | None) -> None:
    _derive_from_resident_id(values)
    if values.get("id_number"):
        # Raw SQL: this runs for every client validated, and an Excel import validates
        # tens of thousands; building the query with peewee cost more than running it.
        clash = database.execute_sql(
            "SELECT name FROM client WHERE id_number = ? AND deleted = 0 AND id <> ? LIMIT 1",
            (values["id_number"], current.id if current is not None else -1)).fetchone()
        if clash is not None:
            raise ValidationError({"id_number": _(
                "该身份证号已登记为服务对象“{}”", "This ID number is already registered for "
                "client “{}”").format(clash[0])})
    if "name" in values:
        values["name_initials"] = initials(values["name"])
        values["name_pinyin"] = full_pinyin(values["name"])
    if current is None:
        values.setdefault("status", "active")
        values.setdefault("registered_on", dt.date.today())


@rule(Worker)
def _worker(values: Values, current: Worker | None) -> None:
    if values.get("id_number"):
        values["sex"] = v.parse_resident_id(values["id_number"]).sex
    if current is None:
        values.setdefault("active", True)
        values.setdefault("cert_level", "none")


@rule(Volunteer)
def _volunteer(values: Values, current: Volunteer | None) -> None:
    id_type = _merged(values, current, "id_type") or "resident_id"
    if values.get("id_number") and id_type == "resident_id":
        try:
            rid = v.parse_resident_id(values["id_number"])
        except ValidationError as exc:
            raise ValidationError({"id_number": str(exc)}) from None
        values["id_number"] = rid.number
        values["sex"] = rid.sex
    if current is None:
        values.setdefault("id_type", "resident_id")
        values.setdefault("active", True)
        values.setdefault("registered_on", dt.date.today())
    text_codes.derive_codes(Volunteer, values, current)  # 理发、唱歌 → the code of 理发


@rule(Agency)
def _agency(values: Values, current: Agency | None) -> None:
    full = _merged(values, current, "fulltime_staff") or 0
    certified = _merged(values, current, "certified_staff") or 0
    if certified > full:
        raise ValidationError({"certified_staff": _(
            "不能多于专职人员数", "Cannot exceed the number of full-time staff")})


@rule(Station)
def _station(values: Values, current: Station | None) -> None:
    code = values.get("code")
    if code:
        try:
            values["code"] = code = v.check_station_code(code)
        except ValidationError as exc:
            raise ValidationError({"code": str(exc)}) from None
        clash = Station.live().where(Station.code == code)
        if current is not None:
            clash = clash.where(Station.id != current.id)
        if clash.exists():
            raise ValidationError({"code": _("已有站点使用这个编码", "This station code exists")})


@rule(Case)
def _case(values: Values, current: Case | None) -> None:
    _not_before(values, current, "closed_on", "opened_on",
                _("不能早于开案日期", "Cannot be before the opening date"))
    stage = _merged(values, current, "stage")
    closed_on = _merged(values, current, "closed_on")
    if stage == "closed" and closed_on is None:
        raise ValidationError({"closed_on": _("结案时须填写结案日期",
                                              "A closed case needs its closing date")})
    if stage != "closed" and closed_on is not None:
        raise ValidationError({"stage": _("已填写结案日期，阶段应为“结案”",
                                          "A closing date is set, so the stage must be Closed")})
    _case_follow_up(values, current, closed_on)
    if current is None:
        values["case_no"] = _next_case_no(values["opened_on"])


def _case_follow_up(values: Values, current: Case | None, closed_on: dt.date | None) -> None:
    """The follow-up visit (回访) comes after closing: planned after the closing date,
    done on or after it."""
    due = _merged(values, current, "follow_up_on")
    done = _merged(values, current, "followed_up_on")
    for key, day in (("follow_up_on", due), ("followed_up_on", done)):
        if day is not None and closed_on is None:
            raise ValidationError({key: _("个案结案后才有回访", "A follow-up comes after the "
                                          "case is closed")})
    if due is not None and closed_on is not None and due <= closed_on:
        raise ValidationError({"follow_up_on": _(
            "计划回访日期应在结案日期（{}）之后", "The follow-up must be due after the case "
            "closed ({})").format(closed_on.isoformat())})
    if done is not None and closed_on is not None and done < closed_on:
        raise ValidationError({"followed_up_on": _(
            "回访日期不能早于结案日期（{}）", "The follow-up cannot be before the case closed "
            "({})").format(closed_on.isoformat())})


# The number people know a row by, given by the rules when it is made.
NUMBERED: dict[type[SyncedModel], str] = {Case: "case_no", WorkGroup: "group_no",
                                          CommunityActivity: "activity_no"}


def numbers_apart(model: type[SyncedModel], rows: Sequence[dict[str, Any]]) -> None:
    """Give rows checked together (an Excel import) numbers of their own: each was numbered
    as if it were the only new one (the next after the stored numbers), so the second of a
    prefix takes the one after the first, and so on."""
    key = NUMBERED.get(model)
    if key is None:
        return
    top: dict[str, int] = {}
    for values in rows:
        prefix, _dash, tail = str(values.get(key) or "").rpartition("-")
        if not prefix or not tail.isdigit():
            continue
        number = max(int(tail), top.get(prefix, 0) + 1)
        top[prefix] = number
        values[key] = f"{prefix}-{number:0{len(tail)}d}"


def _next_case_no(opened_on: dt.date) -> str:
    """XM-SM-001-2026-0141: the station and the year, then the year's sequence."""
    return _next_number(Case, f"{station_code() or 'GA'}-{opened_on.year}-", 4)


def _next_number(model: type[SyncedModel], prefix: str, width: int) -> str:
    """The next number after every one of ``prefix`` given so far (deleted rows' too: a
    number is never given twice), compared as numbers: the thousandth sorts before the
    999th as text."""
    column = getattr(model, NUMBERED[model])
    taken = [str(value or "").rsplit("-", 1)[-1]
             for (value,) in tuples(model.select(column).where(column.startswith(prefix)))]
    number = max((int(t) for t in taken if t.isdigit()), default=0) + 1
    return f"{prefix}{number:0{width}d}"


def _after_case_opened(values: Values, current: Any, key: str, message: str) -> None:
    """A date of a row under a case (``key``) not before the case opened; ``message``
    names the opening date with ``{}``."""
    case_id = _merged(values, current, "case")
    day = _merged(values, current, key)
    if case_id is None or day is None:
        return
    case = Case.get_or_none(Case.id == case_id)
    if case is not None and day < case.opened_on:
        raise ValidationError({key: message.format(case.opened_on.isoformat())})


@rule(CaseLog)
def _case_log(values: Values, current: CaseLog | None) -> None:
    _after_case_opened(values, current, "date", _(
        "记录日期不能早于开案日期（{}）", "The log date cannot be before the case opened ({})"))
    _not_before(values, current, "next_step_on", "date",
                _("下一步日期不能早于记录日期", "The next step cannot be before the log's date"))


@rule(Referral)
def _referral(values: Values, current: Referral | None) -> None:
    _after_case_opened(values, current, "date", _(
        "转介日期不能早于开案日期（{}）", "The referral date cannot be before the case opened "
        "({})"))
    _not_before(values, current, "receipt_on", "date",
                _("回执日期不能早于转介日期", "The receipt cannot be before the referral"))


@rule(CaseGoal)
def _case_goal(values: Values, current: CaseGoal | None) -> None:
    _after_case_opened(values, current, "target_on", _(
        "预计完成日期不能早于开案日期（{}）", "The target date cannot be before the case opened "
        "({})"))


@rule(CommunityActivity)
def _activity(values: Values, current: CommunityActivity | None) -> None:
    surveyed, satisfied = (_merged(values, current, "surveyed"),
                           _merged(values, current, "satisfied"))
    if satisfied is not None and surveyed is None:
        raise ValidationError({"surveyed": _("请填写收回的调查份数",
                                             "Enter how many surveys were returned")})
    if satisfied is not None and surveyed is not None and satisfied > surveyed:
        raise ValidationError({"satisfied": _("满意份数不能多于调查份数（{}）",
                                              "Cannot exceed the surveys returned ({})")
                               .format(surveyed)})
    status, day = _merged(values, current, "status"), _merged(values, current, "planned_on")
    if status == "held" and day is not None and day > dt.date.today():
        raise ValidationError({"planned_on": _("已开展的活动，日期不能晚于今天",
                                               "A held activity cannot be dated in the future")})
    held = current is not None and ServiceRecord.live().where(
        ServiceRecord.activity == current.id).exists()
    if status == "held" and not held:
        raise ValidationError({"status": _("请在“签到与记录”中登记活动开展情况",
                                           "Record the sign-in and what was done first")})
    if status != "held" and held:
        raise ValidationError({"status": _("活动已登记开展记录，状态应为“已开展”",
                                           "The activity has its record, so it was held")})
    if current is None:
        values["activity_no"] = _next_activity_no(values["planned_on"])


def _next_activity_no(planned_on: dt.date) -> str:
    """XM-SM-001-A2026-012: the station, A for activity and the year, then a number."""
    return _next_number(CommunityActivity, f"{station_code() or 'GA'}-A{planned_on.year}-", 3)


@rule(WorkGroup)
def _work_group(values: Values, current: WorkGroup | None) -> None:
    _not_before(values, current, "planned_end", "planned_start",
                _("不能早于计划开始日期", "Cannot be before the planned start"))
    _not_before(values, current, "ended_on", "planned_start",
                _("不能早于计划开始日期", "Cannot be before the planned start"))
    status, ended_on = _merged(values, current, "status"), _merged(values, current, "ended_on")
    if status == "ended" and ended_on is None:
        raise ValidationError({"ended_on": _("小组结束时须填写结束日期",
                                             "An ended group needs the date it ended")})
    if status != "ended" and ended_on is not None:
        raise ValidationError({"status": _("已填写结束日期，状态应为“已结束”",
                                           "An end date is set, so the status must be Ended")})
    if current is None:
        values["group_no"] = _next_group_no(values.get("planned_start") or dt.date.today())


def _next_group_no(day: dt.date) -> str:
    """XM-SM-001-G2026-003: the station, G and the year, then the year's sequence."""
    return _next_number(WorkGroup, f"{station_code() or 'GA'}-G{day.year}-", 3)


@rule(GroupMember)
def _group_member(values: Values, current: GroupMember | None) -> None:
    _not_before(values, current, "left_on", "joined_on",
                _("不能早于入组日期", "Cannot be before the date joined"))
    group_id, client_id = (_merged(values, current, "work_group"),
                           _merged(values, current, "client"))
    if group_id is None or client_id is None:
        return
    clash = GroupMember.live().where((GroupMember.work_group == group_id)
                                     & (GroupMember.client == client_id))
    if current is not None:
        clash = clash.where(GroupMember.id != current.id)
    if clash.exists():
        raise ValidationError({"client": _("此服务对象已是本小组组员",
                                           "This client is already a member of the group")})


@rule(Project)
def _project(values: Values, current: Project | None) -> None:
    _not_before(values, current, "end_on", "start_on",
                _("不能早于合同开始日期", "The contract cannot end before it starts"))
    start, end = _merged(values, current, "start_on"), _merged(values, current, "end_on")
    if start and end and end >= _add_years(start, 3):
        raise ValidationError({"end_on": _("政府购买服务合同期限不超过3年",
                                           "A purchase contract lasts at most 3 years")})
    budget, labour = _merged(values, current, "budget"), _merged(values, current, "labour_cost")
    if budget is not None and labour is not None and labour > budget:
        raise ValidationError({"labour_cost": _("不能超过项目总额",
                                                "Labour cost cannot exceed the budget")})


@rule(Indicator)
def _indicator(values: Values, current: Indicator | None) -> None:
    kind, label = _merged(values, current, "kind"), _merged(values, current, "label")
    if kind == "custom" and not label:
        raise ValidationError({"label": _("自定义指标须填写指标名称",
                                          "A custom indicator needs a name")})
    if kind != "custom" and _merged(values, current, "manual_actual") is not None:
        raise ValidationError({"manual_actual": _(
            "内置指标的实际完成由系统按记录统计，不能手填",
            "A built-in indicator's actual is counted from the records, not entered")})
    project_id, year = _merged(values, current, "project"), _merged(values, current, "year_no")
    if project_id is None or year is None:
        return
    project = Project.get_or_none(Project.id == project_id)
    years = len(execution_years(project)) if project is not None else 0
    if year > years:
        raise ValidationError({"year_no": _("本项目合同只有 {} 个执行年度",
                                            "The contract has {} execution years")
                               .format(years)})
    clash = Indicator.live().where((Indicator.project == project_id)
                                   & (Indicator.year_no == year) & (Indicator.kind == kind))
    if kind == "custom":
        clash = clash.where(Indicator.label == label)
    if current is not None:
        clash = clash.where(Indicator.id != current.id)
    if clash.exists():
        raise ValidationError({"kind": _("第{}执行年度已有这项指标",
                                         "Execution year {} already has this indicator")
                               .format(year)})


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@rule(Complaint)
def _complaint(values: Values, current: Complaint | None) -> None:
    _not_before(values, current, "handled_on", "received_on",
                _("不能早于受理日期", "Cannot be before the date received"))
    target = _merged(values, current, "target")
    if target == "agency" and _merged(values, current, "agency") is None:
        raise ValidationError({"agency": _("请选择被投诉机构", "Choose the agency")})
    if target == "worker" and _merged(values, current, "worker") is None:
        raise ValidationError({"worker": _("请选择被投诉社工", "Choose the worker")})
    if _merged(values, current, "status") == "closed" and not _merged(values, current,
                                                                      "handled_on"):
        raise ValidationError({"handled_on": _("办结时须填写办结日期",
                                               "A closed complaint needs its date")})
    received = _merged(values, current, "received_on")
    if received is not None and _merged(values, current, "deadline") is None:
        values["deadline"] = received + dt.timedelta(days=settings.COMPLAINT_DAYS.get())
    _not_before(values, current, "deadline", "received_on",
                _("不能早于受理日期", "Cannot be before the date received"))


@rule(Evaluation)
def _evaluation(values: Values, current: Evaluation | None) -> None:
    project_id = _merged(values, current, "project")
    project = Project.get_or_none(Project.id == project_id) if project_id else None
    if project is None:
        return
    years = execution_years(project)
    year_no = _merged(values, current, "year_no")
    if year_no is not None and not any(y.number == year_no for y in years):
        raise ValidationError({"year_no": _(
            "该项目只有 {} 个执行年度", "The project has {} execution year(s) only").format(
            len(years))})
    on = _merged(values, current, "evaluated_on")
    if on is not None and on < project.start_on:
        raise ValidationError({"evaluated_on": _("不能早于合同开始日期",
                                                 "Cannot be before the contract starts")})


@rule(VolunteerCertificate)
def _certificate(values: Values, current: VolunteerCertificate | None) -> None:
    if current is not None and "cert_no" in values and values["cert_no"] != current.cert_no:
        raise ValidationError({"cert_no": _("证明编号不能修改",
                                            "A certificate's number cannot be changed")})
    if _merged(values, current, "voided_on") and not _merged(values, current, "void_reason"):
        raise ValidationError({"void_reason": _("作废须写明原因",
                                                "Say why the certificate is voided")})
