"""The documents of a case file, each as evaluators read it on paper.

接案登记表, 预估表, 服务计划表, 个案过程记录, 转介表 (one per referral, with its receipt),
结案评估表: each begins with its title, the station and the case number, and ends in
signature lines; :mod:`swdesk.reports.case_file` prints one of them or all in order.
Personal data print masked unless the person printing may see the client's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from swdesk.i18n import _
from swdesk.model import Case, CaseGoal, CaseLog, Client, Referral, Worker, describe
from swdesk.reports import case_names
from swdesk.reports import layout as lay
from swdesk.reports import photos as ph
from swdesk.services import case_goals, cases
from swdesk.services.actor import Actor
from swdesk.services.case_closure import follow_up
from swdesk.services.display import format_value

CLIENT_FIELDS = ("name", "sex", "birth_date", "id_number", "phone", "community", "status",
                 "target_groups", "address", "guardian", "guardian_phone", "health_notes",
                 "family_notes")
INTAKE_FIELDS = ("case_no", "opened_on", "worker", "project", "risk_level", "consent",
                 "consent_on", "problem")
LOG_FIELDS = ("date", "way", "duration_min", "worker", "care_visit", "content", "next_step",
              "next_step_on")
REFERRAL_FIELDS = ("direction", "date", "organisation", "reason", "result")
RECEIPT_FIELDS = ("receipt_on", "receipt_note")
CLOSURE_FIELDS = ("opened_on", "closed_on", "closure_reason", "satisfaction",
                  "closure_summary")
FOLLOW_UP_FIELDS = ("follow_up_on", "followed_up_on", "follow_up_note")
HAND_ROW = 10 * mm  # a row of a form filled in by hand


@dataclass(frozen=True)
class Paper:
    """What every document of one case prints: the case, its station, who may see what."""

    case: Case
    station: str
    see: bool  # the client's personal data in full
    actor: Actor  # who prints: which photos print and which as placeholders
    photos: int = ph.FILE_PER_PAGE  # photos to a page; 0: the file without them

    @property
    def client(self) -> Client:
        client: Client = self.case.client
        return client


def _head(title: str, paper: Paper) -> list[Flowable]:
    case = paper.case
    name = format_value(paper.client, describe(Client).field("name"), show_personal=paper.see)
    return lay.title_block(title, _("{}　个案编号：{}　服务对象：{}",
                                    "{}   Case no. {}   Client: {}").format(
        paper.station, case.case_no or case.id, name))


def _masked_note(paper: Paper) -> list[Flowable]:
    if paper.see:
        return []
    return [lay.note(_("注：按权限，个人信息已作脱敏处理。",
                       "Note: personal data are masked for your role."))]


def _signatures(*labels: str) -> Flowable:
    return lay.signature_block(list(labels))


def _form(paper: Paper, row: pw.Model, keys: tuple[str, ...], *,
          blank: bool = False) -> Flowable:
    """The fields of ``row`` as a form; ``blank``: rows high enough to write in by hand."""
    if not blank:
        return lay.form_table(row, keys, show_personal=paper.see)
    pairs = lay.field_pairs(row, keys, show_personal=paper.see)
    return lay.pairs_table([(spec.label, value, spec.kind == "longtext") for spec, value in pairs],
                           lay.content_width(), min_height=HAND_ROW)


# --- 接案登记表 ----------------------------------------------------------------------------------

def intake(paper: Paper) -> list[Flowable]:
    story = _head(case_names.title("intake"), paper)
    story.append(lay.heading(lay.section(1, _("服务对象基本情况", "The client"))))
    story.append(_form(paper, paper.client, CLIENT_FIELDS))
    story.append(lay.heading(lay.section(2, _("接案情况", "The case opened"))))
    story.append(_form(paper, paper.case, INTAKE_FIELDS))
    story += _masked_note(paper)
    story.append(_signatures(_("接案社工（签名）", "Worker (signature)"),
                             _("服务对象或监护人（签名）", "Client or guardian (signature)")))
    return story


# --- 预估表 --------------------------------------------------------------------------------------

def assessment(paper: Paper) -> list[Flowable]:
    story = _head(case_names.title("assessment"), paper)
    story.append(lay.heading(lay.section(1, _("问题与风险", "Problem and risk"))))
    story.append(_form(paper, paper.case, ("risk_level", "problem")))
    story.append(lay.heading(lay.section(2, _("预估", "Assessment"))))
    story.append(_form(paper, paper.case, ("assessment",)))
    story.append(lay.heading(lay.section(3, _("评估量表", "Assessment questionnaires"))))
    lines = cases.assessments(int(paper.case.id))
    if lines:
        data: list[list[object]] = [[_("序号", "No."), _("填写日期", "Date"),
                                     _("问卷", "Questionnaire"), _("总分", "Score"),
                                     _("结果", "Result"), _("评估人", "Assessed by")]]
        data += [[n, line.date.isoformat(), line.questionnaire,
                  line.score if line.score is not None else "", line.band, line.worker]
                 for n, line in enumerate(lines, start=1)]
        story.append(lay.grid(data, width=lay.content_width(), stretch=(2,)))
    else:
        story.append(lay.note(_("（未填写评估量表）", "(no assessment questionnaire)")))
    story += _masked_note(paper)
    story.append(_signatures(_("评估社工（签名）", "Worker (signature)"),
                             _("督导（签名）", "Supervisor (signature)")))
    return story


# --- 服务计划表 ----------------------------------------------------------------------------------

def plan(paper: Paper) -> list[Flowable]:
    story = _head(case_names.title("plan"), paper)
    story.append(lay.heading(lay.section(1, _("服务目标与措施", "Goals and measures"))))
    goals = case_goals.goals(int(paper.case.id))
    story.append(lay.list_table(goals, CaseGoal, ("goal", "measures", "target_on"),
                                show_personal=lambda _r: paper.see,
                                stretch=("goal", "measures"),
                                empty=_("（未列服务目标）", "(no goals listed)")))
    story.append(lay.heading(lay.section(2, _("计划说明", "The plan"))))
    story.append(_form(paper, paper.case, ("plan",)))
    story.append(_signatures(_("负责社工（签名）", "Worker (signature)"),
                             _("服务对象或监护人（签名）", "Client or guardian (signature)"),
                             _("督导（签名）", "Supervisor (signature)")))
    return story


# --- 个案过程记录 --------------------------------------------------------------------------------

def logs(paper: Paper) -> list[Flowable]:
    story = _head(case_names.title("logs"), paper)
    # Joined so each log's worker name costs no query of its own.
    rows = list(CaseLog.select(CaseLog, Worker).join(Worker, pw.JOIN.LEFT_OUTER)
                .where((CaseLog.case == paper.case.id) & (CaseLog.deleted == False))  # noqa: E712
                .order_by(CaseLog.date, CaseLog.id))
    if not rows:
        story.append(lay.note(_("（尚无过程记录）", "(no records yet)")))
    for n, log in enumerate(rows, start=1):
        story.append(lay.heading(_("第 {} 次（{}）", "Record {} ({})").format(
            n, log.date.isoformat())))
        story.append(_form(paper, log, LOG_FIELDS))
    story += _masked_note(paper)
    story.append(_signatures(_("负责社工（签名）", "Worker (signature)"),
                             _("督导（签名）", "Supervisor (signature)")))
    return story


# --- 转介表 --------------------------------------------------------------------------------------

def referrals_of(case: Case) -> list[Referral]:
    return list(Referral.live().where(Referral.case == case.id)
                .order_by(Referral.date, Referral.id))


def referral(paper: Paper, row: Referral) -> list[Flowable]:
    """One referral's form; a blank one (a new ``Referral``) to fill in by hand."""
    blank = row.id is None
    story = _head(case_names.title("referral"), paper)
    story.append(lay.heading(lay.section(1, _("转介情况", "The referral"))))
    story.append(_form(paper, row, REFERRAL_FIELDS, blank=blank))
    story.append(lay.heading(lay.section(2, _("接收机构回执", "Receipt"))))
    story.append(_form(paper, row, RECEIPT_FIELDS, blank=blank or row.receipt_on is None))
    story.append(_signatures(_("转介社工（签名）", "Referring worker (signature)"),
                             _("接收机构经办人（签名、盖章）",
                               "Receiving organisation (signature, seal)")))
    return story


