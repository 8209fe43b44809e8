"""How printouts look on paper (issue 21, point 5), read back from the real PDFs: the Song
and Hei faces, headings and short words never broken, text left and numbers right with
separators, blank forms with rows to write in and drawn tick boxes, tables that go on
across a page instead of leaving it half empty."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest
from pdf_read import MM, chars, lines, rules, squares, words
from reportlab.platypus import Spacer

from swdesk.model import Case, CaseLog, Client, Worker, describe
from swdesk.reports import ReportRequest, run
from swdesk.reports import layout as lay
from swdesk.reports.blank import blank_form
from swdesk.reports.case_documents import LOG_FIELDS
from swdesk.reports.case_file import case_file
from swdesk.reports.layout import ReportInfo
from swdesk.reports.text_fit import wrap_text
from swdesk.services import crud
from swdesk.services.actor import SYSTEM, Actor

HEAD = Actor("zhanzhang", "head")

SONG, HEI = "UMingCN", "WenQuanYiMicroHei-0"


def _case_with_logs() -> Case:
    """A case whose logs hold a long text and a way of contact of four characters."""
    case = Case.select().join(Client).order_by(Case.id).first()
    worker = Worker.select().first()
    for n in range(3):  # (in the days after it opened)
        crud.create(CaseLog, {
            "case": case.id, "date": case.opened_on + dt.timedelta(days=n + 1),
            "way": "home_visit", "duration_min": 90,
            "worker": worker.id, "content": "入户探访，了解服务对象近况及家庭支持情况，" * (n + 2),
            "next_step": "链接心理咨询资源，两周后回访"}, SYSTEM)
    return case


def _line_of(pdf: Path, text: str) -> list[str]:
    """The lines of the PDF that hold any character of ``text`` in a row."""
    return [ln.text for page in chars(pdf) for ln in lines(page) if text in ln.text]


def test_body_is_set_in_song_and_titles_in_hei(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "case.pdf"
    case = Case.select().order_by(Case.id).first()
    case_file(case.id, HEAD, out)
    page = chars(out)[0]
    fonts = {c.font for c in page}
    assert fonts == {SONG, HEI}
    title = next(ln for ln in lines(page) if ln.text == "接案登记表")
    assert {c.font for c in title.chars} == {HEI}
    heading = next(ln for ln in lines(page) if ln.text.startswith("一、服务对象基本情况"))
    assert {c.font for c in heading.chars} == {HEI}
    name = str(case.client.name)
    cell = next(w for ln in lines(page) for w in words(ln) if w.text == name)
    assert {c.font for c in cell.chars} == {SONG}  # body text: Song


def test_a_name_outside_the_song_subset_prints_in_hei_not_as_a_box(sdb, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    lay.write_pdf(out, ReportInfo("表", "站"), [
        lay.grid([["姓名", "备注"], ["王玥", "张喆与李堃的家访记录"]], [30 * MM, 80 * MM]),
        lay.para("服务对象王玥（堃）")])
    found = [c for c in chars(out)[0] if c.text in "玥喆堃王"]
    assert {c.text: c.font for c in found} == {"王": SONG, "玥": HEI, "喆": HEI, "堃": HEI}


def test_headings_and_short_words_stay_on_one_line(demo_db, tmp_path: Path) -> None:
    case = _case_with_logs()
    out = tmp_path / "case.pdf"
    case_file(case.id, HEAD, out)
    log = describe(CaseLog)
    for key in LOG_FIELDS:
        label = log.field(key).label
        assert _line_of(out, label), f"heading {label} is broken across lines"
    assert _line_of(out, "入户探访")  # a choice label in a cell
    assert _line_of(out, "监护人/紧急联系人")  # a label with room is not broken either
    every = [ln.text for page in chars(out) for ln in lines(page)]
    assert not any(t.startswith(("，", "。", "）")) for t in every)  # no line starts so


def test_the_line_breaker_breaks_only_at_sensible_points() -> None:
    lay.register_fonts()
    one = lay.text_width("中", lay.HEI)
    assert wrap_text("服务对象", one * 3, font=lay.HEI, head=True) != ["服务", "对象"]
    assert wrap_text("市级要求（每年80学时）", one * 8, font=lay.HEI, head=True) == [
        "市级要求", "（每年80学时）"]
    date = lay.text_width("2025-05-27")
    lines_ = wrap_text("定于2025-05-27再次入户回访，确认救助申请办理进度。", date + one * 3)
    assert any("2025-05-27" in ln for ln in lines_)
    assert not any(ln.startswith(("，", "。")) for ln in lines_)
    assert wrap_text("Hours this year", lay.text_width("Hours this"), font=lay.HEI,
                     head=True) == ["Hours this", "year"]


def test_text_columns_go_left_and_numbers_right_with_separators(sdb, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    lay.write_pdf(out, ReportInfo("表", "站"), [lay.grid(
        [["名称", "人次"], ["社区（居委会）", 7], ["社会组织", 12345], ["慈善资源·基金", 309]],
        [80 * MM, 40 * MM])])
    cells = {w.text: w for page in chars(out) for ln in lines(page) for w in words(ln)}
    assert "12,345" in cells and "12345" not in cells
    lefts = {round(cells[t].chars[0].left) for t in ("社区（居委会）", "社会组织", "慈善资源·基金")}
    assert len(lefts) == 1, lefts  # text: one left edge
    rights = [cells[t].chars[-1].right for t in ("7", "12,345", "309")]
    assert max(rights) - min(rights) < 1.0, rights  # numbers: one right edge


def test_monthly_report_text_columns_are_not_pushed_right(demo_db, last_month,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "m.pdf"
    run(ReportRequest.of("monthly", month=last_month), SYSTEM, out)
    kinds = ("社区（居/村委会）", "社会组织", "慈善资源·基金")
    lefts = {round(w.chars[0].left) for page in chars(out) for ln in lines(page)
             for w in words(ln) if w.text in kinds}
    # The kind column of both partner tables starts at one of two left edges, not at
    # as many as there are text lengths.
    assert 1 <= len(lefts) <= 2, lefts


@pytest.mark.parametrize("form", ["intake", "service"])
def test_blank_forms_have_rows_to_write_in_and_drawn_tick_boxes(sdb, tmp_path: Path,
                                                               form: str) -> None:
    out = tmp_path / f"{form}.pdf"
    pages = blank_form(form, out)
    assert pages == 1  # one sheet to take along
    boxes = 0
    for index in range(pages):
        ys = sorted(y for y, left, right in rules(out, index)
                    if left > 15 * MM and right - left > 100 * MM)
        gaps = [b - a for a, b in pairwise(ys) if b - a > 2]  # one rule drawn twice: 0
        assert gaps, "no table rows found"
        assert min(gaps) >= 8 * MM - 0.5, f"page {index + 1}: a row {min(gaps) / MM:.1f} mm"
        boxes += squares(out, index)
    text = "".join(c.text for page in chars(out) for c in page)
    assert "□" not in text  # no box character that a font may lack
    assert boxes >= (15 if form == "intake" else 10)  # 人员类别, 风险等级, 是/否 …


def test_a_table_goes_on_across_the_page_instead_of_jumping(sdb, tmp_path: Path) -> None:
    """A heading and a 30-row table after a page three-fifths full: the table starts under
    its heading on page 1 and goes on to page 2 under its repeated headings."""
    out = tmp_path / "t.pdf"
    rows = [["序号", "内容"]] + [[n, f"第{n}行"] for n in range(1, 31)]
    frame = lay.page_size()[1] - lay.MARGIN_TOP - lay.MARGIN_BOTTOM
    lay.write_pdf(out, ReportInfo("表", "站"), [
        Spacer(1, frame * 0.6), lay.heading("一、明细"), lay.grid(rows, [20 * MM, 60 * MM])])
    first, second = ("".join(c.text for c in page) for page in chars(out))
    assert "一、明细" in first and "第1行" in first
    assert "序号" in second and "第30行" in second


def test_a_case_log_longer_than_a_page_goes_on_to_the_next(demo_db, tmp_path: Path) -> None:
    """A long log (a text field holds up to 32,767 characters) splits inside its row
    and goes on over the next pages, instead of failing as a row too tall for any page."""
    case = Case.select().order_by(Case.id).first()
    sentence = "入户探访，了解服务对象近况及家庭支持情况。"
    crud.create(CaseLog, {"case": case.id, "date": case.opened_on, "way": "home_visit",
                          "worker": Worker.select().first().id, "content": sentence * 150},
                SYSTEM)
    out = tmp_path / "case.pdf"
    case_file(case.id, HEAD, out)
    texts = ["".join(c.text for c in page) for page in chars(out)]
    holding = [n for n, t in enumerate(texts) if sentence[:8] in t]
    assert len(holding) >= 3 and holding == list(range(holding[0], holding[-1] + 1))
