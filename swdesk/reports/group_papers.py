"""The group file as evaluators read it: 小组计划书, 小组节次记录 (one per session),
小组总结, and the whole file of one group in one PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from swdesk.errors import NotFoundError
from swdesk.i18n import _
from swdesk.model import Client, Questionnaire, ServiceRecord, WorkGroup, describe
from swdesk.reports import layout as lay
from swdesk.reports import photos as ph
from swdesk.reports.context import report_info
from swdesk.services import crud, groups, journal
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain
from swdesk.services.group_file import GroupFile, SessionLine

PLAN_FIELDS = ("group_no", "name", "worker", "project", "category", "field",
               "planned_start", "planned_end", "planned_sessions")
PLAN_TEXTS = ("target_members", "aims", "plan")
SESSION_FIELDS = ("date", "place", "duration_min", "worker", "headcount")
SUMMARY_FIELDS = ("group_no", "name", "worker", "project", "planned_start", "ended_on")
TICK = "√"  # in the GB 2312 set the Song face holds
Story = list[Flowable]


def _plan_title() -> str:
    return _("小组计划书", "Group plan")


def _session_title() -> str:
    return _("小组节次记录", "Group session record")


def _summary_title() -> str:
    return _("小组总结", "Group summary")


def _file_title() -> str:
    return _("小组档案", "Group file")


def _subtitle(group: WorkGroup) -> str:
    return _("小组编号：{}", "Group no. {}").format(group.group_no or group.id)


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def _scale_name(code: str | None) -> str:
    if not code:
        return ""
    row = Questionnaire.get_or_none(Questionnaire.code == code)
    return code if row is None else str(_(row.zh, row.en))


def _clients(file: GroupFile) -> dict[int, Client]:
    ids = [m.client_id for m in file.members]
    return {int(c.id): c for c in Client.select().where(Client.id.in_(ids))} if ids else {}


# --- 小组计划书 ----------------------------------------------------------------------------

def plan_story(file: GroupFile) -> Story:
    group = file.group
    story: Story = lay.title_block(_plan_title(), _subtitle(group))
    story.append(lay.heading(lay.section(1, _("基本信息", "The group"))))
    story.append(lay.form_table(group, PLAN_FIELDS, show_personal=True))
    story.append(lay.heading(lay.section(2, _("招募对象与小组目标", "Members sought and aims"))))
    story.append(lay.form_table(group, PLAN_TEXTS[:2], show_personal=True))
    story.append(lay.heading(lay.section(3, _("各节安排", "Sessions planned"))))
    story.append(lay.form_table(group, PLAN_TEXTS[2:], show_personal=True))
    story.append(lay.heading(lay.section(4, _("评估方法", "Evaluation"))))
    scale = _scale_name(group.scale)
    story.append(lay.pairs_table([
        (_("前后测量表", "Pre/post scale"), scale or _("（未指定）", "(not chosen)"), True),
        (_("出席记录", "Attendance"), _("每节由组员签到，带领社工核对", "Members sign in at "
                                     "every session; the leader checks"), True)],
        lay.content_width()))
    story.append(lay.heading(lay.section(5, _("组员名单", "Members"))))
    story.append(_members_table(file))
    story.append(lay.signature_block([_("带领社工（签名）", "Group leader (signature)"),
                                      _("督导（签名）", "Supervisor (signature)"),
                                      _("站长（审核）", "Station head (checked)")]))
    return story


def _members_table(file: GroupFile) -> Flowable:
    if not file.members:
        return lay.note(_("（尚未招募组员）", "(no members yet)"))
    clients = _clients(file)
    spec = describe(Client)
    data: list[list[Any]] = [[_("序号", "No."), spec.field("name").label,
                              spec.field("sex").label, spec.field("community").label,
                              _("入组日期", "Joined"), _("退出日期", "Left")]]
    for n, m in enumerate(file.members, start=1):
        client = clients.get(m.client_id)
        data.append([n, m.name,
                     format_plain(client.sex, spec.field("sex")) if client else "",
                     (client.community or "") if client else "",
                     _date(m.joined_on), _date(m.left_on)])
    return lay.grid(data, stretch=(3,))


# --- 小组节次记录 --------------------------------------------------------------------------

def session_story(file: GroupFile, line: SessionLine, actor: Actor,
                  photos: int = ph.FILE_PER_PAGE) -> Story:
    """One session's record, then its photos ``photos`` to a page (0: none) as
    ``actor`` may see them."""
    group = file.group
    record = crud.get(ServiceRecord, line.record_id)
    story: Story = lay.title_block(_session_title(), _("{} · 第 {} 节", "{} · session {}").format(
        group.name, line.session_no or ""))
    entity = describe(ServiceRecord)
    pairs: list[lay.Pair] = [
        (describe(WorkGroup).field("group_no").label, group.group_no or "", False),
        (entity.field("session_no").label, str(line.session_no or ""), False)]
    pairs += [(spec.label, value, False) for spec, value in
              lay.field_pairs(record, SESSION_FIELDS, show_personal=True)]
    pairs.append((entity.field("title").label, record.title, True))
    story.append(lay.pairs_table(pairs, lay.content_width()))
    story.append(lay.heading(_("出席情况", "Attendance")))
    story.append(_attendance_table(file, line))
    guests = line.headcount - len(line.attendance)
    story.append(lay.note(_("出席组员 {} 人；非组员参与 {} 人；参与人次合计 {}。",
                            "{} members attended; {} others took part; {} person-times in "
                            "all.").format(len(line.attendance), max(guests, 0),
                                           line.headcount)))
    # One heading and short signature lines: a session of a dozen members fits a page.
    story.append(lay.heading(_("活动内容与观察", "What was done and observed")))
    story.append(lay.form_table(record, ("content", "observations"), show_personal=True))
    story.append(lay.signature_block([_("带领社工（签名）", "Group leader (signature)"),
                                      _("督导（签名）", "Supervisor (signature)")],
                                     line_height=9 * lay.mm))
    if photos:
        story += session_photos(actor, line, photos)
    return story


def session_photos(actor: Actor, line: SessionLine, per_page: int = ph.FILE_PER_PAGE, *,
                   new_page: bool = True) -> Story:
    """第 N 节活动照片 (from a new page); nothing when the session has none."""
    return ph.photo_section(_("第 {} 节活动照片", "Photos of session {}").format(
        line.session_no or ""), ph.photos_of(actor, "record", line.record_id), per_page,
        new_page=new_page)


def _attendance_table(file: GroupFile, line: SessionLine) -> Flowable:
    came = set(line.attendance)
    # Those in the group on the day: joined by then and not left before it; anyone who
    # came is listed whatever the dates say.
    expected = [m for m in file.members if m.client_id in came or (
        (m.joined_on is None or m.joined_on <= line.date)
        and (m.left_on is None or m.left_on >= line.date))]
    if not expected:
        return lay.note(_("（无组员）", "(no members)"))
    data: list[list[Any]] = [[_("序号", "No."), _("组员", "Member"), _("出席", "Present"),
                              _("签名", "Signature")]]
    for n, m in enumerate(expected, start=1):
        data.append([n, m.name, TICK if m.client_id in came else _("缺席", "absent"),
                     " " * 16])
    return lay.grid(data, stretch=(3,), min_height=8 * lay.mm)


# --- 小组总结 ------------------------------------------------------------------------------

def summary_story(file: GroupFile) -> Story:
    group = file.group
    story: Story = lay.title_block(_summary_title(), _subtitle(group))
    story.append(lay.heading(lay.section(1, _("基本情况", "The group"))))
    pairs: list[lay.Pair] = [(spec.label, value, False) for spec, value in
                             lay.field_pairs(group, SUMMARY_FIELDS, show_personal=True)]
    planned = file.planned
    pairs += [
        (_("计划节数", "Sessions planned"), "" if planned is None else str(planned), False),
        (_("实际开展节数", "Sessions held"), str(file.held), False),
        (_("节数完成率", "Sessions held of planned"),
         _percent(file.held / planned if planned else None), False),
        (_("组员人数", "Members"), str(len(file.members)), False),
        (describe(WorkGroup).field("aims").label, group.aims or "", True)]
    story.append(lay.pairs_table(pairs, lay.content_width()))
    story.append(lay.heading(lay.section(2, _("各节开展情况", "Sessions held"))))
    story.append(_sessions_table(file))
    story.append(lay.heading(lay.section(3, _("组员出席率", "Attendance per member"))))
    story.append(_rates_table(file))
    story.append(lay.heading(lay.section(4, _("前后测对比", "Pre- and post-measures"))))
    story.extend(_measures(file))
    story.append(lay.heading(lay.section(5, _("小组总结", "Summary"))))
    story.append(lay.form_table(group, ("summary",), show_personal=True))
    story.append(lay.signature_block([_("带领社工（签名）", "Group leader (signature)"),
                                      _("督导（签名）", "Supervisor (signature)"),
                                      _("站长（审核）", "Station head (checked)")]))
    return story


def _sessions_table(file: GroupFile) -> Flowable:
    if not file.sessions:
        return lay.note(_("（尚未开展）", "(none held yet)"))
    data: list[list[Any]] = [[_("节次", "Session"), _("日期", "Date"), _("主题", "Title"),
                              _("出席组员", "Members present"), _("参与人次", "Person-times")]]
    for s in file.sessions:
        data.append([s.session_no, _date(s.date), s.title, len(s.attendance), s.headcount])
    return lay.grid(data, stretch=(2,))


def _rates_table(file: GroupFile) -> Flowable:
    if not file.members:
        return lay.note(_("（无组员）", "(no members)"))
    data: list[list[Any]] = [[_("序号", "No."), _("组员", "Member"), _("入组日期", "Joined"),
                              _("出席节数", "Attended"), _("出席率", "Rate")]]
    for n, m in enumerate(file.members, start=1):
        data.append([n, m.name, _date(m.joined_on), f"{m.attended}/{file.held}",
                     _percent(m.rate(file.held))])
    return lay.grid(data, stretch=(1,))


def _measures(file: GroupFile) -> Story:
    if not file.measures:
        return [lay.note(_("（无组员）", "(no members)"))]
    missing = _("未测", "not taken")
    data: list[list[Any]] = [[_("序号", "No."), _("组员", "Member"), _("前测得分", "Pre"),
                              _("前测结果", "Pre result"), _("后测得分", "Post"),
                              _("后测结果", "Post result"), _("变化", "Change")]]
    for n, m in enumerate(file.measures, start=1):
        change = m.change
        data.append([n, m.name, missing if m.pre is None else m.pre, m.pre_band,
                     missing if m.post is None else m.post, m.post_band,
                     "" if change is None else f"{change:+d}" if change else "0"])
    both = [m.change for m in file.measures if m.change is not None]
    if both:
        note = _("前后测均完成 {} 人，其中提升 {} 人，持平 {} 人，下降 {} 人；"
                 "平均变化 {:+.1f} 分。",
                 "{} members took both; {} improved, {} the same, {} lower; mean change "
                 "{:+.1f}.").format(len(both), sum(c > 0 for c in both),
                                    sum(c == 0 for c in both), sum(c < 0 for c in both),
                                    sum(both) / len(both))
    else:
        note = _("尚无组员同时完成前测和后测。", "No member has taken both measures yet.")
    return [lay.grid(data, stretch=(1,)), lay.note(note)]


# --- making the PDFs -----------------------------------------------------------------------

def _session_lines(file: GroupFile, session: int | None) -> list[SessionLine]:
    if session is None:
        return file.sessions
    chosen = [s for s in file.sessions if s.session_no == session]
    if not chosen:
        raise NotFoundError(_("小组 {} 没有第 {} 节的记录", "Group {} has no session {}").format(
            file.group.group_no, session))
    return chosen


def _pages_of(parts: list[Story]) -> Story:
    story: Story = []
    for part in parts:
        if story:
            story.append(PageBreak())
        story.extend(part)
    return story


Builder = Callable[[GroupFile, int | None], list[Story]]


def _write(ref: str, actor: Actor, out: Path, title: str, what: str, build: Builder,
           session: int | None = None) -> int:
    group = groups.find_group(ref)
    file = groups.group_file(int(group.id), actor)
    pages = lay.write_pdf(out, report_info(title), _pages_of(build(file, session)))
    journal.audit(actor, "print", "work_group", group.uid, {"report": what})
    return pages


def group_plan(ref: str, actor: Actor, out: Path) -> int:
    """小组计划书 of the group ``ref`` (its number, id or uid); returns the page count."""
    return _write(ref, actor, out, _plan_title(), "group_plan",
                  lambda file, _s: [plan_story(file)])


def group_sessions(ref: str, actor: Actor, out: Path, session: int | None = None) -> int:
    """小组节次记录: one session's, or every session's, each on its own pages."""
    def build(file: GroupFile, chosen: int | None) -> list[Story]:
        lines = _session_lines(file, chosen)
        if not lines:
            raise NotFoundError(_("小组 {} 尚未记录任何活动节次", "Group {} has no session "
                                  "recorded yet").format(file.group.group_no))
        return [session_story(file, line, actor) for line in lines]
    return _write(ref, actor, out, _session_title(), "group_sessions", build, session)


def group_summary(ref: str, actor: Actor, out: Path) -> int:
    """小组总结 of the group ``ref``; returns the page count."""
    return _write(ref, actor, out, _summary_title(), "group_summary",
                  lambda file, _s: [summary_story(file)])


def group_whole_file(ref: str, actor: Actor, out: Path) -> int:
    """The whole group file in one PDF: plan, every session, summary."""
    return _write(ref, actor, out, _file_title(), "group_file", lambda file, _s: [
        plan_story(file), *(session_story(file, line, actor) for line in file.sessions),
        summary_story(file)])
