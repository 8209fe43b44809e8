"""The contract's rules as people read them: what a grade means, whether an agency meets
the plan's staffing rule, whether a complaint is overdue, voiding a certificate.

The rules come from the city's 2021 plan and the purchase rules (DESIGN.md): a yearly
evaluation graded 优秀 / 良好 / 合格 / 不合格, renewal only on 优秀 (the whole contract at
most 3 years), termination on 不合格; an agency's full-time staff at least one third
certified (社会工作者职业水平证书) or social-work graduates, its legal representative
preferably holding 社会工作师 or above.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from swdesk import settings
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Agency,
    Complaint,
    Evaluation,
    Project,
    Volunteer,
    VolunteerCertificate,
)
from swdesk.services import crud
from swdesk.services.actor import Actor

# Certificate levels of 社会工作师 and above (reference list ``cert_level``).
SOCIAL_WORKER_OR_ABOVE = frozenset({"social_worker", "senior"})
CERTIFIED_SHARE = Fraction(1, 3)  # 专职人员三分之一以上持证或社工本科


def consequence(grade: str | None) -> str:
    """What an evaluation's grade means for the contract."""
    if grade == "excellent":
        return _("优秀：可以续签（合同期累计不超过3年）",
                 "Excellent: the contract may be renewed (3 years at most in all)")
    if grade == "fail":
        return _("不合格：终止合同", "Fail: the contract ends")
    if grade in ("good", "pass"):
        return _("未达优秀：期满不得续签，须重新购买",
                 "Below excellent: no renewal at the end; the service is bought anew")
    return _("尚未评估", "Not evaluated yet")


def last_evaluation(project_id: int) -> Evaluation | None:
    """The project's newest evaluation (by date, then as entered)."""
    return (Evaluation.live().where(Evaluation.project == project_id)
            .order_by(Evaluation.evaluated_on.desc(), Evaluation.id.desc()).first())


def renewal_advice(project: Project) -> str:
    """Renew or not, by the last grade: what a contract near its end needs."""
    last = last_evaluation(int(project.id))
    if last is None:
        return _("尚无评估等级：请先完成评估，优秀方可续签",
                 "No grade yet: evaluate first; only excellent allows renewal")
    if last.grade == "excellent":
        return _("最近评估优秀：可办理续签", "Last grade excellent: the contract may be renewed")
    if last.grade == "fail":
        return _("最近评估不合格：不得续签", "Last grade fail: no renewal")
    return _("最近评估未达优秀：不得续签，请准备重新购买",
             "Last grade below excellent: no renewal; prepare a new purchase")


@dataclass(frozen=True)
class AgencyCheck:
    """The plan's staffing rule and the legal representative's certificate."""

    fulltime: int
    certified: int
    staff_ok: bool  # at least one third certified or social-work graduates
    rep_ok: bool  # the legal representative holds 社会工作师 or above

    @property
    def share_text(self) -> str:
        if not self.fulltime:
            return _("未填专职人员数", "Full-time staff not given")
        share = (_("持证或社工本科 {}/{} 人（{:.0%}），达到三分之一",
                   "Certified or social-work graduates {}/{} ({:.0%}): one third reached")
                 if self.staff_ok else
                 _("持证或社工本科 {}/{} 人（{:.0%}），未达三分之一",
                   "Certified or social-work graduates {}/{} ({:.0%}): below one third"))
        return share.format(self.certified, self.fulltime, self.certified / self.fulltime)

    @property
    def rep_text(self) -> str:
        return (_("法定代表人持社会工作师及以上证书", "The legal representative is certified")
                if self.rep_ok else
                _("法定代表人未持社会工作师及以上证书（方案倡导由持证专职人员担任）",
                  "The legal representative holds no social-worker certificate (the plan "
                  "asks for one)"))


