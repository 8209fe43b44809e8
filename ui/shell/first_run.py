"""First run: which station this is (from the city's enrolment file, if there is one yet),
and the first administrator account, linked to their social-worker record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import Station, User
from swdesk.services import accounts, crud, station, this_station
from ui.forms.editors import error_label
from ui.help import show_guide
from ui.sync.enrol_confirm import confirm_fingerprint
from ui.widgets.worker_choice import WorkerChoice

translate = QCoreApplication.translate


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


class StationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(translate("FirstRun", "本站信息"))
        self.setSubTitle(translate(
            "FirstRun", "欢迎使用社工站桌面。先告诉程序这是哪个社工站（室），"
                        "以后同步给市民政局时会用到。"))
        self.enrolment_file: Path | None = None
        outer = QVBoxLayout(self)
        source = QHBoxLayout()
        source.addWidget(_hint(translate(
            "FirstRun", "站点编码由市民政局分配，写在市级平台发来的登记文件里。有登记文件的，"
                        "选择它即可填好编码和名称；还没有的，按市民政局通知的编码填写，"
                        "以后在“同步”页登记。"), self), 1)
        self.read_button = QPushButton(translate("FirstRun", "从登记文件读取…"), self)
        self.read_button.setObjectName("readEnrolment")
        self.read_button.clicked.connect(self.choose_enrolment_file)
        source.addWidget(self.read_button)
        outer.addLayout(source)
        self.source_note = _hint("", self)
        self.source_note.setObjectName("enrolmentNote")
        self.source_note.hide()
        outer.addWidget(self.source_note)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.code = QLineEdit(self)
        self.code.setObjectName("stationCode")
        self.code.setPlaceholderText("XM-SM-001")
        self.code_error = error_label(self, "stationCodeError")
        self.name = QLineEdit(self)
        self.name.setObjectName("stationName")
        self.name.setPlaceholderText(translate("FirstRun", "例如：嘉莲街道社工站"))
        self.level = QComboBox(self)
        self.level.setObjectName("stationLevel")
        for item in reference.items("station_level"):
            self.level.addItem(reference.text_of(item), item.code)
        self.level.setCurrentIndex(max(self.level.findData("station"), 0))
        self.district = QComboBox(self)
        self.district.setObjectName("stationDistrict")
        for item in reference.items("district"):
            self.district.addItem(reference.text_of(item), item.code)
        self.error = error_label(self, "stationError")
        code_cell = QVBoxLayout()
        code_cell.setSpacing(2)
        code_cell.addWidget(self.code)
        code_cell.addWidget(self.code_error)
        form.addRow(translate("FirstRun", "站点编码 *"), code_cell)
        form.addRow(translate("FirstRun", "站点名称 *"), self.name)
        form.addRow(translate("FirstRun", "层级 *"), self.level)
        form.addRow(translate("FirstRun", "所属区"), self.district)
        form.addRow("", self.error)
        self.code.textChanged.connect(self._recheck_code)
        # The code field first (most stations type the code they were told), the file
        # button after the fields it fills.
        for before, after in ((self.code, self.name), (self.name, self.level),
                              (self.level, self.district), (self.district, self.read_button)):
            QWidget.setTabOrder(before, after)

    def values(self) -> dict[str, object]:
        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "level": self.level.currentData(), "district": self.district.currentData()}

    def choose_enrolment_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, translate("FirstRun", "选择市级平台的登记文件"), "",
            translate("FirstRun", "登记文件 (*.json);;所有文件 (*)"))
        if name:
            self.read_enrolment_file(Path(name))

    def read_enrolment_file(self, path: Path) -> None:
        """Fill in the code and name the city wrote in its enrolment file."""
        # (cryptography and the sync modules load only when a file is read: every start
        # asks first_run_needed, few read a file)
        from swdesk.sync import enrolment

        try:
            doc = enrolment.read_enrolment(path)
        except SwdeskError as exc:
            self.source_note.hide()
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.enrolment_file = path
        self.code.setText(str(doc["station"]))
        self.name.setText(str(doc["station_name"]))
        self.source_note.setText(translate(
            "FirstRun", "编码和名称来自“{}”的登记文件。完成后将请您核对其密钥指纹，"
                        "然后登记到市级平台。").format(doc["city_name"]))
        self.source_note.show()

    def _show_code_error(self, message: str | None) -> None:
        self.code_error.setText(message or "")
        self.code_error.setVisible(message is not None)
        self.code.setProperty("fieldError", message is not None)  # the style sheet's frame
        self.code.style().unpolish(self.code)
        self.code.style().polish(self.code)

    def _recheck_code(self) -> None:
        if self.code_error.isVisible():
            self._show_code_error(crud.field_error(Station, "code", self.values()))

    def validatePage(self) -> bool:
        if this_station.current_station() is not None:
            return True  # set up by an earlier attempt of this wizard
        try:
            crud.clean(Station, self.values())
        except ValidationError as exc:
            errors = dict(exc.errors)
            self._show_code_error(errors.pop("code", None))
            self.error.setText("\n".join(errors.values()))
            self.error.setVisible(bool(errors))
            return False
        self._show_code_error(None)
        self.error.hide()
        return True


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(translate("FirstRun", "管理员账户"))
        self.setSubTitle(translate(
            "FirstRun", "建立第一个账户，它是本站的管理员，以后可以为同事开账户。"))
        form = QFormLayout(self)
        self.username = QLineEdit(self)
        self.username.setObjectName("adminUsername")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("adminDisplayName")
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(self)
        self.confirm.setObjectName("adminConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.worker = WorkerChoice(translate("FirstRun", "不关联（我不做服务和个案）"), self)
        self.worker.setObjectName("adminWorker")
        self.display_name.textChanged.connect(self.worker.follow_name)
        self.error = error_label(self, "adminError")
        form.addRow(translate("FirstRun", "用户名 *"), self.username)
        form.addRow(translate("FirstRun", "姓名 *"), self.display_name)
        form.addRow(translate("FirstRun", "密码 *"), self.password)
        form.addRow(translate("FirstRun", "再输一次密码 *"), self.confirm)
        form.addRow(translate("FirstRun", "本人的社工记录"), self.worker)
        form.addRow("", _hint(translate(
            "FirstRun", "关联后，您新建服务记录和个案时，“负责社工”和“站点”会自动填好。"), self))
        form.addRow("", self.error)
        self.user: User | None = None

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return False

    def validatePage(self) -> bool:
        if self.password.text() != self.confirm.text():
            return self._fail(translate("FirstRun", "两次输入的密码不一致"))
        wizard = self.wizard()
        try:
            if this_station.current_station() is None and isinstance(wizard, FirstRunWizard):
                values = wizard.station_page.values()
                district = values["district"]
                station.init_station(str(values["code"]), str(values["name"]),
                                     str(values["level"]), str(district) if district else None)
            self.user = station.create_first_admin(
                self.username.text(), self.display_name.text(), self.password.text(),
                new_worker=self.worker.new_worker(), worker_id=self.worker.worker_id())
        except ValidationError as exc:
            return self._fail("\n".join(exc.errors.values()))
        except SwdeskError as exc:
            return self._fail(str(exc))
        if isinstance(wizard, FirstRunWizard) and wizard.station_page.enrolment_file:
            self._enrol(wizard.station_page.enrolment_file)
        return True

    def _enrol(self, path: Path) -> None:
        """The station and account exist: enrol with the file read on the first page, once
        the person confirmed the city's fingerprint (declined: later, on the 同步 page)."""
        assert self.user is not None
        actor = accounts.actor_of(self.user)
        from swdesk.sync import enrolment  # (kept off the start, as above)

        try:
            offer = enrolment.inspect(path)
            if offer.known_key or confirm_fingerprint(self, offer):
                enrolment.enrol(path, actor, offer.fingerprint)
        except SwdeskError as exc:
            QMessageBox.warning(self, translate("FirstRun", "暂未登记到市级平台"), translate(
                "FirstRun", "{}\n\n站点和账户已建好，可以稍后在“同步”页登记。").format(exc))


class FirstRunWizard(QWizard):
    """Shown when the data dir has no station or no account yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(translate("FirstRun", "社工站桌面 · 首次使用"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, translate("FirstRun", "下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, translate("FirstRun", "上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("FirstRun", "完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, translate("FirstRun", "取消"))
        self.setMinimumSize(620, 440)
        self.station_page = StationPage(self)
        self.admin_page = AdminPage(self)
        if this_station.current_station() is None:
            self.addPage(self.station_page)
        self.addPage(self.admin_page)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.show_help)

    def show_help(self) -> None:
        """F1: the guide's page about the first run."""
        show_guide(self, "first_run")

    @property
    def user(self) -> User | None:
        return self.admin_page.user
