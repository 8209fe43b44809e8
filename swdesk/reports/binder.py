"""项目评估档案: the evaluation binder of one project's execution year, in one PDF.

Cover, contents (with page numbers), contract summary, the indicators with their actual
figures and, for each, the rows behind it; every case, group and activity file of the
year (the same papers their own printouts make); training hours, complaints and their
handling, and the satisfaction summary. Each section and each file is a bookmark.

The figures come from :mod:`swdesk.services.contract_figures` (through
:mod:`swdesk.services.indicators`), the lines behind them from
:mod:`swdesk.services.figure_rows`; the cases, groups and activities filed are the rows
behind the year's 个案数, 小组数 and 社区活动数, so the files match the figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from swdesk import privacy, reference
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Case,
    CommunityActivity,
    Complaint,
    Evaluation,
    Project,
    QuestionnaireResponse,
    ServiceRecord,
)
from swdesk.reports import activity_file, case_documents, case_file, group_papers
from swdesk.reports import layout as lay
from swdesk.reports import photos as ph
from swdesk.reports.context import report_info, station_info
from swdesk.reports.outline import Book, ContentsLine, Mark, canvas_for
from swdesk.reports.project import labour_share
from swdesk.services import (
    activities,
    contract_figures,
    figure_rows,
    group_file,
    journal,
    numbers_seen,
    questionnaires,
    training,
)
from swdesk.services.actor import Actor
from swdesk.services.indicators import ExecutionYear, execution_years, indicator_progress, year_text

COMPLAINT_FIELDS = ("received_on", "channel", "target", "content", "status", "handled_on",
                    "handler", "outcome")


def _title() -> str:
    return _("项目评估档案", "Evaluation binder")


@dataclass(frozen=True)
class Year:
    """The project and execution year a binder is for, with what it files."""

    project: Project
    year: ExecutionYear
    lines: dict[str, list[figure_rows.Behind]]  # figure key -> rows behind it

    def ids(self, key: str) -> list[int]:
        return [ln.row_id for ln in self.lines[key]]


def binder_year(project_ref: int | str, year_no: int | str) -> Year:
    """Project ``project_ref`` (its number, id or uid) in its execution year ``year_no``."""
    project = numbers_seen.find_project(project_ref)
    years = {str(y.number): y for y in execution_years(project)}
    year = years.get(str(year_no).strip())
    if year is None:
        raise ValidationError(_("项目 {} 没有第 {} 执行年度（共 {} 个）",
                                "Project {} has no execution year {} (it has {})").format(
            project.code or project.name, year_no, len(years)))
    lines = figure_rows.behind_each(contract_figures.KEYS, year.first, year.last,
                                    int(project.id))
    return Year(project, year, lines)


def _key(*parts: object) -> str:
    return "-".join(str(p) for p in parts)


class _Story:
    """The binder's flowables and its contents entries, section by section."""

    def __init__(self) -> None:
        self.body: list[Flowable] = []
        self.entries: list[tuple[str, str, int]] = []  # key, title, level

    def section(self, key: str, title: str, level: int = 0, *, new_page: bool = True) -> None:
        if new_page:
            self.body.append(PageBreak())
        if level == 0:
            self.body.extend(lay.title_block(title))
        else:
            self.body.append(lay.heading(title))
        self.body.append(Mark(key, title, level))
        self.entries.append((key, title, level))

    def file(self, key: str, title: str, story: Sequence[Flowable]) -> None:
        """A file of its own (a case's, a group's …): a new page, an outline entry."""
        self.body.append(PageBreak())
        self.body.append(Mark(key, title, 1))
        self.entries.append((key, title, 1))
        self.body.extend(story)


def _cover(data: Year) -> list[Flowable]:
    project = data.project
    station = station_info()
    return [lay.gap(40), *lay.title_block(_title(), year_text(data.year)), lay.gap(20),
            lay.pairs_table([
                (_("项目名称", "Project"), project.name, True),
                (_("项目编号", "Project number"), project.code or "—", True),
                (_("购买方", "Purchaser"), project.purchaser, True),
                (_("承接机构", "Contractor"), project.agency.name if project.agency else "—", True),
                (_("服务站点", "Station"), station.name, True),
                (_("合同期限", "Contract"), f"{project.start_on} — {project.end_on}", True),
                (_("编制日期", "Compiled on"), dt.date.today().isoformat(), True)],
                lay.content_width())]