def all_referrals(paper: Paper) -> list[Flowable]:
    """One 转介表 per referral, each on its own page; none yet: a blank one to fill in."""
    return _referral_forms(paper, referrals_of(paper.case) or [Referral(case=paper.case.id)])


def _referral_forms(paper: Paper, rows: list[Referral]) -> list[Flowable]:
    story: list[Flowable] = []
    for row in rows:
        if story:
            story.append(PageBreak())
        story += referral(paper, row)
    return story


# --- 结案评估表 ----------------------------------------------------------------------------------

def closure(paper: Paper) -> list[Flowable]:
    """Filled in from the closure; for an open case the form to fill in when closing."""
    case = paper.case
    blank = case.stage != "closed"
    story = _head(case_names.title("closure"), paper)
    story.append(lay.heading(lay.section(1, _("目标达成情况", "Goals reached"))))
    goals = case_goals.goals(int(case.id))
    story.append(lay.list_table(goals, CaseGoal, ("goal", "target_on", "attainment",
                                                  "attainment_note"),
                                show_personal=lambda _r: paper.see,
                                stretch=("goal", "attainment_note"),
                                empty=_("（服务计划未列目标）", "(the plan listed no goals)")))
    story.append(lay.heading(lay.section(2, _("结案情况", "Closure"))))
    story.append(_form(paper, case, CLOSURE_FIELDS, blank=blank))
    story.append(lay.heading(lay.section(3, _("回访", "Follow-up"))))
    story.append(_form(paper, case, FOLLOW_UP_FIELDS, blank=case.followed_up_on is None))
    if not blank and follow_up(case).state == "none":
        story.append(lay.note(_("无需回访", "No follow-up")))
    story += _masked_note(paper)
    story.append(_signatures(_("负责社工（签名）", "Worker (signature)"),
                             _("服务对象或监护人（签名）", "Client or guardian (signature)"),
                             _("督导（签名）", "Supervisor (signature)")))
    return story


