"""What an attachment belongs to, named as people name it (``swdesk attach … --to KIND
NUMBER``): a case by its case number, a service record by its printed record number, a
group session by its group's number and the session (``XM-SM-001-G2026-003#2``), a case
log by its case's number and its place among the case's logs (``XM-SM-001-2026-0141#3``,
oldest first), an activity by its number, a client by the resident ID or a name only one
client has; anything by its id or uid as well.
"""

from __future__ import annotations

from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    CommunityActivity,
    Complaint,
    Evaluation,
    ServiceRecord,
    SyncedModel,
    WorkGroup,
    describe,
)
from swdesk.services import activities, cases, crud, groups, numbers_seen
from swdesk.services.attachments import OWNER_KINDS, Owner

_PART = "#"  # between a case's or group's number and the log's or session's place


def kinds_text() -> str:
    return ", ".join(OWNER_KINDS)


def find_owner(kind: str, number: str) -> Owner:
    """The owner ``kind`` (a key of OWNER_KINDS) ``number`` names; NotFoundError or
    ValidationError in words."""
    kind = kind.strip().lower()
    if kind not in OWNER_KINDS:
        raise ValidationError(_("不能把附件添加到“{}”；可以是：{}", "Cannot attach to \"{}\"; "
                                "use one of: {}").format(kind, kinds_text()))
    text = number.strip()
    if not text:
        raise ValidationError(_("请写明编号", "Give the number"))
    row_id = _FINDERS[kind](text)
    return Owner(OWNER_KINDS[kind], row_id)


def _client(text: str) -> int:
    wanted = text.upper()
    by_id = Client.live().where(Client.id_number == wanted).first()
    if by_id is not None:
        return int(by_id.id)
    named = [int(c.id) for c in Client.live().where(Client.name == text).limit(2)]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise ValidationError(_("有多个服务对象叫“{}”，请用身份证号", "More than one client is "
                                "called \"{}\"; use the ID number").format(text))
    return _by_ref(Client, text, _("找不到服务对象：{}", "No client {}").format(text))


def _by_ref(model: type[SyncedModel], text: str, missing: str) -> int:
    if (text.isascii() and text.isdigit()) or model.select().where(model.uid == text).exists():
        return int(crud.get(model, text).id)
    raise NotFoundError(missing)


def _split(text: str) -> tuple[str, int] | None:
    head, sep, place = text.rpartition(_PART)
    if not sep:
        return None
    if not place.strip().isdigit() or int(place) < 1:
        raise ValidationError(_("“{}”：{} 后面应是第几条（1、2、3 …）",
                                "\"{}\": after {} comes a place (1, 2, 3 …)").format(
            text, _PART))
    return head.strip(), int(place)


def _case(text: str) -> int:
    return int(cases.find(text).id)


def _case_log(text: str) -> int:
    parts = _split(text)
    if parts is None:
        return _by_ref(CaseLog, text, _("找不到个案记录：{}（写成 个案编号#第几条）",
                                        "No case log {} (write CASE-NUMBER#N)").format(text))
    case = cases.find(parts[0])
    logs = list(CaseLog.live().where(CaseLog.case == case.id)
                .order_by(CaseLog.date, CaseLog.id).offset(parts[1] - 1).limit(1))
    if not logs:
        raise NotFoundError(_("个案 {} 没有第 {} 条记录", "Case {} has no log {}").format(
            case.case_no, parts[1]))
    return int(logs[0].id)


def _record(text: str) -> int:
    return int(numbers_seen.find_record(text).id)


def _group_session(text: str) -> int:
    parts = _split(text)
    if parts is None:
        record = numbers_seen.find_record(text)
        if record.work_group_id is None:
            raise ValidationError(_("{} 不是小组活动的一节", "{} is not a group session")
                                  .format(text))
        return int(record.id)
    group = groups.find_group(parts[0])
    found = ServiceRecord.live().where((ServiceRecord.work_group == group.id)
                                       & (ServiceRecord.session_no == parts[1])).first()
    if found is None:
        raise NotFoundError(_("小组 {} 没有第 {} 节", "Group {} has no session {}").format(
            group.group_no, parts[1]))
    return int(found.id)


def _activity(text: str) -> int:
    return int(activities.find(text).id)


def _evaluation(text: str) -> int:
    return _by_ref(Evaluation, text, _("找不到项目评估：{}", "No evaluation {}").format(text))


def _complaint(text: str) -> int:
    return _by_ref(Complaint, text, _("找不到投诉：{}", "No complaint {}").format(text))


_FINDERS = {
    "client": _client, "case": _case, "log": _case_log, "record": _record,
    "group-session": _group_session, "activity": _activity, "evaluation": _evaluation,
    "complaint": _complaint,
}


def owner_label(owner: Owner) -> str:
    """What the owner is, as a line names it: "个案 XM-SM-001-2026-0141"."""
    model = {"client": Client, "case": Case, "case_log": CaseLog, "record": ServiceRecord,
             "activity": CommunityActivity, "evaluation": Evaluation,
             "complaint": Complaint}[owner.link]
    row = crud.get(model, owner.id)
    if isinstance(row, Case):
        name = str(row.case_no or row.id)
    elif isinstance(row, ServiceRecord) and row.work_group_id and row.session_no:
        group = crud.get(WorkGroup, row.work_group_id)
        return _("小组 {} 第{}节", "Group {} session {}").format(group.group_no, row.session_no)
    elif isinstance(row, ServiceRecord):
        name = numbers_seen.record_no(row)
    elif isinstance(row, CommunityActivity):
        name = str(row.activity_no or row.id)
    elif isinstance(row, CaseLog):
        name = f"{crud.get(Case, row.case_id).case_no} {row.date}"
    else:
        name = str(getattr(row, "name", None) or row.id)
    return f"{describe(model).label} {name}"