def _summary(data: Year) -> list[Flowable]:
    project = data.project
    share = labour_share(project)
    evaluations = list(Evaluation.live().where((Evaluation.project == project.id)
                                               & (Evaluation.year_no == data.year.number))
                       .order_by(Evaluation.evaluated_on))
    story: list[Flowable] = [lay.form_table(project, (
        "name", "code", "purchaser", "agency", "start_on", "end_on", "budget", "labour_cost",
        "first_purchase"), show_personal=True), lay.gap()]
    story.append(lay.pairs_table([
        (_("本执行年度", "This execution year"), year_text(data.year), True),
        (_("人员经费占比", "Labour-cost share"),
         "—" if share.share is None else f"{share.share:.1%}" + (
             _("（不低于 70%，符合）", " (at least 70 %: met)") if share.ok
             else _("（低于 70%，不符合）", " (below 70 %: not met)")), False),
        (_("本年度评估", "Evaluated this year"), "；".join(
            f"{e.evaluated_on} {reference.label('evaluation_kind', e.kind)} "
            f"{reference.label('grade', e.grade)}" for e in evaluations) or _("（尚未评估）",
                                                                             "(not yet)"),
         True)], lay.content_width()))
    return story


def _indicators(data: Year, story: _Story) -> None:
    progress = indicator_progress(data.project, first=data.year.first, last=data.year.last)
    rows: list[list[object]] = [[_("指标", "Indicator"), _("目标值", "Target"),
                                 _("完成值", "Actual"), _("完成率", "Done")]]
    for item in progress:
        rows.append([item.label, item.target, item.actual,
                     f"{item.share:.0%}" if item.share is not None else "—"])
    story.body.append(lay.grid(rows, width=lay.content_width(), stretch=(0,))
                      if progress else lay.note(_("（本项目未设指标）", "(no indicators)")))
    story.body.append(lay.heading(_("统计口径", "How each figure is counted")))
    story.body.extend(lay.note(line) for line in contract_figures.rules_text(
        [i.kind for i in progress] or contract_figures.KEYS))
    for item in progress:
        lines = data.lines[item.kind]
        story.section(_key("ind", item.indicator_id), _("指标明细：{}（{}）", "Detail: {} ({})")
                      .format(item.label, lay.number_text(item.actual)), 1, new_page=False)
        story.body.append(_lines_table(lines, item.kind))


def _lines_table(lines: Sequence[figure_rows.Behind], key: str) -> Flowable:
    head: list[object] = [_("序号", "No."), _("编号", "Number"), _("日期", "Date"),
                          _("主题", "Title"), _("参与人次", "Person-times"), _("计入", "Counts")]
    rows: list[list[object]] = [head]
    for n, ln in enumerate(lines, start=1):
        rows.append([n, ln.number, ln.date.isoformat() if ln.date else "", ln.title,
                     ln.people, ln.adds])
    if not lines:
        return lay.note(_("（无）", "(none)"))
    if figure_rows.additive(key):
        rows.append(["", _("合计", "Total"), "", "", "", sum((ln.adds for ln in lines),
                                                             Decimal(0))])
    return lay.grid(rows, width=lay.content_width(), stretch=(3,))


def _files(data: Year, actor: Actor, story: _Story) -> None:
    station = station_info().name
    visible = privacy.visible_clients(actor)
    story.section("cases", _("三、个案档案", "3. Case files"))
    cases = list(Case.select().where(Case.id.in_(data.ids("cases"))).order_by(Case.case_no))
    if not cases:
        story.body.append(lay.note(_("（本年度无个案）", "(no cases this year)")))
    for case in cases:
        story.file(_key("case", case.id), case.case_no or str(case.id), case_file.case_story(
            case, actor, show_personal=visible is None or int(case.client_id) in visible,
            station=station, photos=0))
    story.section("groups", _("四、小组档案", "4. Group files"))
    for group_id in data.ids("groups"):
        file = group_file.group_file(group_id, actor)
        parts = [group_papers.plan_story(file),
                 *(group_papers.session_story(file, line, actor, 0) for line in file.sessions),
                 group_papers.summary_story(file)]
        body: list[Flowable] = []
        for part in parts:
            body.extend([PageBreak(), *part] if body else part)
        story.file(_key("group", group_id), f"{file.group.group_no} {file.group.name}", body)
    if not data.ids("groups"):
        story.body.append(lay.note(_("（本年度无小组）", "(no groups this year)")))
    story.section("activities", _("五、社区活动档案", "5. Community activity files"))
    for activity in _activities(data):
        file_ = activities.activity_file(int(activity.id))
        story.file(_key("activity", activity.id), f"{activity.activity_no} {activity.title}",
                   activity_file.file_story(file_, actor, 0))
    if not _activities(data):
        story.body.append(lay.note(_("（本年度无社区活动档案）", "(no activity files)")))


