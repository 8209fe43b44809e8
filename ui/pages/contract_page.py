"""评估与投诉: one rail entry for the contract year's other ledgers, as tabs.

Evaluations (with what each grade means for the contract), complaints (deadline and
overdue), agencies (the one-third rule and the legal representative's certificate),
stations and rooms, and the volunteer certificate register (search, reprint, void). Each
tab is an ordinary entity section; the pages of a row add the rule's verdict beside the
form, worked out by the core (``services.contract_year``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference, settings
from swdesk.errors import SwdeskError
from swdesk.model import Agency, Complaint, Evaluation, SyncedModel
from swdesk.services import contract_year, crud, evaluation_scores
from ui.attachments.strip import AttachmentStrip
from ui.errors import report
from ui.pages.form_page import FormPage
from ui.pages.section import EntitySection
from ui.shell.context import AppContext
from ui.widgets.notice import announce

translate = QCoreApplication.translate
# The tabs, in their order: entity -> its tab's title.
TABS = ("evaluation", "complaint", "agency", "station", "volunteer_certificate")


def _titles() -> dict[str, str]:
    return {"evaluation": translate("ContractPage", "项目评估"),
            "complaint": translate("ContractPage", "投诉举报"),
            "agency": translate("ContractPage", "服务机构"),
            "station": translate("ContractPage", "站点与服务室"),
            "volunteer_certificate": translate("ContractPage", "志愿服务证明")}


class ContractPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractPage")
        self.sections: dict[str, EntitySection] = {}
        titles = _titles()
        for entity in TABS:
            section = EntitySection(entity, ctx, self)
            self.sections[entity] = section
            self.addTab(section, titles[entity])
        self.currentChanged.connect(lambda _n: self.page_shown())

    def current(self) -> EntitySection:
        widget = self.currentWidget()
        assert isinstance(widget, EntitySection)
        return widget

    def show_entity(self, entity: str) -> EntitySection:
        section = self.sections[entity]
        self.setCurrentWidget(section)
        return section

    def open_entity(self, entity: str, row_id: int) -> None:
        if entity in self.sections:
            self.show_entity(entity).open(row_id)

    def page_shown(self) -> None:
        self.current().page_shown()

    def confirm_leave(self) -> bool:
        return all(s.confirm_leave() for s in self.sections.values())

    def keep_draft(self) -> None:
        for section in self.sections.values():
            section.keep_draft()


def _side(page: FormPage, title: str, lines: list[tuple[str, str]]) -> QGroupBox:
    """A box beside the form: each line a text and its role ("warning", "muted", "")."""
    box = QGroupBox(title, page)
    box.setObjectName("ruleBox")
    box.setMaximumWidth(320)
    layout = QVBoxLayout(box)
    for text, role in lines:
        label = QLabel(text, box)
        label.setWordWrap(True)
        if role:
            label.setProperty("role", role)
        layout.addWidget(label)
    layout.addStretch(1)
    page.body_row.addWidget(box)
    return box


def _row(model: type[SyncedModel], row_id: int | None) -> SyncedModel | None:
    return crud.get(model, row_id) if row_id is not None else None


def _attachments(page: FormPage, ctx: AppContext, link: str, row_id: int | None,
                 title: str) -> None:
    """The row's attachments under its form (a new row's strip says to save first)."""
    page.attachments = AttachmentStrip(ctx, link, row_id, page, title=title)  # type: ignore[attr-defined]
    page.add_below_form(page.attachments)  # type: ignore[attr-defined]


def evaluation_page(ctx: AppContext, row_id: int | None) -> QWidget:
    row = _row(Evaluation, row_id)
    page = FormPage(Evaluation, ctx, row)
    _attachments(page, ctx, "evaluation", row_id,
                 translate("AttachmentStrip", "评估材料（报告、评分表扫描件）"))
    grade = row.grade if isinstance(row, Evaluation) else None
    lines = [(contract_year.consequence(grade), "warning" if grade == "fail" else "")]
    others = dict.fromkeys(contract_year.consequence(item.code)
                           for item in reference.items("grade") if item.code != grade)
    lines += [(text, "muted") for text in others if text != lines[0][0]]
    box = _side(page, translate("ContractPage", "等级与合同"), lines)
    page.box = box  # type: ignore[attr-defined]
    if row is not None:
        page.scores = ScoresBox(ctx, int(row.id), box)  # type: ignore[attr-defined]
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, page.scores)  # type: ignore[attr-defined]
    return page


class ScoresBox(QGroupBox):
    """The evaluation's score per indicator of the project, saved together."""

    def __init__(self, ctx: AppContext, evaluation_id: int, parent: QWidget) -> None:
        super().__init__(translate("ContractPage", "各指标得分"), parent)
        self.ctx = ctx
        self.evaluation_id = evaluation_id
        self.setObjectName("indicatorScores")
        form = QFormLayout(self)
        self.edits: dict[int, QLineEdit] = {}
        self.notes: dict[int, str | None] = {}  # a remark typed elsewhere (swdesk, Excel) kept
        found = evaluation_scores.lines(evaluation_id)
        for line in found:
            edit = QLineEdit("" if line.score is None else str(line.score), self)
            edit.setPlaceholderText(translate("ContractPage", "0–100"))
            edit.setToolTip(line.note)
            self.notes[line.indicator_id] = line.note or None
            edit.returnPressed.connect(self.save)
            self.edits[line.indicator_id] = edit
            form.addRow(translate("ContractPage", "{}（目标 {}）").format(
                line.label, line.target), edit)
        if not found:
            form.addRow(QLabel(translate("ContractPage", "该项目还没有登记指标。"), self))
            return
        self.save_button = QPushButton(translate("ContractPage", "保存得分"), self)
        self.save_button.setObjectName("saveScores")
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)

    def save(self) -> None:
        scores = {ind: (edit.text(), self.notes[ind]) for ind, edit in self.edits.items()}
        try:
            evaluation_scores.save(self.evaluation_id, scores, self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.ctx.data_changed()
        announce(self, translate("ContractPage", "得分已保存"))


def complaint_page(ctx: AppContext, row_id: int | None) -> QWidget:
    row = _row(Complaint, row_id)
    page = FormPage(Complaint, ctx, row)
    _attachments(page, ctx, "complaint", row_id,
                 translate("AttachmentStrip", "投诉材料（来信、处理记录扫描件）"))
    lines: list[tuple[str, str]] = []
    if isinstance(row, Complaint) and row.status != "closed":
        lines.append((translate("ContractPage", "应于 {} 前办结。").format(
            contract_year.deadline_of(row).isoformat()), ""))
    if isinstance(row, Complaint) and contract_year.overdue(row):
        lines.append((translate("ContractPage", "已超过办理期限，请尽快办结并登记处理结果。"),
                      "warning"))
    lines.append((translate("ContractPage", "办理期限不填时，按受理日期后 {} 天计（本站设置）。")
                  .format(settings.COMPLAINT_DAYS.get()), "muted"))
    page.box = _side(page, translate("ContractPage", "办理期限"), lines)  # type: ignore[attr-defined]
    return page


def agency_page(ctx: AppContext, row_id: int | None) -> QWidget:
    row = _row(Agency, row_id)
    page = FormPage(Agency, ctx, row)
    if isinstance(row, Agency):
        check = contract_year.agency_check(row)
        lines = [(check.share_text, "" if check.staff_ok else "warning"),
                 (check.rep_text, "" if check.rep_ok else "warning")]
    else:
        lines = [(translate("ContractPage", "专职人员须有三分之一以上持证或社工本科；"
                                            "法定代表人宜持社会工作师及以上证书。"), "muted")]
    page.box = _side(page, translate("ContractPage", "机构资质"), lines)  # type: ignore[attr-defined]
    return page
