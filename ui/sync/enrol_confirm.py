"""The person confirms the city's key fingerprint before an enrolment file is trusted.

The enrolment file signs itself, so only the fingerprint the city gives the station
another way (by phone, on paper) shows that its key is the city's. The core checks
the fingerprint again (``enrolment.enrol``); this box only asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

if TYPE_CHECKING:  # (the sync modules, and cryptography with them, load when enrolling)
    from swdesk.sync.enrolment import Offer

translate = QCoreApplication.translate


def confirm_fingerprint(parent: QWidget, offer: Offer) -> bool:
    """Whether the person ticked that the fingerprint matches and chose to enrol."""
    if offer.new_key:
        assert offer.pinned is not None
        box = QMessageBox(QMessageBox.Icon.Warning,
                          translate("EnrolConfirm", "市级平台的密钥不同"), translate(
                              "EnrolConfirm",
                              "这份登记文件中“{}”的密钥与本站已登记的不同。\n\n"
                              "原来的指纹：{}\n新的指纹：{}\n\n"
                              "只有市民政局确实更换了密钥时才能接受。否则这份文件可能是伪造的："
                              "接受后，本站的同步包将只有伪造者能打开。\n\n"
                              "请先打电话向市民政局核对新的指纹。").format(
                              offer.city_name, offer.pinned.fingerprint(), offer.fingerprint),
                          QMessageBox.StandardButton.NoButton, parent)
        tick = translate("EnrolConfirm", "我已向市民政局核对，新的指纹一致")
        go_text = translate("EnrolConfirm", "更换密钥并登记")
        role = QMessageBox.ButtonRole.DestructiveRole
    else:
        box = QMessageBox(QMessageBox.Icon.Question,
                          translate("EnrolConfirm", "核对市级平台的指纹"), translate(
                              "EnrolConfirm",
                              "登记文件来自市级平台“{}”，其密钥指纹是：\n\n{}\n\n"
                              "请与市民政局另行（电话或纸面）告诉您的指纹逐位核对。"
                              "不一致时请不要登记，并联系市民政局：这份文件可能是伪造的。")
                          .format(offer.city_name, offer.fingerprint),
                          QMessageBox.StandardButton.NoButton, parent)
        tick = translate("EnrolConfirm", "我已核对，指纹与市民政局告诉我的一致")
        go_text = translate("EnrolConfirm", "登记")
        role = QMessageBox.ButtonRole.AcceptRole
    box.setObjectName("enrolConfirm")
    box.setCheckBox(QCheckBox(tick, box))
    go = box.addButton(go_text, role)
    cancel = box.addButton(translate("EnrolConfirm", "取消"), QMessageBox.ButtonRole.RejectRole)
    go.setEnabled(False)
    box.checkBox().toggled.connect(go.setEnabled)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go and box.checkBox().isChecked()
