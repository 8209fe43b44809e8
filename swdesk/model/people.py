"""The people served, the volunteers and the partners of the Five-Society Linkage."""

from __future__ import annotations

import peewee as pw

from swdesk.model import described as d
from swdesk.model.base import SyncedModel
from swdesk.model.org import Station, Worker


class Partner(SyncedModel):
    """社区, 社会组织 and 社会慈善资源: the other societies of the linkage."""

    labels = ("联动资源", "Partner")
    kind = d.choice("类型", "Kind", "partner_kind", required=True, list_column=True,
                    aliases=("资源类型", "主体类型", "类别"))
    name = d.text("名称", "Name", required=True, max_length=100, list_column=True,
                  aliases=("单位名称", "组织名称", "资源名称", "主体名称"))
    contact = d.text("联系人", "Contact person", max_length=50, list_column=True,
                     aliases=("负责人",))
    phone = d.phone(personal=None, list_column=True)
    address = d.text("地址", "Address", max_length=200)
    uscc = d.uscc()
    resources = d.longtext("可提供资源", "Resources offered")
    name_sort = d.name_sort()
    # Matching needs (精准对接): what it offers, where and when, as codes.
    skill_codes = d.choices("可提供服务", "Services offered", "volunteer_skill",
                            aliases=("服务项目", "服务技能"))
    service_areas = d.choices("服务社区", "Communities served", "community",
                              aliases=("服务区域", "可服务社区"))
    availability_codes = d.choices("可服务时段", "Available at", "availability",
                                   aliases=("服务时段",))

    class Meta:
        indexes = (d.NAME_SORT_INDEX,)


class Volunteer(SyncedModel):
    labels = ("志愿者", "Volunteer")
    name = d.text("姓名", "Name", required=True, max_length=50, list_column=True)
    id_type = d.choice("证件类型", "ID type", "id_type")
    id_number = d.text("证件号码", "ID number", max_length=30, personal="id",
                       aliases=("身份证号", "身份证号码"))
    volunteer_no = d.text("志愿者编号", "Volunteer number", max_length=40, list_column=True)
    sex = d.choice("性别", "Sex", "sex")
    phone = d.phone(list_column=True)
    community = d.text("所属社区", "Community", max_length=50, list_column=True)
    team = d.link("所属队伍/组织", "Team or organisation", Partner)
    team_id: int | None
    skills = d.text("特长技能", "Skills", max_length=200, list_column=True,
                    aliases=("特长", "技能", "专长"))
    availability = d.text("可服务时间", "Availability", max_length=100)
    registered_on = d.date("注册日期", "Registered on", not_future=True)
    active = d.boolean("在册", "Active")
    name_sort = d.name_sort()
    # Matching needs (精准对接): skills, languages, communities and times as codes.
    skill_codes = d.choices("技能", "Skills", "volunteer_skill")
    languages = d.choices("语言/方言", "Languages", "language",
                          aliases=("语言", "方言", "会说方言", "语言能力"))
    service_areas = d.choices("服务社区", "Communities served", "community",
                              aliases=("服务区域", "可服务社区"))
    availability_codes = d.choices("可服务时段", "Available at", "availability",
                                   aliases=("服务时段",))

    class Meta:
        indexes = (d.NAME_SORT_INDEX,)


class Client(SyncedModel):
    labels = ("服务对象", "Client")
    name = d.text("姓名", "Name", required=True, max_length=50, list_column=True,
                  aliases=("名字", "服务对象", "对象姓名"))
    id_number = d.resident_id(list_column=True)
    sex = d.choice("性别", "Sex", "sex", list_column=True, editable=False)
    birth_date = d.date("出生日期", "Date of birth", editable=False, not_future=True)
    phone = d.phone(list_column=True)
    address = d.text("住址", "Address", max_length=200, personal="address",
                     aliases=("家庭住址", "居住地址", "现住址", "地址"))
    community = d.text("所属社区", "Community", max_length=50, list_column=True,
                       aliases=("社区", "所在社区", "村（居）", "社区/村"))
    target_groups = d.choices("人员类别", "Target groups", "target_group", list_column=True,
                              aliases=("对象类别", "人员类型", "类别", "服务对象类别"))
    status = d.choice("服务状态", "Status", "client_status")
    guardian = d.text("监护人/紧急联系人", "Guardian / emergency contact", max_length=50,
                      personal="text")
    guardian_phone = d.phone("监护人电话", "Guardian's phone")
    health_notes = d.longtext("健康状况", "Health", personal="text")
    family_notes = d.longtext("家庭情况", "Family situation", personal="text")
    notes = d.longtext("备注", "Notes")
    registered_on = d.date("登记日期", "Registered on", not_future=True)
    station = d.link("登记站点", "Station", Station)
    station_id: int | None
    # Search columns kept by the service layer (see swdesk.services.search).
    name_initials = pw.CharField(max_length=50, default="", index=True)
    name_pinyin = pw.CharField(max_length=200, default="")
    name_sort = d.name_sort()
    # 邻里守望: the visit rule of the client's target group unless set here; who goes.
    visit_every_days = d.integer("探访周期（天）", "Visit every (days)", minimum=1,
                                 maximum=366, hint_zh="留空：按人员类别的探访规则",
                                 hint_en="Empty: the rule of the client's groups")
    visitor_worker = d.link("探访社工", "Visiting worker", Worker)
    visitor_worker_id: int | None
    visitor_volunteer = d.link("探访志愿者", "Visiting volunteer", Volunteer)
    visitor_volunteer_id: int | None
    languages = d.choices("语言/方言", "Languages", "language")

    class Meta:
        indexes = ((("name", "deleted"), False), d.NAME_SORT_INDEX,
                   # The work list's visits read from the index alone, never the wide rows
                   # (migration 0008, swdesk.services.tasks).
                   (("deleted", "status", "visitor_worker", "target_groups", "visit_every_days",
                     "visitor_volunteer", "registered_on", "name"), False))


class Need(SyncedModel):
    """What a client needs, to be matched to workers, volunteers and partners."""

    labels = ("服务需求", "Need")
    client = d.link("服务对象", "Client", Client, required=True, list_column=True)
    client_id: int
    category = d.choice("需求类别", "Category", "service_category", required=True,
                        list_column=True)
    description = d.longtext("需求描述", "Description", required=True)
    place = d.text("服务地点", "Place", max_length=100)
    preferred_time = d.text("期望时间", "Preferred time", max_length=100)
    status = d.choice("状态", "Status", "need_status", required=True, list_column=True)
    raised_on = d.date("提出日期", "Raised on", required=True, not_future=True, list_column=True)
    worker = d.link("对接社工", "Matched worker", Worker)
    worker_id: int | None
    volunteer = d.link("对接志愿者", "Matched volunteer", Volunteer)
    volunteer_id: int | None
    partner = d.link("对接资源", "Matched partner", Partner)
    partner_id: int | None
    due_on = d.date("对接期限", "Match by", list_column=True)
    skill = d.choice("所需技能", "Skill needed", "volunteer_skill")
    availability = d.choice("期望时段", "Time wanted", "availability")