# --- 照片及扫描件 -------------------------------------------------------------------------------

def _logs_of(case: Case) -> list[CaseLog]:
    return list(CaseLog.live().where(CaseLog.case == case.id).order_by(CaseLog.date, CaseLog.id))


def photo_parts(paper: Paper, per_page: int | None = None) -> list[Flowable]:
    """The case's photos, each process record's (numbered as 个案过程记录 numbers them),
    and the client's scanned papers (ID, consent); hidden from whoever may not see the
    client. Nothing when there are none."""
    per_page = per_page or paper.photos or ph.FILE_PER_PAGE
    case = paper.case
    parts = ph.photo_section(_("个案照片", "Photos of the case"),
                             ph.photos_of(paper.actor, "case", int(case.id)), per_page,
                             new_page=False)
    for n, log in enumerate(_logs_of(case), start=1):
        parts += ph.photo_section(
            _("第 {} 次过程记录（{}）的照片", "Photos of record {} ({})").format(
                n, log.date.isoformat()),
            ph.photos_of(paper.actor, "case_log", int(log.id)), per_page,
            new_page=False)
    parts += ph.photo_section(
        _("服务对象证件及知情同意书扫描件", "The client's ID and consent papers"),
        ph.photos_of(paper.actor, "client", int(case.client_id), hide=not paper.see), per_page,
        new_page=False)
    return parts


def photos(paper: Paper) -> list[Flowable]:
    story = _head(case_names.title("photos"), paper)
    return story + (photo_parts(paper) or [lay.note(_("（本个案无照片或扫描件）",
                                                      "(no photos or scans)"))])


# Each document's story, by its key in ``case_names.DOCUMENTS`` (the file's order).
STORIES: dict[str, Callable[[Paper], list[Flowable]]] = {
    "intake": intake, "assessment": assessment, "plan": plan, "logs": logs,
    "referral": all_referrals, "closure": closure, "photos": photos}


def whole_file(paper: Paper) -> list[Flowable]:
    """Every document in order, each from a new page; a case without referrals has no
    转介表, an open one no 结案评估表, one without photos (or printed without them) no
    照片及扫描件."""
    story: list[Flowable] = []
    referrals = referrals_of(paper.case)
    parts = photo_parts(paper) if paper.photos else []
    for key in case_names.DOCUMENTS:
        if (key == "referral" and not referrals) or (key == "closure"
                                                     and paper.case.stage != "closed"):
            continue
        if key == "photos":
            if parts:
                story += [PageBreak(), *_head(case_names.title("photos"), paper), *parts]
            continue
        if story:
            story.append(PageBreak())
        story += _referral_forms(paper, referrals) if key == "referral" else STORIES[key](paper)
    return story
