"""工作台: today's work, then this month at a glance — services, cases, volunteer hours,
indicators, staff hours.

A new station sees its first steps instead (add workers, accounts, a project, import the
Excel ledger, enrol with the city), each a button that goes there, ticked once done.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk import reference
from swdesk.numbers import grouped
from swdesk.services import contract_figures, contract_warnings, dashboard
from swdesk.services.indicators import IndicatorProgress
from ui import ops
from ui.errors import report
from ui.pages.dashboard_work import TodayWork
from ui.shell.context import AppContext
from ui.widgets.bar_chart import BarChart
from ui.widgets.page_parts import page_header, scrolled

translate = QCoreApplication.translate
# The contract figures shown on cards of their own (服务人次 and 志愿服务时长 have theirs).
FIGURE_CARDS = ("cases", "groups", "group_sessions", "activities", "clients", "care_visits")


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        self.value = QLabel("—", self)
        self.value.setProperty("role", "cardValue")
        caption = QLabel(title, self)
        caption.setProperty("role", "muted")
        layout.addWidget(self.value)
        layout.addWidget(caption)


class DashboardPage(QWidget):
    # What the boxes below the cards show, kept from one arrival of the figures to the
    # next to give them the new figures in place (set when the first figures arrive).
    _indicator_shape: list[int] | None = None
    _indicator_rows: list[tuple[QLabel, QLabel, list[tuple[QLabel, QProgressBar]]]]
    _training_shape: tuple[bool, int] | None = None
    _training_chart: BarChart | None = None
    _training_lines: list[QLabel]
    _warning_shape: list[tuple[str, str]] | None = None
    _warning_lines: list[tuple[QLabel, QLabel]]
    _warnings: list[contract_warnings.Warning]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dashboardPage")
        self.board: dashboard.Dashboard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header, self.title = page_header(self, translate("Dashboard", "工作台"))
        outer.addLayout(header)
        body = QWidget()
        outer_body = QVBoxLayout(body)
        self.steps_box = QGroupBox(translate("Dashboard", "开始使用"), body)
        self.steps_box.setObjectName("gettingStarted")
        self.steps_box.setMaximumWidth(760)  # the buttons stay next to what they do
        steps_outer = QVBoxLayout(self.steps_box)
        intro = QLabel(translate("Dashboard", "新站点先做好这几步，每做完一步就打勾；"
                                              "有了服务记录，这里会显示本月的统计。"),
                       self.steps_box)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        steps_outer.addWidget(intro)
        self.steps_layout = QGridLayout()
        self.steps_layout.setHorizontalSpacing(12)
        steps_outer.addLayout(self.steps_layout)
        self.steps_box.hide()
        outer_body.addWidget(self.steps_box)
        # Today's work (overdue, today, this week) first: what a worker opens the program for.
        self.today_work = TodayWork(ctx, body)
        outer_body.addWidget(self.today_work)
        # The contract year's warnings, each with what to do and a button to the page.
        self.warnings_box = QGroupBox(translate("Dashboard", "需要处理"), body)
        self.warnings_box.setObjectName("contractWarnings")
        self.warnings_layout = QGridLayout(self.warnings_box)
        self.warnings_layout.setHorizontalSpacing(12)
        self.warnings_box.hide()
        outer_body.addWidget(self.warnings_box)
        self.figures = QWidget(body)  # hidden while the station has nothing to count
        layout = QVBoxLayout(self.figures)
        layout.setContentsMargins(0, 0, 0, 0)
        outer_body.addWidget(self.figures)
        outer_body.addStretch(1)
        # Which month the figures are of ("本月（2026年12月）"), from the core.
        self.period = QLabel(body)
        self.period.setObjectName("dashboardPeriod")
        self.period.setProperty("role", "sectionTitle")
        layout.addWidget(self.period)
        cards = QHBoxLayout()
        self.services_card = Card(translate("Dashboard", "本月服务（次）"), body)
        self.persons_card = Card(translate("Dashboard", "本月服务人次"), body)
        self.hours_card = Card(translate("Dashboard", "本月志愿服务时长（小时）"), body)
        self.pending_card = Card(translate("Dashboard", "待同步变更（条）"), body)
        for card in (self.services_card, self.persons_card, self.hours_card, self.pending_card):
            cards.addWidget(card)
        layout.addLayout(cards)
        # The other contract figures of the month, named and explained (tool tip: the rule)
        # by the core's one definition of each.
        figure_cards = QHBoxLayout()
        self.figure_cards: dict[str, Card] = {}
        for key in FIGURE_CARDS:
            fig = contract_figures.figure(key)
            card = Card(fig.name, body)
            card.setObjectName(f"figure_{key}")
            card.setToolTip(fig.rule)
            self.figure_cards[key] = card
            figure_cards.addWidget(card)
        for key, card in (("person_times", self.persons_card),
                          ("volunteer_hours", self.hours_card)):
            card.setToolTip(contract_figures.figure(key).rule)
        layout.addLayout(figure_cards)
        grid = QGridLayout()
        self.category_chart = BarChart(body)
        self.stage_chart = BarChart(body)
        grid.addWidget(self._box(translate("Dashboard", "本月服务（按近邻服务类别）"),
                                 self.category_chart), 0, 0)
        grid.addWidget(self._box(translate("Dashboard", "个案（按阶段）"), self.stage_chart),
                       0, 1)
        self.indicator_box = QGroupBox(translate("Dashboard", "项目指标完成情况"), body)
        self.indicator_layout = QGridLayout(self.indicator_box)
        self.training_box = QGroupBox(
            translate("Dashboard", "继续教育未满 80 学时的社工（本年度）"), body)
        self.training_layout = QVBoxLayout(self.training_box)
        # The two boxes share a row as tall as the longer one: the shorter one's rows sit
        # at its top, not spread or centred in the empty height.
        self.indicator_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.training_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.indicator_box, 1, 0)
        grid.addWidget(self.training_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        outer.addWidget(scrolled(body), 1)
        self.fetch = ops.Fetch(self, self.show_board, self._failed)
        # (no load here: the window shows the page at once and ``page_shown`` loads it; a
        # load here too counted the figures and the work list twice at every start)

    def _box(self, title: str, chart: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        layout.addWidget(chart)
        layout.addStretch(1)
        return box

    def load(self) -> None:
        """Ask the core off the GUI thread, quietly: on a big station this takes a moment,
        in which the page shows the figures it had and the window stays usable."""
        self.fetch.request(dashboard.dashboard)
        self.today_work.load()

    def page_shown(self) -> None:
        self.load()

    def _failed(self, exc: BaseException) -> None:
        report(self, exc)

    def show_board(self, board: dashboard.Dashboard) -> None:
        self.board = board
        self.title.setText(translate("Dashboard", "工作台 · {}年{}月").format(
            board.month.year, board.month.month))
        self.services_card.value.setText(grouped(sum(board.services_by_category.values())))
        self.period.setText(board.period_text)
        self.persons_card.value.setText(grouped(board.person_times))
        self.hours_card.value.setText(grouped(board.volunteer_hours))
        for key, card in self.figure_cards.items():
            card.value.setText(grouped(board.figures.get(key, 0)))
        self.pending_card.value.setText(grouped(board.pending_changes))
        self.category_chart.set_items([
            (reference.text_of(item), float(board.services_by_category.get(item.code, 0)),
             grouped(board.services_by_category.get(item.code, 0)))
            for item in reference.items("service_category")])
        self.stage_chart.set_items([
            (reference.text_of(item), float(board.cases_by_stage.get(item.code, 0)),
             grouped(board.cases_by_stage.get(item.code, 0)))
            for item in reference.items("case_stage")])
        self._show_indicators(board)
        self._show_training(board)
        self._show_steps(board)
        self._show_warnings(board)
        self.figures.setVisible(board.has_data)

    def _step_texts(self) -> dict[str, tuple[str, str]]:
        """Step key -> (what to do, the button that goes there)."""
        return {
            "workers": (translate("Dashboard", "添加本站的社工"),
                        translate("Dashboard", "去添加社工")),
            "accounts": (translate("Dashboard", "为同事开账户"),
                         translate("Dashboard", "去用户管理")),
            "project": (translate("Dashboard", "登记政府购买服务项目"),
                        translate("Dashboard", "去添加项目")),
            "import": (translate("Dashboard", "导入原有的 Excel 台账（服务对象等）"),
                       translate("Dashboard", "导入 Excel…")),
            "enrol": (translate("Dashboard", "用市级平台的登记文件登记本站"),
                      translate("Dashboard", "去同步页登记")),
        }

    def _show_steps(self, board: dashboard.Dashboard) -> None:
        self._clear(self.steps_layout)
        self.steps_box.setVisible(board.new_station)
        if not board.new_station:
            return
        texts = self._step_texts()
        for row, step in enumerate(board.getting_started):
            what, go = texts[step.key]
            tick = QLabel("✓" if step.done else "○", self.steps_box)
            tick.setProperty("role", "stepDone" if step.done else "muted")
            label = QLabel(what, self.steps_box)
            button = QPushButton(go, self.steps_box)
            button.setObjectName(f"step_{step.key}")
            button.setProperty("done", step.done)
            button.setEnabled(step.key != "accounts" or self.ctx.actor.role == "admin")
            button.clicked.connect(lambda _=False, key=step.key: self._take_step(key))
            self.steps_layout.addWidget(tick, row, 0)
            self.steps_layout.addWidget(label, row, 1)
            self.steps_layout.addWidget(button, row, 2)
        self.steps_layout.setColumnStretch(1, 1)

    def _show_warnings(self, board: dashboard.Dashboard) -> None:
        self.warnings_box.setVisible(bool(board.warnings))
        go = {"evaluation": translate("Dashboard", "去登记评估"),
              "project": translate("Dashboard", "打开项目"),
              "complaint": translate("Dashboard", "打开投诉")}
        # The same kinds of warning as last time: the lines on show take the new words.
        shape = [(warning.kind, warning.page) for warning in board.warnings]
        if shape != self._warning_shape:
            self._clear(self.warnings_layout)
            self._warning_shape, self._warning_lines = shape, []
            for row, warning in enumerate(board.warnings):
                text = QLabel(self.warnings_box)
                text.setProperty("role", "warning")
                text.setWordWrap(True)
                action = QLabel(self.warnings_box)
                action.setProperty("role", "muted")
                action.setWordWrap(True)
                button = QPushButton(go[warning.page], self.warnings_box)
                button.setObjectName(f"warning_{warning.kind}_{row}")
                button.clicked.connect(
                    lambda _=False, n=row: self._open_warning(self._warnings[n]))
                self.warnings_layout.addWidget(text, row, 0)
                self.warnings_layout.addWidget(action, row, 1)
                self.warnings_layout.addWidget(button, row, 2)
                self._warning_lines.append((text, action))
            self.warnings_layout.setColumnStretch(0, 3)
            self.warnings_layout.setColumnStretch(1, 2)
        self._warnings = list(board.warnings)
        for warning, (text, action) in zip(board.warnings, self._warning_lines, strict=True):
            text.setText(warning.text)
            action.setText(warning.action)

    def _open_warning(self, warning: contract_warnings.Warning) -> None:
        if warning.row_id is not None:
            self.ctx.open_row(warning.page, warning.row_id)
            return
        page = self.ctx.go("contract")
        show = getattr(page, "show_entity", None)
        if callable(show):
            show(warning.page)

    def _take_step(self, key: str) -> None:
        if key == "import":
            from ui.excel import open_import_wizard

            open_import_wizard(self.ctx, "client", self)
            self.load()
            return
        self.ctx.go({"workers": "worker", "accounts": "settings", "project": "project",
                     "enrol": "sync"}[key])

    def _clear(self, layout: QGridLayout | QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the page now, not at the next loop turn
                widget.deleteLater()

    def _show_indicators(self, board: dashboard.Dashboard) -> None:
        # The same projects with as many indicators as last time (each showing of the
        # page): the rows on show take the new figures; otherwise they are made anew.
        shape = [len(project.items) for project in board.indicators]
        if shape and shape == self._indicator_shape:
            for project, (title, span, shown) in zip(board.indicators, self._indicator_rows,
                                                     strict=True):
                title.setText(project.name)
                span.setText(project.period_text)
                for item, (name, bar) in zip(project.items, shown, strict=True):
                    self._show_indicator(item, name, bar)
            return
        self._clear(self.indicator_layout)
        self._indicator_shape, self._indicator_rows = shape, []
        row = 0
        for project in board.indicators:
            title = QLabel(project.name, self.indicator_box)
            title.setProperty("role", "sectionTitle")
            self.indicator_layout.addWidget(title, row, 0, 1, 3)
            row += 1
            # The targets are per execution year: the actuals are this year's, to today.
            span = QLabel(project.period_text, self.indicator_box)
            span.setProperty("role", "muted")
            self.indicator_layout.addWidget(span, row, 0, 1, 3)
            row += 1
            rows: list[tuple[QLabel, QProgressBar]] = []
            for item in project.items:
                bar = QProgressBar(self.indicator_box)
                name = QLabel(self.indicator_box)
                self._show_indicator(item, name, bar)
                self.indicator_layout.addWidget(name, row, 0)
                self.indicator_layout.addWidget(bar, row, 1)
                rows.append((name, bar))
                row += 1
            self._indicator_rows.append((title, span, rows))
        if row == 0:
            self.indicator_layout.addWidget(
                QLabel(translate("Dashboard", "当前没有执行中的项目。"), self.indicator_box), 0, 0)

    @staticmethod
    def _show_indicator(item: IndicatorProgress, name: QLabel, bar: QProgressBar) -> None:
        bar.setRange(0, max(int(item.target), 1))
        bar.setValue(min(int(item.actual), max(int(item.target), 1)))
        bar.setFormat(f"{grouped(item.actual)} / {grouped(item.target)}")
        if bar.property("met") != bool(item.met):
            bar.setProperty("met", bool(item.met))
            bar.style().polish(bar)  # (the bar's colour follows the property)
        name.setText(item.label)
        name.setToolTip(contract_figures.figure(item.kind).rule
                        if item.kind in contract_figures.BY_KEY else "")

    def _show_training(self, board: dashboard.Dashboard) -> None:
        below = board.workers_below_80 if board.workers else []
        more = len(below) - 12
        if not board.workers:
            lines = [translate("Dashboard", "还没有在岗社工。")]
        elif not below:
            lines = [translate("Dashboard", "所有在岗社工均已达到 80 学时。")]
        else:
            lines = [translate("Dashboard", "另有 {} 人").format(grouped(more))] if more > 0 else []
        items = [(name, float(hours), translate("Dashboard", "{} 学时").format(grouped(hours)))
                 for name, hours in below[:12]]
        # The same kind of box as last time: its chart and line take the new figures.
        shape = (bool(items), len(lines))
        if shape != self._training_shape:
            self._clear(self.training_layout)
            self._training_shape = shape
            self._training_chart = BarChart(self.training_box) if items else None
            if self._training_chart is not None:
                self.training_layout.addWidget(self._training_chart)
            self._training_lines = [QLabel(self.training_box) for _line in lines]
            for label in self._training_lines:
                self.training_layout.addWidget(label)
        if self._training_chart is not None:
            self._training_chart.set_items(items)
        for label, text in zip(self._training_lines, lines, strict=True):
            label.setText(text)
