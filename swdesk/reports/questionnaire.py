"""Any questionnaire on paper: blank to fill in by hand, or filled with its score and band.

The layout comes from the definition alone: a table per part (序号, 项目, answers to tick
with their scores, 得分), the part's subtotal, then the total and the band (a blank one
lists the bands and the grade-change rules to tick), the source, and signature lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from swdesk import privacy, reference
from swdesk.i18n import _
from swdesk.model import Case, Client, Worker, describe
from swdesk.model.groupwork import CommunityActivity, WorkGroup
from swdesk.model.questionnaires import QuestionnaireResponse
from swdesk.questionnaire_defs import Definition, Item, Part
from swdesk.reports import layout as lay
from swdesk.reports.context import report_info
from swdesk.reports.text_fit import CELL_SIZE, PAD
from swdesk.services import crud, questionnaires
from swdesk.services.actor import Actor
from swdesk.services.display import format_value
from swdesk.services.questionnaires import Scored

_SHORT = 8  # answers this short go side by side on one line
_BLANK_SCORE = "____"


def _answer_text(item: Item, n: int) -> str:
    option = item.options[n]
    return _("{}（{}分）", "{} ({} pts)").format(option.label, option.score) if item.scored \
        else option.label


def _answers(item: Item, chosen: str | None, width: float) -> Any:
    """The item's answers with boxes, the chosen one ticked: side by side when short, one
    to a line (the words wrapping) when long."""
    ticked = [n for n, o in enumerate(item.options) if o.code == chosen]
    if item.kind == "text":
        return lay.para(chosen or "", lay.styles().cell) if chosen else ""
    if max(len(o.label) for o in item.options) <= _SHORT:
        return lay.TickBoxes([_answer_text(item, n) for n in range(len(item.options))],
                             ticked=ticked)
    box = lay.TickBoxes.BOX + 2.2 * lay.mm
    rows = [[lay.TickBoxes([""], ticked=[0] if n in ticked else []),
             lay.para(_answer_text(item, n))] for n in range(len(item.options))]
    table = Table(rows, colWidths=[box, width - box - 2 * PAD])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), lay.SONG, CELL_SIZE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6)]))
    return table


def _part_table(defn: Definition, part: Part, answers: dict[str, str] | None,
                scored: Scored | None, first: int) -> Flowable:
    width = lay.content_width()
    widths = [10 * lay.mm, 36 * lay.mm, 0.0, 16 * lay.mm]
    widths[2] = width - sum(widths)
    data: list[list[Any]] = [[_("序号", "No."), _("项目", "Item"), _("选项", "Answers"),
                              _("得分", "Score")]]
    heights: list[float | None] = [None]
    for n, item in enumerate(part.items, first):
        # a blank text item gets room to write in by hand
        heights.append(20 * lay.mm if item.kind == "text" and answers is None else None)
        chosen = answers.get(item.code) if answers is not None else None
        name: Any = item.label
        if item.note:
            name = [lay.para(item.label, lay.styles().cell_label),
                    lay.para(item.note, lay.styles().small)]
        got: Any = "—" if not item.scored else (
            item.score_of(chosen) if chosen else ("" if answers is None else "—"))
        data.append([n, name, _answers(item, chosen, widths[2]), got])
    extra: list[tuple[Any, ...]] = [("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
    if part.scored:
        subtotal = next(p.score for p in scored.parts if p.code == part.code) \
            if scored is not None else _BLANK_SCORE
        data.append(["", _("小计", "Subtotal"), _("满分 {}", "out of {}").format(part.max_score),
                     subtotal])
        heights.append(None)
        extra.append(("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), lay.HEAD_FILL))
    return lay.grid(data, widths, extra=extra, heights=heights)


def _result(defn: Definition, scored: Scored | None) -> list[Flowable]:
    story: list[Flowable] = []
    if not defn.max_total:
        return story
    total = _BLANK_SCORE if scored is None else scored.score
    items: list[tuple[str, Any, bool]] = [
        (_("总分", "Total"), _("{}（满分 {}）", "{} (out of {})").format(total, defn.max_total),
         False)]
    if defn.basis == "mean":
        mean = _BLANK_SCORE if scored is None or scored.mean is None else f"{scored.mean:.2f}"
        items.append((_("平均分", "Mean"), mean, False))
    if defn.bands:
        band = scored.band if scored is not None else None
        labels = [f"{b.label}（{defn.band_range(b)}）" for b in defn.bands]
        chosen = [defn.bands.index(band)] if band is not None else []
        items.append((_("结果", "Result"), lay.TickBoxes(labels, ticked=chosen), True))
        if defn.adjustments:
            applied = set(scored.applied) if scored is not None else set()
            rules = [a.label for a in defn.adjustments]
            ticks = [n for n, a in enumerate(defn.adjustments) if a in applied]
            items.append((_("等级变更", "Grade change"), lay.TickBoxes(rules, ticked=ticks), True))
            if scored is not None and scored.applied and scored.initial_band is not None:
                items.append((_("按分数", "By the score"), scored.initial_band.label, True))
    story.append(lay.heading(_("评定结果", "Result")))
    story.append(lay.pairs_table(items, lay.content_width(), min_height=8 * lay.mm))
    return story


def questionnaire_story(defn: Definition, header: list[tuple[str, Any, bool]],
                        answers: dict[str, str] | None) -> list[Flowable]:
    """The pages of ``defn``: blank when ``answers`` is None."""
    scored = questionnaires.tally(defn, answers) if answers is not None else None
    story: list[Flowable] = lay.title_block(
        defn.label, _("第 {} 版", "Version {}").format(defn.version))
    story.append(lay.pairs_table(header, lay.content_width(), min_height=8 * lay.mm))
    first = 1
    for n, part in enumerate(defn.parts, 1):
        top = _("（满分 {}）", " (out of {})").format(part.max_score) if part.scored else ""
        story.append(lay.heading(lay.section(n, part.label + top)))
        story.append(_part_table(defn, part, answers, scored, first))
        first += len(part.items)
    story += _result(defn, scored)
    if defn.source:
        story += [lay.gap(2), lay.note(_("来源：{}", "Source: {}").format(defn.source))]
    signers = [_("评估人（签名）", "Assessor (signature)")] if defn.health else [
        _("填写人（签名）", "Filled in by (signature)")]
    signers.append(_("服务对象或家属（签名）", "Client or family (signature)")
                   if defn.health or answers is None else _("社工（签名）", "Worker (signature)"))
    story.append(lay.signature_block(signers))
    return story


def blank_questionnaire(code: str, out: Path) -> int:
    """Questionnaire ``code`` to fill in by hand; the number of pages."""
    defn = questionnaires.definition(code)
    lay.check_out_path(out, ".pdf")
    line = "____________"
    header = [(_("姓名", "Name"), line, False), (_("填写日期", "Date"),
                                                 _("______年____月____日", "____________"), False)]
    header.append((_("用途", "Used for"), lay.TickBoxes(
        [reference.label("questionnaire_phase", p) for p in defn.phases] or [""]), True))
    return lay.write_pdf(out, report_info(_("{}（空白）", "{} (blank)").format(defn.label)),
                         questionnaire_story(defn, header, None))


def _name(model: Any, row_id: int | None, field: str) -> str:
    row = model.get_or_none(model.id == row_id) if row_id is not None else None
    return str(getattr(row, field)) if row is not None else ""


def filled_questionnaire(ref: int | str, actor: Actor, out: Path) -> int:
    """A saved response with its answers ticked, subtotals, total and band; for those who
    may see its answers (the client's rule: a health questionnaire too), audited."""
    response = crud.get(QuestionnaireResponse, ref)
    answers = questionnaires.stored_answers(actor, response)  # PermissionDenied otherwise
    lay.check_out_path(out, ".pdf")
    defn = questionnaires.definition(response.questionnaire)
    header: list[tuple[str, Any, bool]] = [
        (_("服务对象", "Client"), _name(Client, response.client_id, "name") or "—", False),
        (_("填写日期", "Date"), format_value(
            response, describe(QuestionnaireResponse).field("date")), False),
        (_("用途", "Used for"), reference.label("questionnaire_phase", response.phase), False),
        (_("评估人", "Assessed by"), _name(Worker, response.worker_id, "name") or "—", False)]
    for label, model, row_id, field in (
            (_("个案", "Case"), Case, response.case_id, "case_no"),
            (_("小组", "Group"), WorkGroup, response.work_group_id, "name"),
            (_("社区活动", "Activity"), CommunityActivity, response.activity_id, "title")):
        if row_id is not None:
            header.append((label, _name(model, row_id, field), False))
    if response.note:
        header.append((_("备注", "Notes"), response.note, True))
    if response.q_version != defn.version:
        header.append((_("说明", "Note"), _(
            "按第 {} 版填写，按现行第 {} 版打印", "Filled in on version {}, printed on version {}")
            .format(response.q_version, defn.version), True))
    pages = lay.write_pdf(out, report_info(defn.label),
                          questionnaire_story(defn, header, dict(answers)))
    privacy.audit_print(actor, "questionnaire_response", response.uid, unmasked=True)
    return pages