def _evidence(data: Year, actor: Actor, story: _Story, per_page: int) -> None:
    """过程佐证材料: the photos and scans of every file above, each file's an entry of
    the contents; hidden ones as placeholders, as in the files themselves."""
    if not per_page:
        story.body.append(lay.note(_("（本档案未附照片及扫描件）",
                                     "(printed without the photos and scans)")))
        return
    found = False

    def add(key: str, title: str, parts: Sequence[Flowable]) -> None:
        nonlocal found
        if not parts:
            return
        found = True
        # The file's heading stays with its first row of photos.
        story.body.append(CondPageBreak(ph.row_height(per_page) + 30 * lay.mm))
        story.section(key, title, 1, new_page=False)
        story.body.extend(parts)

    station = station_info().name
    visible = privacy.visible_clients(actor)
    for case in Case.select().where(Case.id.in_(data.ids("cases"))).order_by(Case.case_no):
        paper = case_file.paper_of(case, actor, station=station, photos=per_page,
                                   show_personal=visible is None
                                   or int(case.client_id) in visible)
        add(_key("evidence-case", case.id), _("个案 {}", "Case {}").format(
            case.case_no or case.id), case_documents.photo_parts(paper))
    for group_id in data.ids("groups"):
        file = group_file.group_file(group_id, actor)
        parts: list[Flowable] = []
        for line in file.sessions:
            parts += group_papers.session_photos(actor, line, per_page, new_page=False)
        add(_key("evidence-group", group_id), _("小组 {} {}", "Group {} {}").format(
            file.group.group_no, file.group.name), parts)
    for activity in _activities(data):
        file_ = activities.activity_file(int(activity.id))
        add(_key("evidence-activity", activity.id), _("社区活动 {} {}", "Activity {} {}").format(
            activity.activity_no, activity.title),
            activity_file.photos_story(file_, actor, per_page, new_page=False))
    if not found:
        story.body.append(lay.note(_("（本年度的档案未附照片或扫描件）",
                                     "(no photos or scans attached to this year's files)")))


def _activities(data: Year) -> list[CommunityActivity]:
    held = (ServiceRecord.select(ServiceRecord.activity)
            .where(ServiceRecord.id.in_(data.ids("activities"))
                   & ServiceRecord.activity.is_null(False)))
    return list(CommunityActivity.live().where(CommunityActivity.id.in_(held))
                .order_by(CommunityActivity.activity_no))


def _training(data: Year) -> list[Flowable]:
    hours = training.hours_between(data.year.first, data.year.last)
    rows: list[list[object]] = [[_("社工", "Worker"), _("学时", "Hours"),
                                 _("是否达到每年 80 学时", "80 hours a year met")]]
    for worker, total in hours:
        rows.append([worker.name, total, _("是", "yes") if not training.short_of_city_rule(total)
                     else _("否", "no")])
    return [lay.grid(rows, width=lay.content_width(), stretch=(0,))]


def _complaints(data: Year) -> list[Flowable]:
    rows = list(Complaint.live().where(Complaint.received_on.between(
        data.year.first, data.year.last)).order_by(Complaint.received_on))
    return [lay.note(_("投诉不按项目登记：以下为本站在本执行年度内受理的全部投诉"
                       "（投诉人信息不列出）。",
                       "Complaints are not filed by project: these are all the station "
                       "received in this execution year (complainants left out).")),
            lay.list_table(rows, Complaint, COMPLAINT_FIELDS, show_personal=lambda _r: False,
                           stretch=("content", "outcome"),
                           empty=_("（本年度未收到投诉）", "(no complaints this year)"))]


