"""Empty forms for field visits: 服务对象登记表 (intake) and 服务记录表 (service).

Fields and labels come from the entity descriptions, so a field added to the model
appears on the paper form too; choice fields list their options to tick.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Case, Client, ServiceRecord, VolunteerHour, describe
from swdesk.model.described import FieldSpec
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info

KINDS = ("intake", "service")
# Fields filled in later at the desk, not on a visit.
# A group's session and an activity held have forms of their own.
_SKIP = {"station", "project", "registered_on", "status", "work_group", "session_no",
         "observations", "activity"}


# A line to write on by hand is 8 mm high (the service sheet then fits one page); a long
# text gets three.
ROW = 8 * lay.mm
LONG = 20 * lay.mm
_INNER = ROW - 6  # a cell's content: the row less its top and bottom padding


def _blank_value(spec: FieldSpec) -> tuple[object, bool]:
    """What an empty field looks like on paper, and whether it takes a whole line."""
    if spec.kind in ("choice", "choices") and spec.ref_list:
        options = reference.items(spec.ref_list)
        if len(options) <= 12:
            return (lay.TickBoxes([reference.text_of(o) for o in options], min_height=_INNER),
                    len(options) > 4)
    if spec.kind == "bool":
        return lay.TickBoxes([_("是", "Yes"), _("否", "No")], min_height=_INNER), False
    if spec.kind == "longtext":
        return Spacer(1, LONG), True
    return "", False


def _blank_form(model: type, keys: list[str] | None = None) -> Flowable:
    entity = describe(model)
    specs = [f for f in entity.form_fields if f.key not in _SKIP] if keys is None else [
        entity.field(k) for k in keys]
    items = [(spec.label, *_blank_value(spec)) for spec in specs]
    return lay.pairs_table(items, lay.content_width(), min_height=ROW)


def _blank_rows(header: list[str], stretch: tuple[int, ...], rows: int) -> Flowable:
    """Numbered empty rows to write in; the ``stretch`` columns take the spare width."""
    data: list[list[object]] = [list(header)]
    data += [[n, *[""] * (len(header) - 1)] for n in range(1, rows + 1)]
    return lay.grid(data, stretch=stretch, min_height=ROW)


def intake_story() -> list[Flowable]:
    story: list[Flowable] = lay.title_block(
        _("服务对象登记表", "Client intake form"),
        _("编号：____________　　登记日期：______年____月____日",
          "No. ____________   Date: ____________"))
    story.append(lay.heading(lay.section(1, _("基本情况", "The client"))))
    story.append(_blank_form(Client))
    story.append(lay.heading(lay.section(2, _("接案评估", "Intake"))))
    story.append(_blank_form(Case, ["problem", "risk_level", "consent"]))
    story.append(lay.signature_block([
        _("服务对象/监护人（签名）", "Client or guardian (signature)"),
        _("接案社工（签名）", "Worker (signature)")]))
    return story


def service_story() -> list[Flowable]:
    client = describe(Client)
    hours = describe(VolunteerHour)
    story: list[Flowable] = lay.title_block(
        _("服务记录表", "Service record sheet"), _("编号：____________", "No. ____________"))
    story.append(_blank_form(ServiceRecord))
    story.append(lay.heading(_("参与服务对象", "Participating clients")))
    story.append(_blank_rows([_("序号", "No."), client.field("name").label,
                              client.field("phone").label, client.field("community").label,
                              _("签名", "Signature")], (1, 2, 3, 4), 8))
    story.append(lay.heading(_("参与志愿者", "Volunteers")))
    story.append(_blank_rows([_("序号", "No."), hours.field("volunteer").label,
                              hours.field("hours").label, hours.field("content").label,
                              _("签名", "Signature")], (1, 3, 4), 4))
    story.append(lay.signature_block([_("负责社工（签名）", "Worker (signature)"),
                                      _("站点负责人（审核）", "Station head (checked)")],
                                     line_height=ROW + lay.mm))
    return story


def blank_form(kind: str, out: Path) -> int:
    if kind not in KINDS:
        raise ValidationError(_("空白表只有 intake（服务对象登记表）和 service（服务记录表）",
                                "Blank forms: intake or service"))
    lay.check_out_path(out, ".pdf")
    story = intake_story() if kind == "intake" else service_story()
    title = _("服务对象登记表", "Client intake form") if kind == "intake" else _(
        "服务记录表（空白）", "Service record sheet (blank)")
    return lay.write_pdf(out, report_info(title), story)
