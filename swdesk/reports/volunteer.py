"""志愿服务记录证明 (certificate, numbered and registered) and the volunteer-hours totals.

The certificate states what the civil-affairs ministry's 2021 rules on volunteer
records ask of one: the volunteer's name, ID type and number, volunteer number;
hours and content of service; the issuing unit, its head, the handling officer
and a contact; a certificate number and issue date; and a place for the seal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.platypus import Flowable

from swdesk import privacy
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Volunteer, VolunteerCertificate, VolunteerHour, database, describe
from swdesk.reports import layout as lay
from swdesk.reports.context import actor_name, report_info, station_info
from swdesk.reports.figures import hundredths
from swdesk.reports.periods import Period, year_period
from swdesk.services import crud, journal, numbers_seen
from swdesk.services.actor import Actor
from swdesk.services.contract_year import find_certificate
from swdesk.services.display import format_plain

VOLUNTEER_FIELDS = ("name", "sex", "id_type", "id_number", "volunteer_no", "team")


def _title() -> str:
    return _("志愿服务记录证明", "Volunteer service certificate")


@dataclass(frozen=True)
class ServiceLine:
    content: str
    entries: int
    hours: Decimal
    first: dt.date
    last: dt.date


def service_lines(volunteer_id: int, period: Period | None) -> list[ServiceLine]:
    """The volunteer's hours by content of service (a certificate's 服务内容)."""
    where, args = "volunteer_id = ? AND deleted = 0", [str(volunteer_id)]
    if period is not None:
        where += " AND date BETWEEN ? AND ?"
        args += [period.first.isoformat(), period.last.isoformat()]
    rows = database.execute_sql(
        "SELECT content, count(*), sum(CAST(round(hours * 100) AS INTEGER)), min(date), "
        f"max(date) FROM volunteer_hour WHERE {where} GROUP BY content "
        "ORDER BY sum(hours) DESC, content", args).fetchall()
    return [ServiceLine(str(c), int(n), hundredths(h), dt.date.fromisoformat(str(a)),
                        dt.date.fromisoformat(str(b))) for c, n, h, a, b in rows]


def _next_cert_no(station_code: str, issued: dt.date) -> str:
    prefix = f"{station_code}-ZYZM-{issued.year}-"
    last = (VolunteerCertificate.select(VolunteerCertificate.cert_no)
            .where(VolunteerCertificate.cert_no.startswith(prefix))
            .order_by(VolunteerCertificate.cert_no.desc()).first())
    number = int(last.cert_no.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def issue_certificate(volunteer_id: int | str, actor: Actor, out: Path,
                      year: int | str | None = None, today: dt.date | None = None,
                      ) -> VolunteerCertificate:
    """Register a new numbered certificate and write it to ``out``.

    The register row and the PDF go together: if the PDF cannot be written, the
    register entry is rolled back, so no number is issued for a paper that was never
    printed.
    """
    lay.check_out_path(out, ".pdf")
    volunteer = numbers_seen.find_volunteer(volunteer_id)
    period = year_period(year) if year not in (None, "") else None
    lines = service_lines(int(volunteer.id), period)
    if not lines:
        when = _("在{}年", " in {}").format(period.first.year) if period else ""
        raise ValidationError(_("{}{}没有登记志愿服务时长，无法开具证明",
                                "{} has no volunteer hours recorded{}; no certificate issued")
                              .format(volunteer.name, when))
    station = station_info()
    issued = today or dt.date.today()
    with database.atomic():
        # The values are computed, not typed: the row is written as crud.create would write
        # it (change log + audit in this transaction), without the 24-hour cap that the
        # hours field's parser puts on one day's entry.
        cert = VolunteerCertificate(
            cert_no=_next_cert_no(station.code, issued), volunteer=int(volunteer.id),
            period_from=period.first if period else min(ln.first for ln in lines),
            period_to=period.last if period else max(ln.last for ln in lines),
            hours=sum((ln.hours for ln in lines), Decimal(0)),
            entries=sum(ln.entries for ln in lines), issued_on=issued, station=station.id,
            head_name=station.head_name or None, officer=actor_name(actor) or None,
            contact=station.phone or None, origin=station.code)
        cert.save(force_insert=True)
        journal.record_change(cert, "insert")
        journal.audit(actor, "create", "volunteer_certificate", cert.uid,
                      {"fields": ["cert_no", "hours", "volunteer"]})
        lay.write_pdf(out, report_info(_title(), today=issued),
                      certificate_story(cert, volunteer, lines, actor))
    return cert


def reprint_certificate(number: str, actor: Actor, out: Path) -> VolunteerCertificate:
    """Print a registered certificate again under its own number (补打): its registered
    period, hours and issue date; a voided one is refused, as a new number is needed."""
    lay.check_out_path(out, ".pdf")
    cert = find_certificate(number)
    if cert.voided_on is not None:
        raise ValidationError(_("证明 {} 已作废（{}），不能补打；请重新开具",
                                "Certificate {} was voided ({}); issue a new one").format(
            cert.cert_no, cert.void_reason or cert.voided_on.isoformat()))
    volunteer = crud.get(Volunteer, int(cert.volunteer_id))
    lines = service_lines(int(volunteer.id), Period(cert.period_from, cert.period_to))
    lay.write_pdf(out, report_info(_title(), today=cert.issued_on),
                  certificate_story(cert, volunteer, lines, actor))
    journal.audit(actor, "print", "volunteer_certificate", cert.uid, {"report": "reprint"})
    return cert


def certificate_story(cert: VolunteerCertificate, volunteer: Volunteer,
                      lines: list[ServiceLine], actor: Actor) -> list[Flowable]:
    width = lay.content_width()
    station = station_info()
    see = actor.role in privacy.FULL_ACCESS_ROLES  # a volunteer is no one's case client
    story: list[Flowable] = lay.title_block(
        _title(), _("证明编号：{}", "Certificate no. {}").format(cert.cert_no))
    story.append(lay.heading(_("一、志愿者信息", "1. The volunteer")))
    story.append(lay.form_table(volunteer, VOLUNTEER_FIELDS, show_personal=see))
    story.append(lay.heading(_("二、志愿服务情况", "2. Service")))
    reg = describe(VolunteerCertificate)
    story.append(lay.form_table(cert, ("period_from", "period_to", "hours", "entries"),
                                show_personal=True))
    hours_spec = describe(VolunteerHour).field("hours")
    data: list[list[object]] = [[_("序号", "No."), describe(VolunteerHour).field("content").label,
                                 _("服务次数", "Times"), hours_spec.label,
                                 _("服务时间", "Dates")]]
    for i, ln in enumerate(lines, start=1):
        data.append([i, ln.content, ln.entries, ln.hours,
                     f"{ln.first.isoformat()} — {ln.last.isoformat()}"])
    data.append(["", _("合计", "Total"), cert.entries, cert.hours, ""])
    story.append(lay.gap())
    story.append(lay.grid(data, width=width, stretch=(1,),
                          extra=[("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1),
                                  lay.HEAD_FILL)]))
    story.append(lay.gap(4))
    story.append(lay.para(_(
        "兹证明 {} 同志（志愿者编号：{}）于 {} 至 {} 期间在本单位参加志愿服务，累计服务 {} "
        "小时。本证明依据本单位志愿服务记录出具，记录真实有效。",
        "This certifies that {} (volunteer number {}) volunteered with us from {} to {}, "
        "{} hours in all, as recorded by this unit.").format(
        volunteer.name, volunteer.volunteer_no or "—", cert.period_from.isoformat(),
        cert.period_to.isoformat(), format_plain(cert.hours, hours_spec)), lay.styles().body))
    story.append(lay.heading(_("三、出具单位", "3. Issued by")))
    story.append(lay.pairs_table([
        (reg.field("station").label, station.name, False),
        (reg.field("head_name").label, cert.head_name or "", False),
        (reg.field("officer").label, cert.officer or "", False),
        (reg.field("contact").label, cert.contact or "", False),
        (reg.field("issued_on").label, cert.issued_on.isoformat(), False),
        (reg.field("cert_no").label, cert.cert_no, False),
    ], width))
    story.append(lay.signature_block([_("单位负责人（签名）", "Head of the unit (signature)"),
                                      _("经办人（签名）", "Handling officer (signature)")],
                                     seal=_("（出具单位盖章）", "(seal of the issuing unit)")))
    story.append(lay.note(_("本证明已编号登记，可凭证明编号向出具单位查验。",
                            "This certificate is numbered and registered; the issuing unit "
                            "can confirm it by its number.")))
    return story


# --- volunteer-hours totals ------------------------------------------------------------------


@dataclass(frozen=True)
class HoursRow:
    label: str
    entries: int
    people: int
    hours: Decimal


def hours_by(period: Period, dimension: str) -> list[HoursRow]:
    """Hours in ``period`` by volunteer, team (partner organisation), project or month."""
    column, label, join = {
        "volunteer": ("v.id", "v.name || coalesce(' (' || v.volunteer_no || ')', '')",
                      "JOIN volunteer v ON v.id = h.volunteer_id"),
        "team": ("v.team_id", "coalesce(pa.name, '')",
                 "JOIN volunteer v ON v.id = h.volunteer_id "
                 "LEFT JOIN partner pa ON pa.id = v.team_id"),
        "project": ("h.project_id", "coalesce(pr.name, '')",
                    "LEFT JOIN project pr ON pr.id = h.project_id"),
        "month": ("substr(h.date, 1, 7)", "substr(h.date, 1, 7)", ""),
    }[dimension]
    order = "1" if dimension == "month" else "4 DESC, 1"
    rows = database.execute_sql(
        f"SELECT {label}, count(*), count(DISTINCT h.volunteer_id), "
        "sum(CAST(round(h.hours * 100) AS INTEGER)) "
        f"FROM volunteer_hour h {join} WHERE h.deleted = 0 AND h.date BETWEEN ? AND ? "
        f"GROUP BY {column} ORDER BY {order}",
        (period.first.isoformat(), period.last.isoformat())).fetchall()
    return [HoursRow(str(lbl) if lbl else _("（未归属）", "(none)"), int(n), int(p),
                     hundredths(h)) for lbl, n, p, h in rows]


def hours_story(period: Period) -> list[Flowable]:
    width = lay.content_width()
    hours_spec = describe(VolunteerHour).field("hours")
    story: list[Flowable] = lay.title_block(
        _("志愿服务时长统计表", "Volunteer hours"),
        _("统计期间：{} 至 {}", "Period: {} to {}").format(period.first.isoformat(),
                                                     period.last.isoformat()))
    sections = (("month", _("按月份", "By month"), _("月份", "Month")),
                ("team", _("按队伍/组织", "By team"),
                 describe(Volunteer).field("team").label),
                ("project", _("按项目", "By project"),
                 describe(VolunteerHour).field("project").label),
                ("volunteer", _("按志愿者", "By volunteer"), describe(Volunteer).label))
    for number, (key, title, head) in enumerate(sections, start=1):
        rows = hours_by(period, key)
        story.append(lay.heading(lay.section(number, title)))
        if not rows:
            story.append(lay.note(_("（本期没有志愿服务时长登记）",
                                    "(no volunteer hours in this period)")))
            continue
        data: list[list[object]] = [[head, _("登记条数", "Entries"), _("志愿者人数", "Volunteers"),
                                     hours_spec.label]]
        data += [[r.label, r.entries, r.people, r.hours] for r in rows]
        total = sum((r.hours for r in rows), Decimal(0))
        data.append([_("合计", "Total"), sum(r.entries for r in rows), "", total])
        story.append(lay.grid(data, width=width, stretch=(0,),
                              extra=[("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1),
                                      lay.HEAD_FILL)]))
    story.append(lay.signature_block([_("统计人", "Prepared by"),
                                      _("站长（审核）", "Station head (checked)")]))
    return story


def volunteer_hours_report(period: Period, actor: Actor, out: Path) -> int:
    lay.check_out_path(out, ".pdf")
    return lay.write_pdf(out, report_info(_("志愿服务时长统计表", "Volunteer hours")),
                         hours_story(period))
