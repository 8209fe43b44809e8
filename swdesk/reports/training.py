"""继续教育学时统计表: workers' continuing-education hours against both rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.platypus import Flowable

from swdesk.i18n import _
from swdesk.model import TrainingRecord, Worker, describe
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info
from swdesk.reports.periods import year as parse_year
from swdesk.services import training
from swdesk.services.actor import Actor
from swdesk.services.display import format_plain, format_value

WORKER_FIELDS = ("name", "cert_level", "position")


def _title() -> str:
    return _("继续教育学时统计表", "Continuing-education hours")


def training_story(year: int) -> list[Flowable]:
    width = lay.content_width()
    worker = describe(Worker)
    hours_spec = describe(TrainingRecord).field("hours")
    rows = training.hours_by_worker(year)
    three = training.hours_over_years(year - 2, year)
    story: list[Flowable] = lay.title_block(
        _title(), _("{}年度（1月1日至12月31日）", "{} (1 January to 31 December)").format(year))
    head: list[object] = [
        _("序号", "No."), *[worker.field(k).label for k in WORKER_FIELDS],
        _("本年度学时", "Hours this year"), _("市级要求（每年80学时）", "City rule (80 h/year)"),
            _("{}—{}年累计", "{}–{} total").format(year - 2, year),
            _("全国登记要求（每3年）", "National rule (per 3 years)")]
    data: list[list[object]] = [head]
    marks: list[tuple[object, ...]] = []
    short = 0
    for i, (w, hours) in enumerate(rows, start=1):
        below = training.short_of_city_rule(hours)
        short += below
        need = training.national_requirement(w.cert_level)
        total3 = three.get(int(w.id), Decimal(0))
        national = "—" if need is None else (
            _("{}学时，{}", "{} h, {}").format(
                format_plain(need, hours_spec),
                _("已达到", "met") if total3 >= need else _("未达到", "not met")))
        data.append([i, *[format_value(w, worker.field(k)) for k in WORKER_FIELDS],
                     Decimal(format_plain(hours, hours_spec) or 0),
                     lay.flag(_("不足80学时", "under 80 h")) if below else _("达标", "met"),
                     Decimal(format_plain(total3, hours_spec) or 0), national])
        if below:
            marks.append(("BACKGROUND", (5, i), (5, i), lay.colors.HexColor("#F6E0E0")))
    if len(data) == 1:
        story.append(lay.note(_("（没有在岗社工）", "(no active workers)")))
    else:
        story.append(lay.grid(data, width=width, extra=marks))
    story.append(lay.gap())
    story.append(lay.para(_(
        "在岗社工 {} 人，本年度继续教育不足80学时的 {} 人（标注“不足80学时”）。"
        "市级要求：社会工作从业人员每年接受继续教育不少于80学时；全国登记要求：每个3年登记有效期内，"
        "助理社会工作师不少于72学时，社会工作师、高级社会工作师不少于90学时。",
        "{} workers; {} had fewer than 80 hours this year (marked). City rule: at least 80 hours "
        "a year. National registration rule: per 3-year period, 72 hours for an assistant "
        "social worker, 90 for a social worker or senior social worker.").format(
        len(rows), short), lay.styles().body))
    story.append(lay.signature_block([_("统计人", "Prepared by"),
                                      _("站长（审核）", "Station head (checked)")]))
    return story


def training_report(year: int | str, actor: Actor, out: Path) -> int:
    y = parse_year(year)
    lay.check_out_path(out, ".pdf")
    return lay.write_pdf(out, report_info(_title()), training_story(y))
