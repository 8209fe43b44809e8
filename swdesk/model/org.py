"""Stations, agencies, social workers and their continuing education."""

from __future__ import annotations

import peewee as pw

from swdesk.model import described as d
from swdesk.model.base import SyncedModel


class Agency(SyncedModel):
    labels = ("社会工作服务机构", "Social work agency")
    name = d.text("机构名称", "Agency name", required=True, list_column=True, max_length=100,
                  aliases=("机构", "服务机构"))
    uscc = d.uscc(list_column=True)
    filing_status = d.choice("备案状态", "Filing status", "filing_status", list_column=True)
    legal_rep = d.text("法定代表人", "Legal representative", max_length=50)
    legal_rep_cert = d.choice("法定代表人资格", "Legal representative's certificate",
                              "cert_level")
    fulltime_staff = d.integer("专职人员数", "Full-time staff", default=0, list_column=True)
    certified_staff = d.integer("持证或社工本科人数",
                                "Staff with certificate or social-work degree", default=0)
    contact = d.text("联系人", "Contact person", max_length=50)
    phone = d.phone(personal=None)
    address = d.text("地址", "Address", max_length=200)
    name_sort = d.name_sort()

    class Meta:
        indexes = (d.NAME_SORT_INDEX,)


class Station(SyncedModel):
    labels = ("社工站", "Station")
    code = d.text("站点编码", "Station code", required=True, max_length=32, list_column=True)
    name = d.text("站点名称", "Station name", required=True, max_length=100, list_column=True)
    level = d.choice("层级", "Level", "station_level", required=True, list_column=True)
    district = d.choice("所属区", "District", "district", list_column=True)
    parent: pw.ForeignKeyField[Station | None] = d.link("上级站点", "Parent station", "self")
    parent_id: int | None
    agency = d.link("运营机构", "Operating agency", Agency)
    agency_id: int | None
    head_name = d.text("站长", "Station head", max_length=50)
    phone = d.phone(personal=None)
    address = d.text("地址", "Address", max_length=200)

    class Meta:
        indexes = ((("code",), True),)


class Worker(SyncedModel):
    labels = ("社会工作者", "Social worker")
    name = d.text("姓名", "Name", required=True, max_length=50, list_column=True)
    id_number = d.resident_id()
    sex = d.choice("性别", "Sex", "sex", list_column=True)
    phone = d.phone()
    station = d.link("所在站点", "Station", Station)
    station_id: int | None
    agency = d.link("所属机构", "Agency", Agency)
    agency_id: int | None
    cert_level = d.choice("职业资格", "Certificate level", "cert_level", list_column=True,
                          aliases=("资格等级", "持证情况"))
    sw_degree = d.boolean("社会工作专业本科及以上", "Social-work bachelor's degree or higher")
    is_supervisor = d.boolean("督导", "Supervisor", list_column=True)
    position = d.text("岗位", "Position", max_length=50)
    hired_on = d.date("入职日期", "Hired on")
    active = d.boolean("在岗", "Active", list_column=True)
    name_sort = d.name_sort()

    class Meta:
        indexes = (d.NAME_SORT_INDEX,)


class TrainingRecord(SyncedModel):
    """Continuing-education hours (继续教育); the city asks 80 a year."""

    labels = ("继续教育记录", "Continuing-education record")
    append_only = True
    worker = d.link("社工", "Worker", Worker, required=True, list_column=True)
    worker_id: int
    date = d.date("日期", "Date", required=True, not_future=True, list_column=True, index=True)
    title = d.text("培训内容", "Course", required=True, max_length=200, list_column=True)
    kind = d.choice("类型", "Kind", "training_kind")
    organizer = d.text("主办单位", "Organiser", max_length=100)
    hours = d.hours("学时", "Hours", required=True, list_column=True)
