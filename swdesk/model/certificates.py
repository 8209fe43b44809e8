"""The register of volunteer-service certificates (志愿服务记录证明) a station issued.

The national rules on volunteer records ask that every certificate be numbered
and registered by the unit that recorded the hours; this table is that register.
"""

from __future__ import annotations

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Station
from swdesk.model.people import Volunteer


class VolunteerCertificate(SyncedModel):
    labels = ("志愿服务证明登记", "Volunteer certificate register")
    append_only = True
    cert_no = d.text("证明编号", "Certificate number", required=True, max_length=40,
                     list_column=True)  # assigned by swdesk.reports.volunteer, never typed
    volunteer = d.link("志愿者", "Volunteer", Volunteer, required=True, list_column=True)
    volunteer_id: int
    period_from = d.date("服务起始日期", "Service from", required=True, list_column=True)
    period_to = d.date("服务截止日期", "Service to", required=True, list_column=True)
    # A total of many entries: as much as the column holds (8 digits, 2 decimals).
    hours = d.hours("累计服务时长（小时）", "Hours", required=True, list_column=True,
                    maximum=999_999)
    entries = d.integer("服务次数", "Services", default=0)
    issued_on = d.date("开具日期", "Issued on", required=True, list_column=True)
    station = d.link("开具单位", "Issuing station", Station)
    station_id: int | None
    head_name = d.text("单位负责人", "Head of the unit", max_length=50)
    officer = d.text("经办人", "Handling officer", max_length=50, list_column=True)
    contact = d.text("联系方式", "Contact", max_length=50)
    # A certificate printed wrong is voided, never deleted or renumbered: its number stays
    # taken (the next one is counted over every row, voided or not).
    voided_on = d.date("作废日期", "Voided on", list_column=True)
    void_reason = d.text("作废原因", "Why voided", max_length=200)

    class Meta:
        indexes = ((("cert_no",), True),)