def agency_check(agency: Agency) -> AgencyCheck:
    full = int(agency.fulltime_staff or 0)
    certified = int(agency.certified_staff or 0)
    return AgencyCheck(full, certified,
                       full > 0 and Fraction(certified, full) >= CERTIFIED_SHARE,
                       agency.legal_rep_cert in SOCIAL_WORKER_OR_ABOVE)


def deadline_of(complaint: Complaint) -> dt.date:
    """Its deadline; one entered before there were deadlines (or by a ledger without the
    column) counts the station's days from the date received."""
    if complaint.deadline is not None:
        return complaint.deadline
    return complaint.received_on + dt.timedelta(days=settings.COMPLAINT_DAYS.get())


def overdue(complaint: Complaint, today: dt.date | None = None) -> bool:
    """Not closed and its deadline passed."""
    return complaint.status != "closed" and deadline_of(complaint) < (today or dt.date.today())


def overdue_complaints(today: dt.date) -> list[Complaint]:
    days = settings.COMPLAINT_DAYS.get()
    late = ((Complaint.deadline < today)
            | (Complaint.deadline.is_null() & (Complaint.received_on
                                               < today - dt.timedelta(days=days))))
    return sorted(Complaint.live().where((Complaint.status != "closed") & late),
                  key=lambda c: (deadline_of(c), c.id))


# --- the certificate register ------------------------------------------------------------


def find_certificate(number: str) -> VolunteerCertificate:
    """A certificate by its printed number (or row id); a clear message if there is none."""
    text = (number or "").strip()
    row = VolunteerCertificate.live().where(VolunteerCertificate.cert_no == text).first()
    if row is None and text.isdigit():
        row = VolunteerCertificate.live().where(VolunteerCertificate.id == int(text)).first()
    if row is None:
        raise ValidationError(_("没有编号为 {} 的志愿服务证明",
                                "No volunteer certificate numbered {}").format(text or "—"))
    return row


def void_certificate(number: str | VolunteerCertificate, reason: str, actor: Actor,
                     today: dt.date | None = None) -> VolunteerCertificate:
    """Mark a certificate void with its reason. The row stays in the register, so its
    number is never given again."""
    cert = number if isinstance(number, VolunteerCertificate) else find_certificate(number)
    if cert.voided_on is not None:
        raise ValidationError(_("证明 {} 已于 {} 作废", "Certificate {} was voided on {}").format(
            cert.cert_no, cert.voided_on.isoformat()))
    if not (reason or "").strip():
        raise ValidationError({"void_reason": _("作废须写明原因",
                                                "Say why the certificate is voided")})
    return crud.update(VolunteerCertificate, cert, {
        "voided_on": today or dt.date.today(), "void_reason": reason}, actor)


def verdict(row: object, today: dt.date | None = None) -> str:
    """What the rules say of one row, in a line (the command line's lists print it)."""
    if isinstance(row, Evaluation):
        return consequence(row.grade)
    if isinstance(row, Complaint):
        return _("已超过办理期限", "Past its deadline") if overdue(row, today) else ""
    if isinstance(row, Agency):
        check = agency_check(row)
        return "；".join(t for t, ok in ((check.share_text, check.staff_ok),
                                        (check.rep_text, check.rep_ok)) if not ok) or _(
            "符合方案的人员要求", "Meets the plan's staffing rules")
    if isinstance(row, VolunteerCertificate) and row.voided_on is not None:
        return _("已作废：{}", "Voided: {}").format(row.void_reason or "")
    return ""


def certificates(search: str = "") -> list[VolunteerCertificate]:
    """The register, newest first; ``search`` in the number or the volunteer's name."""
    query = (VolunteerCertificate.live().join(Volunteer)
             .order_by(VolunteerCertificate.issued_on.desc(), VolunteerCertificate.id.desc()))
    text = search.strip()
    if text:
        query = query.where(VolunteerCertificate.cert_no.contains(text)
                            | Volunteer.name.contains(text))
    return list(query)
