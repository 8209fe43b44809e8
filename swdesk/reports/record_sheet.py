"""服务记录表: one service record with participants, volunteers, partners, signatures."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from swdesk import privacy
from swdesk.i18n import _
from swdesk.model import (
    Client,
    Partner,
    ServiceParticipant,
    ServicePartner,
    ServiceRecord,
    VolunteerHour,
    describe,
)
from swdesk.model.described import FieldSpec
from swdesk.reports import layout as lay
from swdesk.reports import photos as ph
from swdesk.reports.context import report_info
from swdesk.services import journal, numbers_seen
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain

RECORD_FIELDS = ("date", "kind", "category", "field", "title", "place", "duration_min",
                 "headcount", "care_visit", "worker", "project", "content")
PARTICIPANT_FIELDS = ("name", "sex", "id_number", "phone", "community", "target_groups")
VOLUNTEER_FIELDS = ("volunteer", "hours", "content")
# ServicePartner is part of the record and carries no description of its own.
CONTRIBUTION = FieldSpec("提供内容", "Contribution", "text", key="contribution")
CONTRIBUTION_VALUE = FieldSpec("折合金额（元）", "Value (yuan)", "money", key="value")


def _title() -> str:
    return _("服务记录表", "Service record sheet")


def record_story(record: ServiceRecord, actor: Actor,
                 photos: int = ph.SHEET_PER_PAGE) -> list[Flowable]:
    """The sheet, then its photos ``photos`` to a page (0: none)."""
    width = lay.content_width()
    story: list[Flowable] = lay.title_block(
        _title(), _("记录编号：{}", "Record no. {}").format(numbers_seen.record_no(record)))
    story.append(lay.form_table(record, RECORD_FIELDS, show_personal=True))

    story.append(lay.heading(_("参与服务对象", "Participating clients")))
    clients = list(Client.select().join(ServiceParticipant, on=(
        ServiceParticipant.client == Client.id)).where(ServiceParticipant.record == record.id)
        .order_by(Client.name, Client.id))
    visible = privacy.visible_clients(actor)
    # The participants sign this sheet one after another, each reading the rows above:
    # ID numbers print masked whoever prints it.
    story.append(lay.list_table(
        clients, Client, PARTICIPANT_FIELDS, show_personal=lambda c: visible is None
        or int(c.get_id()) in visible, masked=("id_number",), sign=True,
        empty=_("（未登记具名参与者；参与人次 {}）", "(no named participants; person-times {})")
        .format(record.headcount)))

    story.append(lay.heading(_("参与志愿者", "Volunteers")))
    hours = list(VolunteerHour.live().where(VolunteerHour.record == record.id)
                 .order_by(VolunteerHour.id))
    story.append(lay.list_table(hours, VolunteerHour, VOLUNTEER_FIELDS,
                                show_personal=lambda _r: True, stretch=("content",)))

    story.append(lay.heading(_("联动资源（五社联动）", "Partners (five-society linkage)")))
    story.append(partners_table(record, width))
    story.append(lay.signature_block([
        _("负责社工（签名）", "Worker (signature)"),
        _("服务对象/参与者代表（签名）", "Client or participants' representative (signature)"),
        _("站点负责人（审核）", "Station head (checked)")]))
    if photos:
        story += ph.photo_section(_("服务照片", "Photos"), ph.photos_of(actor, "record", int(
            record.id)), photos)
    return story


def partners_table(record: ServiceRecord, width: float) -> Flowable:
    rows = list(ServicePartner.select(ServicePartner, Partner).join(Partner)
                .where(ServicePartner.record == record.id).order_by(ServicePartner.id))
    if not rows:
        return lay.note(_("（无）", "(none)"))
    spec = describe(Partner)
    kind = spec.field("kind")
    data: list[list[object]] = [[
        _("序号", "No."), spec.field("name").label, kind.label, CONTRIBUTION.label,
        CONTRIBUTION_VALUE.label]]
    for i, row in enumerate(rows, start=1):
        data.append([i, row.partner.name, format_plain(row.partner.kind, kind),
                     row.contribution, row.value])
    return lay.grid(data, width=width, stretch=(1, 3))


def record_sheet(record_id: int | str, actor: Actor, out: Path) -> int:
    """Write the service record sheet of ``record_id`` (its printed number, id or uid) to
    ``out``; returns the page count."""
    record = numbers_seen.find_record(record_id)
    pages = lay.write_pdf(out, report_info(_title()), record_story(record, actor))
    journal.audit(actor, "print", "service_record", record.uid, {"report": "record"})
    return pages
