"""Every kind of report, declared once: its key, labels, what it asks for, what makes it.

The command line (``swdesk report KIND``), the 报表 page and the print buttons build
themselves from this registry, so a new report is one :func:`register` call (here for
the shipped ones, or from a plugin) and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.reports import case_names
from swdesk.services.actor import Actor

# What a parameter is, which says how it is asked for: the page shows a month picker
# (month), a year box (year), a date picker (date), a search-as-you-type picker over
# that table (record, case, volunteer, activity), a list of the live projects (project) or a
# list of the fixed ``choices`` (choice), a group by its number (group) or a group's
# session number, empty for all (session), a list of the station's questionnaires
# (questionnaire: their code); the command line takes ``--NAME VALUE``.
ParamKind = Literal["month", "year", "date", "record", "case", "volunteer", "project",
                    "activity", "choice", "group", "session", "questionnaire", "response"]
# The table a picker searches, per kind that picks one row.
PICKED_TABLE: dict[str, str] = {"record": "service_record", "case": "case",
                                "volunteer": "volunteer", "project": "project",
                                "activity": "community_activity", "group": "work_group",
                                "response": "questionnaire_response"}


@dataclass(frozen=True)
class Choice:
    value: str
    zh: str
    en: str

    def label(self) -> str:
        return _(self.zh, self.en)


@dataclass(frozen=True)
class Param:
    """One thing a report asks for; its value travels as text in ``ReportRequest.values``."""

    name: str  # the key in the request's values
    kind: ParamKind
    zh: str
    en: str
    required: bool = True
    hint_zh: str = ""  # the picker's placeholder and the command line's help
    hint_en: str = ""
    choices: tuple[Choice, ...] = ()  # kind "choice"
    flag: str = ""  # the command-line option ("--NAME" if empty); "" with positional
    positional: bool = False  # the command line takes it bare (``report blank service``)
    start_of_year: bool = False  # a date that starts on 1 January of this year

    def label(self) -> str:
        return _(self.zh, self.en)

    def hint(self) -> str:
        return _(self.hint_zh, self.hint_en) if self.hint_zh else ""

    def option(self) -> str:
        return self.flag or f"--{self.name}"

    def default(self, today: dt.date) -> str:
        """What the page shows first ("" for nothing chosen yet)."""
        if self.kind == "month":
            return f"{today.year}-{today.month:02d}"
        if self.kind == "year":
            return str(today.year) if self.required else ""
        if self.kind == "date":
            return (dt.date(today.year, 1, 1) if self.start_of_year else today).isoformat()
        if self.kind == "choice" and self.choices:
            return self.choices[0].value
        return ""


@dataclass(frozen=True)
class Made:
    summary: str  # the one line the command line prints
    note: str = ""  # what the window adds to "done, N pages" (a certificate's number)


Values = Mapping[str, str]
Build = Callable[[Values, Actor, Path], Made]


@dataclass(frozen=True)
class ReportKind:
    key: str
    zh: str
    en: str
    about_zh: str  # one sentence on what the paper is for (the page shows it)
    about_en: str
    params: tuple[Param, ...]
    build: Build
    excel: bool = False  # also as an Excel workbook (an ``.xlsx`` output)
    note_zh: str = ""  # a remark under the parameters
    note_en: str = ""

    def label(self) -> str:
        return _(self.zh, self.en)

    def about(self) -> str:
        return _(self.about_zh, self.about_en)

    def note(self) -> str:
        return _(self.note_zh, self.note_en) if self.note_zh else ""

    def suffixes(self) -> tuple[str, ...]:
        """The endings of the files it can write."""
        return (".pdf", ".xlsx") if self.excel else (".pdf",)

    def check_out(self, out: Path) -> Path:
        """``out`` if this kind can write such a file; else a message naming what it can."""
        if Path(out).suffix.lower() not in self.suffixes():
            raise ValidationError(_("{}只能保存为 {} 文件：{}", "The {} can only be saved as a "
                                    "{} file: {}").format(
                self.label(), _(" 或 ", " or ").join(self.suffixes()), out))
        return Path(out)

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)


_KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    """Add a report kind (after the others); its key must be new."""
    if kind.key in _KINDS:
        raise ValueError(f"report kind {kind.key!r} is registered already")
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """Take a kind away again (a plugin unloaded; a test's own kind)."""
    _KINDS.pop(key, None)


def all_kinds() -> Iterator[ReportKind]:
    """The registered kinds, in the order the page lists them."""
    return iter(list(_KINDS.values()))


def keys() -> tuple[str, ...]:
    return tuple(_KINDS)


def get(key: str) -> ReportKind:
    kind = _KINDS.get(key)
    if kind is None:
        raise ValidationError(_("未知的报表类型：{}", "Unknown report: {}").format(key))
    return kind


def checked(kind: ReportKind, values: Values) -> dict[str, str]:
    """The values of ``kind``'s parameters, trimmed; ValidationError for a missing one."""
    out: dict[str, str] = {}
    for param in kind.params:
        value = str(values.get(param.name, "") or "").strip()
        if param.required and not value:
            raise ValidationError(_("请填写{}", "Please give the {}").format(param.label()))
        if value and param.choices and value not in {c.value for c in param.choices}:
            raise ValidationError(_("{}只能是：{}", "The {} must be one of: {}").format(
                param.label(), "、".join(c.value for c in param.choices)))
        out[param.name] = value
    return out


def _pages(out: Path, pages: int) -> Made:
    return Made(_("已生成 {}（共 {} 页）", "Wrote {} ({} pages)").format(out, pages))


# --- the shipped reports ---
# Lazy imports: each report module (and reportlab, slow to import) is imported when its
# report is made, not when the registry is read at start.

def _monthly(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import monthly

    pages = monthly.monthly(values["month"], actor, out)
    if out.suffix.lower() == ".xlsx":
        return Made(_("已生成 {}（{} 个工作表）", "Wrote {} ({} sheets)").format(out, pages))
    return _pages(out, pages)


def _record(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import record_sheet

    return _pages(out, record_sheet.record_sheet(values["record"], actor, out))


def _case(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import case_file

    document = values.get("document") or case_names.WHOLE_FILE
    if document == case_names.WHOLE_FILE:
        return _pages(out, case_file.case_file(values["case"], actor, out))
    return _pages(out, case_file.case_document(document, values["case"], actor, out))


def _volunteer(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.model import VolunteerCertificate, describe
    from swdesk.reports import volunteer
    from swdesk.services import display

    cert = volunteer.issue_certificate(values["volunteer"], actor, out,
                                       year=values.get("year") or None)
    hours = display.format_plain(cert.hours, describe(VolunteerCertificate).field("hours"))
    return Made(_("已开具证明 {}，累计 {} 小时：{}", "Issued certificate {} ({} hours): {}")
                .format(cert.cert_no, cert.hours, out),
                _("已登记证明编号 {}，累计服务 {} 小时",
                  "Certificate {} registered, {} hours in total").format(cert.cert_no, hours))


def _volunteer_hours(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import periods, volunteer

    period = periods.date_range(values["date_from"], values["date_to"])
    return _pages(out, volunteer.volunteer_hours_report(period, actor, out))


def _project(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import project

    return _pages(out, project.project_report(values["project"], actor, out))


def _training(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import training

    return _pages(out, training.training_report(values["year"], actor, out))


def _activity(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import activity_file

    return _pages(out, activity_file.activity_paper(values["activity"],
                                                    values.get("paper") or "file", actor, out))
def _group(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import group_papers

    group, paper = values["group"], values["paper"]
    session = values.get("session") or ""
    if session and not session.isdigit():
        raise ValidationError(_("节次应为数字：{}", "The session must be a number: {}")
                              .format(session))
    if session and paper != "session":
        raise ValidationError(_("只有小组节次记录可以选择节次",
                                "Only the session records take a session number"))
    if paper == "plan":
        return _pages(out, group_papers.group_plan(group, actor, out))
    if paper == "summary":
        return _pages(out, group_papers.group_summary(group, actor, out))
    if paper == "file":
        return _pages(out, group_papers.group_whole_file(group, actor, out))
    return _pages(out, group_papers.group_sessions(group, actor, out,
                                                   int(session) if session else None))


def _binder(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import binder

    if out.suffix.lower() == ".xlsx":
        from swdesk.reports import binder_excel

        sheets = binder_excel.write_detail(
            binder.binder_year(values["project"], values["year_no"]), out)
        return Made(_("已生成 {}（{} 个工作表）", "Wrote {} ({} sheets)").format(out, sheets))
    book = binder.binder(values["project"], values["year_no"], actor, out)
    return _pages(out, book.total)


def _blank(values: Values, _actor: Actor, out: Path) -> Made:
    from swdesk.reports import blank

    return _pages(out, blank.blank_form(values["form"], out))


def _questionnaire(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import questionnaire

    if values.get("response"):
        return _pages(out, questionnaire.filled_questionnaire(values["response"], actor, out))
    if not values.get("questionnaire"):
        raise ValidationError(_("请选择要打印的问卷，或一份已填写的问卷",
                                "Choose a questionnaire to print, or a filled-in one"))
    return _pages(out, questionnaire.blank_questionnaire(values["questionnaire"], out))


def _rota(values: Values, actor: Actor, out: Path) -> Made:
    from swdesk.reports import rota

    return _pages(out, rota.rota_report(values["week"], values.get("volunteer") or None,
                                        actor, out))


register(ReportKind(
    "monthly", "月度工作报表", "Monthly report",
    "本站一个月的服务、个案、志愿服务、五社联动和项目指标汇总，报送街道；也可导出 Excel。",
    "A month of the station's services, cases, volunteering, five-society linkage and "
    "project indicators, for the street office; can also be exported to Excel.",
    (Param("month", "month", "月份", "month", hint_zh="如 2026-05", hint_en="e.g. 2026-05"),),
    _monthly, excel=True))
register(ReportKind(
    "record", "服务记录表", "Service record sheet",
    "一次服务的记录表，含参与的服务对象、志愿者、联动资源和签名栏。",
    "The sheet of one service: participants, volunteers, partners and signature lines.",
    (Param("record", "record", "服务记录", "service record", hint_zh="输入服务主题或内容查找",
           hint_en="Type a title or content to find"),),
    _record))
register(ReportKind(
    "case", "个案档案", "Case file",
    "一个个案的完整档案（接案登记表、预估表、服务计划表、个案过程记录、转介表、结案评估表，依次装订），"
    "或其中一份文书。",
    "A complete case file (intake, assessment, service plan, process records, referrals, "
    "closure evaluation, in that order), or one of its documents.",
    (Param("case", "case", "个案", "case", hint_zh="输入个案编号或服务对象姓名",
           hint_en="Type a case number or client name"),
     Param("document", "choice", "文书", "document", required=False,
           hint_zh="默认 file（整份档案）；" + "、".join(
               f"{key}（{zh}）" for key, (zh, _en) in case_names.DOCUMENTS.items()),
           hint_en="file (the whole file) unless chosen; " + ", ".join(
               f"{key} ({en})" for key, (_zh, en) in case_names.DOCUMENTS.items()),
           choices=(Choice(case_names.WHOLE_FILE, "整份档案", "The whole file"),
                    *(Choice(key, zh, en) for key, (zh, en) in case_names.DOCUMENTS.items())))),
    _case))
register(ReportKind(
    "volunteer", "志愿服务记录证明", "Volunteer service certificate",
    "为志愿者开具服务记录证明。每生成一次即登记一个新的证明编号，请确认后再生成。",
    "Issues a volunteer service certificate. Each one generated registers a new "
    "certificate number, so check before generating.",
    (Param("volunteer", "volunteer", "志愿者", "volunteer", hint_zh="输入志愿者姓名",
           hint_en="Type a volunteer's name"),
     Param("year", "year", "统计年度", "year", required=False,
           hint_zh="只计该年度的时长（默认：全部）",
           hint_en="only that year's hours (default: all)")),
    _volunteer,
    note_zh="证明编号按年度顺序编排，并记入证明登记簿。",
    note_en="Certificate numbers run per year and are entered in the certificate register."))
register(ReportKind(
    "volunteer-hours", "志愿服务时长统计", "Volunteer hours",
    "一段时间内的志愿服务时长，按志愿者、团队和项目合计。",
    "Volunteer hours over a period, totalled by volunteer, team and project.",
    (Param("date_from", "date", "开始日期", "start date", flag="--from", start_of_year=True),
     Param("date_to", "date", "结束日期", "end date", flag="--to")),
    _volunteer_hours))
register(ReportKind(
    "project", "项目指标进度与评估表", "Project indicators and evaluations",
    "项目各项指标的完成进度、人力成本占比和评估结果。",
    "Each indicator's progress, the labour-cost share and the evaluation results of a "
    "project.",
    (Param("project", "project", "服务项目", "project"),),
    _project))
register(ReportKind(
    "training", "继续教育学时统计", "Continuing-education hours",
    "社工一年的继续教育学时，不足 80 学时的会标出。",
    "Workers' continuing-education hours for a year; those below 80 are marked.",
    (Param("year", "year", "年度", "year"),),
    _training))
register(ReportKind(
    "activity", "社区活动档案", "Community activity file",
    "一次社区活动的活动方案、签到表（空白或已签到）、活动记录与总结、满意度，或全部合为一份档案。",
    "A community activity's plan, sign-in sheet (blank or filled), record and summary with "
    "its satisfaction survey, or all of them as one file.",
    (Param("activity", "activity", "社区活动", "community activity",
           hint_zh="输入活动编号或名称", hint_en="Type the activity number or title"),
     Param("paper", "choice", "表格", "paper", required=False,
           choices=(Choice("file", "全部档案", "The whole file"),
                    Choice("plan", "社区活动方案", "Activity plan"),
                    Choice("sign-in-blank", "签到表（空白）", "Sign-in sheet (blank)"),
                    Choice("sign-in", "签到表（已签到）", "Sign-in sheet (filled)"),
                    Choice("record", "活动记录与总结", "Record and summary")))),
    _activity,
    note_zh="签到表上的联系电话一律隐去中间四位。",
    note_en="Phones on a sign-in sheet always print with their middle digits hidden."))
register(ReportKind(
    "group", "小组档案", "Group file",
    "小组的计划书、各节记录（每节一页，含出席签到）、小组总结（出席率、前后测对比），"
    "或合为一份的完整档案。",
    "A group's plan, its session records (one a page, with attendance to sign), its "
    "summary (attendance rates, pre/post comparison), or the whole file in one.",
    (Param("paper", "choice", "表格", "paper", positional=True,
           choices=(Choice("file", "完整档案", "Whole file"),
                    Choice("plan", "小组计划书", "Group plan"),
                    Choice("session", "小组节次记录", "Session records"),
                    Choice("summary", "小组总结", "Group summary"))),
     Param("group", "group", "小组", "group", hint_zh="输入小组编号或名称",
           hint_en="Type a group number or name"),
     Param("session", "session", "节次", "session", required=False,
           hint_zh="节次记录只打印这一节（默认：全部）",
           hint_en="session records: only this one (default: all)")),
    _group))
register(ReportKind(
    "blank", "空白表格", "Blank forms",
    "外出走访时手写用的空白服务对象登记表或服务记录表。",
    "Blank client registration or service record forms to fill in by hand on visits.",
    (Param("form", "choice", "表格", "form", positional=True,
           choices=(Choice("service", "服务记录表", "Service record sheet"),
                    Choice("intake", "服务对象登记表", "Client registration form"))),),
    _blank))
register(ReportKind(
    "questionnaire", "问卷与量表", "Questionnaires",
    "问卷或量表的空白纸质版（满意度调查、小组前后测、老年人能力评估等），手写填答后再录入；"
    "或一份已填写的问卷：所选答案、各部分小计、总分和等级，附签名栏。",
    "A questionnaire or scale on paper (satisfaction, a group's pre/post test, the elderly "
    "ability assessment …) to fill in by hand; or a filled-in one with its answers ticked, "
    "each part's subtotal, the total and the band, with signature lines.",
    (Param("questionnaire", "questionnaire", "空白问卷", "blank questionnaire", required=False,
           hint_zh="问卷编码，见 swdesk questionnaire list",
           hint_en="its code: see swdesk questionnaire list"),
     Param("response", "response", "或已填写的问卷", "or a filled-in one", required=False,
           hint_zh="留空则打印空白问卷", hint_en="leave empty for a blank one")),
    _questionnaire))
register(ReportKind(
    "binder", "项目评估档案", "Evaluation binder",
    "一个项目一个执行年度的评估档案：封面、目录、合同概况、各项指标完成情况及其明细、"
    "本年度全部个案、小组和社区活动档案、继续教育学时、投诉处理和满意度，带书签；"
    "也可导出指标明细 Excel。",
    "One project's execution year for its evaluation: cover, contents, the contract, each "
    "indicator's figure with the rows behind it, every case, group and activity file of the "
    "year, training hours, complaints and satisfaction, with bookmarks; the indicator "
    "detail can also be exported to Excel.",
    (Param("project", "project", "服务项目", "project",
           hint_zh="项目编号，如 XM-SM-001-P202401", hint_en="its number, e.g. XM-SM-001-P202401"),
     Param("year_no", "choice", "执行年度", "execution year", flag="--year",
           choices=(Choice("1", "第1执行年度", "Execution year 1"),
                    Choice("2", "第2执行年度", "Execution year 2"),
                    Choice("3", "第3执行年度", "Execution year 3")))),
    _binder, excel=True))
register(ReportKind(
    "rota", "邻里守望探访排班表", "Neighbourhood care visit rota",
    "一周内志愿者负责探访的服务对象，每位志愿者一页：姓名、住址和电话只显示志愿者可见的部分，"
    "附勾选栏、备注栏和交回的回执。",
    "A week's visits by volunteers, one volunteer to a page: names, addresses and phones "
    "only as a volunteer may see them, with tick boxes, a note column and a slip to return.",
    (Param("week", "date", "周次（该周任一天）", "week (any day of it)"),
     Param("volunteer", "volunteer", "志愿者", "volunteer", required=False,
           hint_zh="只打印这位志愿者的（默认：全部）",
           hint_en="only this volunteer's (default: all)")),
    _rota,
    note_zh="排班来自待办中的探访：服务对象已指定探访志愿者、本周应访（含已逾期）。",
    note_en="The rota lists the work list's visits of clients with a visiting volunteer, "
            "due this week (overdue ones too)."))
