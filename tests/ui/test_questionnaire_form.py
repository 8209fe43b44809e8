"""The generic questionnaire form, driven from the keyboard, and its dialog saving a row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.model import Client
from swdesk.model.questionnaires import QuestionnaireResponse
from swdesk.services import crud, questionnaires
from swdesk.services.actor import SYSTEM
from ui.forms.questionnaire_dialog import QuestionnaireDialog
from ui.forms.questionnaire_form import QuestionnaireForm


def focused_code() -> str:
    widget = QApplication.focusWidget()
    while widget is not None and not hasattr(widget, "item"):
        widget = widget.parentWidget()
    return widget.item.code if widget is not None else ""


def press(qtbot: QtBot, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)


def test_answers_by_number_keys_with_the_score_live(qtbot: QtBot, sdb: StationDatabase) -> None:
    form = QuestionnaireForm(questionnaires.definition("satisfaction"))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.first_row().setFocus()
    qtbot.waitUntil(lambda: focused_code() == "attitude")
    # 1 = 非常满意 (5), 2 = 满意 (4): each key answers and goes on to the next item
    press(qtbot, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_2, Qt.Key.Key_2)
    assert focused_code() == "overall"
    assert "还有 1 题未答" in form.summary.text() and "结果" not in form.summary.text()
    press(qtbot, Qt.Key.Key_3)  # 一般 (3)
    assert form.answers() == {"attitude": "5", "needs": "4", "timely": "4",
                              "arrangement": "4", "effect": "4", "overall": "3"}
    assert form.part_totals["A"].text() == "小计 24 / 30"
    assert "平均分 4.00" in form.summary.text() and "结果：满意" in form.summary.text()

    assert focused_code() == "comments"  # the last answer went on to the comment line
    press(qtbot, Qt.Key.Key_Up, Qt.Key.Key_Up)  # back to 服务效果, its answer moved by ←→
    assert focused_code() == "effect"
    press(qtbot, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert form.answers()["effect"] == "1"  # 满意 → 一般 → 不满意 → 非常不满意
    assert form.part_totals["A"].text() == "小计 21 / 30" and "结果：一般" in form.summary.text()

    form.set_answers({"attitude": "2"})
    assert form.answers() == {"attitude": "2"} and form.part_totals["A"].text() == "小计 2 / 30"


def test_the_ability_assessment_shows_its_grade_change(qtbot: QtBot,
                                                       sdb: StationDatabase) -> None:
    defn = questionnaires.definition("elderly_ability")
    form = QuestionnaireForm(defn)
    qtbot.addWidget(form)
    best = {i.code: i.options[0].code for i in defn.items}  # the first answer: the best
    form.set_answers({**best, "C1": "yes", "C2": "0"})
    assert form.part_totals["B3"].text() == "小计 28 / 28"
    summary = form.summary.text()
    assert "总分 90 / 90" in summary and "结果：能力轻度受损（轻度失能）" in summary
    assert "按分数为能力完好" in summary


def test_the_dialog_saves_a_response_typed_from_the_keyboard(
        qtbot: QtBot, sdb: StationDatabase) -> None:
    client = crud.create(Client, {"name": "林阿婆"}, SYSTEM)
    dialog = QuestionnaireDialog(SYSTEM, "social_support", phase="pre", client_id=client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused_code() == "q1")
    press(qtbot, *[Qt.Key.Key_4] * 8)  # 比较符合 for q1–q8; q9, q10 left unanswered
    press(qtbot, Qt.Key.Key_Return)  # Enter never saves half a questionnaire
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and not QuestionnaireResponse.select().exists()
    assert "请选择一个答案" in dialog.form.rows["q9"].error.text()
    assert focused_code() == "q9"  # the first refused item has the focus
    press(qtbot, Qt.Key.Key_5, Qt.Key.Key_3)
    assert not dialog.form.rows["q9"].error.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and dialog.saved_id is not None
    row = QuestionnaireResponse.get_by_id(dialog.saved_id)
    # q1–q5: 4 each; q6–q8 reversed: 2 each; q9: 5 (完全符合); q10: 3
    assert (row.questionnaire, row.phase, row.client_id, row.score) == (
        "social_support", "pre", client.id, 4 * 5 + 2 * 3 + 5 + 3)


def test_the_form_speaks_english(qtbot: QtBot, sdb: StationDatabase) -> None:
    from swdesk import i18n
    from ui.translations import apply_language

    apply_language("en")
    try:
        form = QuestionnaireForm(questionnaires.definition("satisfaction"))
        qtbot.addWidget(form)
        form.set_answers({"attitude": "5"})
        assert form.part_totals["A"].text() == "Subtotal 5 / 30"
        assert "5 items unanswered" in form.summary.text()
        first = form.rows["attitude"]
        labels = [w.text() for w in first.findChildren(QLabel)]
        assert "1. The social worker's attitude" in labels
        assert "Very satisfied (5 points)" in labels and i18n.language() == "en"
    finally:
        apply_language("zh")