def _satisfaction(data: Year) -> list[Flowable]:
    held = _activities(data)
    story: list[Flowable] = [lay.heading(_("社区活动满意度", "Activity satisfaction"))]
    rows: list[list[object]] = [[_("活动编号", "Number"), _("活动", "Activity"),
                                 _("调查份数", "Surveyed"), _("满意份数", "Satisfied"),
                                 _("满意率", "Rate")]]
    surveyed = satisfied = 0
    for a in held:
        s, y = int(a.surveyed or 0), int(a.satisfied or 0)
        surveyed, satisfied = surveyed + s, satisfied + y
        rows.append([a.activity_no, a.title, s, y, f"{y / s:.0%}" if s else "—"])
    rows.append(["", _("合计", "Total"), surveyed, satisfied,
                 f"{satisfied / surveyed:.0%}" if surveyed else "—"])
    story.append(lay.grid(rows, width=lay.content_width(), stretch=(1,)))
    story.append(lay.heading(_("满意度问卷", "Satisfaction questionnaires")))
    responses = list(QuestionnaireResponse.live().where(
        (QuestionnaireResponse.phase == "satisfaction")
        & QuestionnaireResponse.date.between(data.year.first, data.year.last)
        & (QuestionnaireResponse.case.in_(data.ids("cases"))
           | QuestionnaireResponse.activity.in_([int(a.id) for a in held])
           | QuestionnaireResponse.work_group.in_(data.ids("groups")))))
    by_code: dict[str, list[int]] = {}
    for r in responses:
        by_code.setdefault(str(r.questionnaire), []).append(int(r.score or 0))
    qrows: list[list[object]] = [[_("问卷", "Questionnaire"), _("份数", "Responses"),
                                  _("平均得分", "Average score")]]
    for code, scores in sorted(by_code.items()):
        qrows.append([_questionnaire_name(code), len(scores),
                      f"{sum(scores) / len(scores):.1f}"])
    story.append(lay.grid(qrows, width=lay.content_width(), stretch=(0,)) if by_code
                 else lay.note(_("（本年度无满意度问卷）", "(no satisfaction questionnaires)")))
    closed = [c for c in Case.select().where(Case.id.in_(data.ids("cases")))
              if c.satisfaction and c.closed_on and data.year.first <= c.closed_on
              <= data.year.last]
    story.append(lay.heading(_("结案个案的服务对象满意度", "Closed cases' satisfaction")))
    tally: dict[str, int] = {}
    for c in closed:
        tally[str(c.satisfaction)] = tally.get(str(c.satisfaction), 0) + 1
    crows: list[list[object]] = [[_("满意度", "Satisfaction"), _("个案数", "Cases")]]
    for code in sorted(tally, reverse=True):
        crows.append([reference.label("satisfaction_level", code), tally[code]])
    story.append(lay.grid(crows, width=lay.content_width(), stretch=(0,)) if tally
                 else lay.note(_("（无）", "(none)")))
    return story


def _questionnaire_name(code: str) -> str:
    try:
        return questionnaires.definition(code).label
    except NotFoundError:  # (a definition this station no longer holds: its code)
        return code


def binder_story(data: Year, actor: Actor, photos: int = ph.FILE_PER_PAGE
                 ) -> tuple[list[Flowable], list[tuple[str, str, int]]]:
    """The binder's flowables (contents included) and its contents entries; the
    evidence section's photos ``photos`` to a page (0: none)."""
    story = _Story()
    story.section("summary", _("一、合同概况", "1. The contract"))
    story.body.extend(_summary(data))
    story.section("indicators", _("二、指标完成情况", "2. Indicators"))
    _indicators(data, story)
    _files(data, actor, story)
    story.section("evidence", _("六、过程佐证材料", "6. Evidence: photos and scans"))
    _evidence(data, actor, story, photos)
    story.section("training", _("七、继续教育学时", "7. Continuing education"))
    story.body.extend(_training(data))
    story.section("complaints", _("八、投诉及处理", "8. Complaints and their handling"))
    story.body.extend(_complaints(data))
    story.section("satisfaction", _("九、满意度", "9. Satisfaction"))
    story.body.extend(_satisfaction(data))
    contents: list[Flowable] = [PageBreak(), *lay.title_block(_("目录", "Contents")),
                                Mark("contents", _("目录", "Contents"))]
    contents += [ContentsLine(key, title, level) for key, title, level in story.entries]
    cover: list[Flowable] = [Mark("cover", _("封面", "Cover")), *_cover(data)]
    entries = [("cover", _("封面", "Cover"), 0), ("contents", _("目录", "Contents"), 0),
               *story.entries]
    return [*cover, *contents, *story.body], entries


def binder(project_ref: int | str, year_no: int | str, actor: Actor, out: Path,
           photos: int = ph.FILE_PER_PAGE) -> Book:
    """Write the binder of project ``project_ref``'s execution year ``year_no`` to
    ``out``, its evidence ``photos`` to a page (0: without them); returns what the
    build noted (each section's page)."""
    lay.check_out_path(out, ".pdf")
    data = binder_year(project_ref, year_no)
    body, _entries = binder_story(data, actor, photos)
    book = Book()
    book.total = lay.write_pdf(out, report_info(_title()), body, canvas=canvas_for(book))
    journal.audit(actor, "print", "project", data.project.uid,
                  {"report": "binder", "year": data.year.number})
    return book
