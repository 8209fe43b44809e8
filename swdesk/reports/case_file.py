"""个案档案: the whole case file, one case or a batch of them in one PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import peewee as pw
from reportlab.platypus import Flowable, PageBreak

from swdesk import privacy
from swdesk.errors import NotFoundError, SwdeskError
from swdesk.i18n import _
from swdesk.model import Case, CaseLog, Client, Referral, Worker
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info
from swdesk.services import crud, journal
from swdesk.services.actor import Actor

CLIENT_FIELDS = ("name", "sex", "birth_date", "id_number", "phone", "community", "status",
                 "target_groups", "address", "guardian", "guardian_phone", "health_notes",
                 "family_notes")
CASE_FIELDS = ("case_no", "worker", "opened_on", "stage", "risk_level", "consent",
               "consent_on")
LOG_FIELDS = ("date", "way", "duration_min", "worker", "content", "next_step")
REFERRAL_FIELDS = ("date", "direction", "organisation", "reason", "result")

# The longest case files on paper hold hundreds of logs; that is still one query each.
Progress = Callable[[int, int], None]


def _title() -> str:
    return _("个案档案", "Case file")


def case_story(case: Case, actor: Actor, *, show_personal: bool | None = None) -> list[Flowable]:
    """The flowables of one case file; personal data masked unless ``actor`` may see it."""
    see = privacy.may_see(actor, int(case.client_id)) if show_personal is None else show_personal
    client: Client = case.client
    story: list[Flowable] = lay.title_block(
        _title(), _("个案编号：{}", "Case no. {}").format(case.case_no or case.id))
    story.append(lay.heading(_("一、服务对象基本情况", "1. The client")))
    story.append(lay.form_table(client, CLIENT_FIELDS, show_personal=see))
    story.append(lay.heading(_("二、个案基本信息", "2. The case")))
    story.append(lay.form_table(case, CASE_FIELDS, show_personal=see))
    story.append(lay.heading(_("三、问题描述与预估", "3. Problem and assessment")))
    story.append(lay.form_table(case, ("problem", "assessment"), show_personal=see))
    story.append(lay.heading(_("四、服务计划", "4. Service plan")))
    story.append(lay.form_table(case, ("plan",), show_personal=see))
    story.append(lay.heading(_("五、个案服务记录", "5. Case logs")))
    # Joined so each log's worker name costs no query of its own.
    logs = list(CaseLog.select(CaseLog, Worker).join(Worker, pw.JOIN.LEFT_OUTER)
                .where((CaseLog.case == case.id) & (CaseLog.deleted == False))  # noqa: E712
                .order_by(CaseLog.date, CaseLog.id))
    story.append(lay.list_table(logs, CaseLog, LOG_FIELDS, show_personal=lambda _r: see,
                                stretch=("content", "next_step")))
    story.append(lay.heading(_("六、转介情况", "6. Referrals")))
    referrals = list(Referral.live().where(Referral.case == case.id)
                     .order_by(Referral.date, Referral.id))
    story.append(lay.list_table(referrals, Referral, REFERRAL_FIELDS,
                                show_personal=lambda _r: see, stretch=("reason", "result")))
    story.append(lay.heading(_("七、结案", "7. Closure")))
    story.append(lay.form_table(case, ("closed_on", "closure_summary"), show_personal=see))
    if not see:
        story.append(lay.note(_("注：按权限，个人信息已作脱敏处理。",
                                "Note: personal data are masked for your role.")))
    story.append(lay.signature_block([_("负责社工（签名）", "Worker (signature)"),
                                      _("督导（签名）", "Supervisor (signature)"),
                                      _("站长（审核）", "Station head (checked)")]))
    return story


def case_file(case_id: int | str, actor: Actor, out: Path) -> int:
    """Write the case file of ``case_id`` to ``out``; returns the page count."""
    case = crud.get(Case, case_id)
    pages = lay.write_pdf(out, report_info(_title()), case_story(case, actor))
    journal.audit(actor, "print", "case", case.uid, {"report": "case"})
    return pages


def case_files(case_ids: Sequence[int], actor: Actor, out: Path,
               progress: Progress | None = None) -> int:
    """Many case files in one PDF, each starting on a new page; returns the page count."""
    if not case_ids:
        raise SwdeskError(_("没有选择个案", "No case was chosen"))
    cases = {int(c.id): c for c in Case.select(Case, Client, Worker).join_from(Case, Client)
             .join_from(Case, Worker, pw.JOIN.LEFT_OUTER)
             .where(Case.id.in_(list(case_ids)) & (Case.deleted == False))}  # noqa: E712
    missing = [i for i in case_ids if int(i) not in cases]
    if missing:
        raise NotFoundError(_("找不到个案：{}", "Cases not found: {}").format(
            "、".join(str(m) for m in missing[:10])))
    visible = privacy.visible_clients(actor)
    story: list[Flowable] = []
    for n, case_id in enumerate(case_ids, start=1):
        case = cases[int(case_id)]
        if story:
            story.append(PageBreak())
        story.extend(case_story(case, actor, show_personal=visible is None
                                or int(case.client_id) in visible))
        if progress is not None:
            progress(n, len(case_ids))
    pages = lay.write_pdf(out, report_info(_title()), story)
    journal.audit(actor, "print", "case", "", {"report": "case_files", "count": len(case_ids)})
    return pages
