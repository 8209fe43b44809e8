"""First run: which station this is, and the first administrator account."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from swdesk import reference
from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import Station, User
from swdesk.services import accounts, crud, station
from swdesk.services.actor import SYSTEM

translate = QCoreApplication.translate


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class StationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(translate("FirstRun", "本站信息"))
        self.setSubTitle(translate(
            "FirstRun", "欢迎使用社工站桌面。先告诉程序这是哪个社工站（室），"
                        "以后同步给市民政局时会用到。"))
        form = QFormLayout(self)
        self.code = QLineEdit(self)
        self.code.setObjectName("stationCode")
        self.code.setPlaceholderText("XM-SM-001")
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
        self.error = _error_label(self)
        form.addRow(translate("FirstRun", "站点编码 *"), self.code)
        form.addRow(translate("FirstRun", "站点名称 *"), self.name)
        form.addRow(translate("FirstRun", "层级 *"), self.level)
        form.addRow(translate("FirstRun", "所属区"), self.district)
        form.addRow("", self.error)

    def values(self) -> dict[str, object]:
        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "level": self.level.currentData(), "district": self.district.currentData()}

    def validatePage(self) -> bool:
        if station.current_station() is not None:
            return True  # set up by an earlier attempt of this wizard
        try:
            crud.clean(Station, self.values())
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return False
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
        self.error = _error_label(self)
        form.addRow(translate("FirstRun", "用户名 *"), self.username)
        form.addRow(translate("FirstRun", "姓名 *"), self.display_name)
        form.addRow(translate("FirstRun", "密码 *"), self.password)
        form.addRow(translate("FirstRun", "再输一次密码 *"), self.confirm)
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
            if station.current_station() is None and isinstance(wizard, FirstRunWizard):
                values = wizard.station_page.values()
                district = values["district"]
                station.init_station(str(values["code"]), str(values["name"]),
                                     str(values["level"]), str(district) if district else None)
            self.user = accounts.create_user(self.username.text(), self.display_name.text(),
                                             self.password.text(), "admin", SYSTEM)
        except ValidationError as exc:
            return self._fail("\n".join(exc.errors.values()))
        except SwdeskError as exc:
            return self._fail(str(exc))
        return True


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
        if station.current_station() is None:
            self.addPage(self.station_page)
        self.addPage(self.admin_page)

    @property
    def user(self) -> User | None:
        return self.admin_page.user


def first_run_needed() -> bool:
    return station.current_station() is None or not accounts.has_users()
