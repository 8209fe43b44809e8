"""邻里守望探访排班表: a week's visits, one volunteer to a page, and the slip to return.

The paper goes home with a volunteer, so every client on it is shown only as
``services/display.py`` lets a volunteer see them (surname and a character, the
building without the door, the phone's last four digits); the rows come masked from
``services/rota.py`` and nothing here reads a client's row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from swdesk import privacy, reference
from swdesk import validation as v
from swdesk.i18n import _
from swdesk.pinyin import sort_key
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info, station_info
from swdesk.services import rota
from swdesk.services.actor import Actor
from swdesk.services.rota import OUTCOMES, RotaRow, week_of

mm = lay.mm


def title() -> str:
    return _("邻里守望探访排班表", "Neighbourhood care visit rota")


def week_words(week_start: dt.date) -> str:
    monday, sunday = week_of(week_start)
    return _("{} 至 {}（第 {} 周）", "{} to {} (week {})").format(
        monday.isoformat(), sunday.isoformat(), monday.isocalendar()[1])


def _due(due_on: dt.date, monday: dt.date) -> str:
    """12-08; a visit overdue from before the week says so (and its year, if another)."""
    day = due_on.strftime("%m-%d") if due_on.year == monday.year else due_on.isoformat()
    return day if due_on >= monday else day + "\n" + _("已逾期", "overdue")


def _visits_table(rows: Sequence[RotaRow], monday: dt.date) -> Table:
    boxes = [_(zh, en) for _o, zh, en in OUTCOMES]
    head: list[object] = [
        _("序号", "No."), _("服务对象", "Client"), _("住址", "Address"), _("电话", "Phone"),
        _("应访日期", "Due"), _("方式", "Way"), _("结果（请勾选）", "Done (tick)"),
        _("时长（小时）", "Hours"), _("备注", "Note")]
    data: list[list[object]] = [head]
    for n, row in enumerate(rows, start=1):
        data.append([n, row.shown_name, row.shown_address, row.shown_phone,
                     _due(row.due_on, monday), reference.label("contact_way", row.way),
                     lay.TickBoxes(boxes, size=8.5), "", ""])
    widths = [m * mm for m in (9, 17, 34, 18, 17, 16, 22, 15, 22)]
    return lay.grid(data, widths, min_height=16 * mm)


def _slip(volunteer: str, week_start: dt.date, count: int) -> list[Flowable]:
    """The 回执 below a cut line: who, which week, how many, signed and dated."""
    width = lay.content_width()
    s = lay.styles()
    cut = Table([[lay.para(_("………………………………… 沿此线剪下，交回社工站 …………………………………",
                             "………… cut here and hand in at the station …………"), s.note)]],
                colWidths=[width])
    cut.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                             ("FONT", (0, 0), (-1, -1), lay.FONT, 9)]))  # (no Helvetica)
    counts = _("本周应访 {} 户：探访 ____ 户，电话 ____ 户，未见到 ____ 户",
               "{} to visit this week: visited ____, phoned ____, not seen ____").format(count)
    return [lay.gap(6), cut, lay.heading(_("回执", "Return slip")),
            lay.pairs_table([(_("志愿者", "Volunteer"), volunteer, False),
                             (_("周次", "Week"), week_words(week_start), False),
                             (_("完成情况", "Done"), counts, True)], width),
            lay.signature_block([_("志愿者签名", "Volunteer's signature")])]


def volunteer_pages(volunteer: str, week_start: dt.date, rows: Sequence[RotaRow],
                    phone: str) -> list[Flowable]:
    story: list[Flowable] = lay.title_block(title(), week_words(week_start))
    story.append(lay.para(_("志愿者：{}　　共 {} 户", "Volunteer: {}    {} to visit")
                          .format(volunteer, len(rows)), lay.styles().body))
    story.append(lay.gap(2))
    story.append(_visits_table(rows, week_of(week_start)[0]))
    help_line = _("探访后请在“结果”栏勾选；发现异常（生病、家中无人多日、需要帮助）"
                  "请当天联系社工站",
                  "Tick the result after each visit; if anything is wrong (illness, nobody home "
                  "for days, help needed) call the station the same day")
    help_line += (_("，电话 {}。", ", phone {}.").format(phone) if phone
                  else _("。", "."))
    story.append(lay.gap(2))
    story.append(lay.note(help_line + _("本表所列个人信息仅供探访使用，请妥善保管，勿外传。",
                                        " The personal details here are for the visits only; "
                                        "keep them safe and do not pass them on.")))
    story += _slip(volunteer, week_start, len(rows))
    return story


def rota_story(week_start: dt.date, rows: Sequence[RotaRow]) -> list[Flowable]:
    """One volunteer a page (more if their rows run over), volunteers in pinyin order."""
    phone = station_info().phone
    story: list[Flowable] = []
    ordered = sorted(rows, key=lambda r: (sort_key(r.volunteer_name), r.volunteer_id, r.due_on,
                                                r.shown_name))
    for _vid, group in groupby(ordered, key=lambda r: r.volunteer_id):
        mine = list(group)
        if story:
            story.append(PageBreak())
        story += volunteer_pages(mine[0].volunteer_name, week_start, mine, phone)
    if not story:
        story = lay.title_block(title(), week_words(week_start))
        story.append(lay.note(_("本周没有安排给志愿者的探访。",
                                "No visits are assigned to volunteers this week.")))
    return story


def write_rota(week_start: dt.date, rows: Sequence[RotaRow], actor: Actor, out: Path) -> int:
    """Write the rota of ``rows`` to ``out``; the printing is audited. Returns the pages."""
    lay.check_out_path(out, ".pdf")
    pages = lay.write_pdf(out, report_info(title()), rota_story(week_start, rows))
    # the masked details of every client on it leave the station on paper
    privacy.audit_print(actor, "rota", week_of(week_start)[0].isoformat())
    return pages


def rota_report(week: str | dt.date, volunteer: str | None, actor: Actor, out: Path) -> int:
    """The rota of the week holding the day ``week`` (one volunteer's, if named) as the
    work list gives it to ``actor``."""
    lay.check_out_path(out, ".pdf")
    day = week if isinstance(week, dt.date) else v.parse_date(week)
    who = rota.find_volunteer(volunteer) if volunteer else None
    rows = rota.rota_rows(rota.handle_of_bound(actor), day,
                          int(who.id) if who is not None else None)
    return write_rota(day, rows, actor, out)
