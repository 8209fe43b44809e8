"""Realistic synthetic data for demonstrations, tests and benchmarks.

``generate(clients, records)`` fills the open, initialised station database with
a station's worth of people, casework and service records: valid resident IDs
(Xiamen region codes, GB 11643 check digits) and credit codes, phone numbers,
addresses in the station's district, cases moving through their stages, a year of
service records with participants, volunteer hours and partner contributions.
The same seed gives the same data.

Speed matters (a city-size station is 100,000 clients and 1,000,000 records), so
this module bypasses the ORM: rows are built as plain tuples in chunks and written
with the sqlite3 cursor's ``executemany`` inside one transaction. peewee's
``insert_many`` spends most of its time building SQL (see DESIGN.md). Every synced
row still gets its uid, origin, version, timestamp and change-log entry, exactly as
``swdesk.services.crud.create`` would give it, and the run leaves one audit entry.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate
from typing import Any

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.pinyin import full_pinyin, initials
from swdesk.services import journal
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit, uscc_check_char

__all__ = ["generate"]

Progress = Callable[[str, int, int], None]
Row = tuple[Any, ...]

CHUNK = 50_000  # rows per executemany batch: bounds memory, lets progress report

# Page cache during the bulk load (the station default is 32 MiB): index builds over
# millions of rows sort in memory instead of through temporary files.
_BULK_CACHE_KIB = 256 * 1024

# --- names --------------------------------------------------------------------------------

# Surnames with rough weights for Xiamen (陈林半天下); a few compound ones and a few
# whose surname reading differs from the everyday one (曾 单 仇 区 覃) on purpose.
_SURNAMES: tuple[tuple[str, float], ...] = (
    ("陈", 10), ("林", 8), ("黄", 6), ("张", 4.5), ("吴", 4), ("王", 4), ("李", 4),
    ("郑", 3), ("蔡", 3), ("杨", 2.5), ("许", 2.5), ("洪", 2), ("苏", 2), ("刘", 2),
    ("庄", 2), ("柯", 1.5), ("叶", 1.5), ("曾", 1.5), ("谢", 1.5), ("周", 1.5), ("郭", 1.2),
    ("何", 1), ("邱", 1), ("卢", 1), ("方", 1), ("江", 1), ("傅", 0.8), ("颜", 0.8),
    ("赖", 0.8), ("施", 0.8), ("朱", 0.8), ("徐", 0.8), ("高", 0.7), ("杜", 0.6), ("余", 0.6),
    ("孙", 0.6), ("胡", 0.6), ("罗", 0.6), ("梁", 0.5), ("宋", 0.4), ("唐", 0.4), ("邓", 0.4),
    ("彭", 0.4), ("肖", 0.4), ("潘", 0.4), ("戴", 0.4), ("魏", 0.4), ("钟", 0.4), ("詹", 0.4),
    ("纪", 0.4), ("马", 0.4), ("廖", 0.4), ("韩", 0.3), ("冯", 0.3), ("曹", 0.3), ("萧", 0.3),
    ("董", 0.3), ("沈", 0.3), ("姚", 0.3), ("翁", 0.3), ("温", 0.3), ("阮", 0.3), ("康", 0.3),
    ("石", 0.3), ("童", 0.2), ("白", 0.2), ("汪", 0.2), ("范", 0.2), ("金", 0.2), ("薛", 0.2),
    ("程", 0.2), ("甘", 0.1), ("覃", 0.1), ("单", 0.1), ("仇", 0.05), ("区", 0.05),
    ("欧阳", 0.15), ("司徒", 0.05), ("上官", 0.05), ("司马", 0.03), ("诸葛", 0.03),
)
_SURNAME_LIST = tuple(s for s, _w in _SURNAMES)
_SURNAME_CUM = tuple(accumulate(w for _s, w in _SURNAMES))
_COMPOUND = frozenset(s for s in _SURNAME_LIST if len(s) == 2)

# Given-name characters by sex and birth era: names follow fashions.
_GIVEN: dict[tuple[str, int], str] = {
    ("M", 0): "国建明华文志德金水福荣成清长平生龙海泉振忠义勇庆山添兴发祥春昌宗",
    ("M", 1): "伟强磊军杰涛斌辉鹏峰俊鑫凯亮超波宇刚坤晖明东健松林炜彬",
    ("M", 2): "子梓浩宇轩睿博泽铭然一晨杰航辰锦逸宸诚嘉俊奕皓煜哲",
    ("F", 0): "秀英桂兰玉珍淑凤美月花珠金素琴霞梅春娥莲菊银碧香",
    ("F", 1): "丽芳娟敏静燕玲红霞婷雪慧琳艳晶莉颖丹萍洁琼虹",
    ("F", 2): "欣怡涵萱诗雨梓佳可馨语彤若悦一思琪妍芯沐瑶安",
}

# --- places -------------------------------------------------------------------------------

# district code -> (name, resident-ID region code, {street or town: communities}).
_DISTRICTS: dict[str, tuple[str, str, dict[str, tuple[str, ...]]]] = {
    "siming": ("思明区", "350203", {
        "嘉莲街道": ("嘉莲社区", "松柏社区", "育秀社区", "长青社区", "龙山社区"),
        "莲前街道": ("前埔北社区", "前埔南社区", "洪文社区", "瑞景社区", "岭兜社区", "西林社区"),
        "滨海街道": ("曾厝垵社区", "黄厝社区", "上李社区", "东坪山社区"),
        "筼筜街道": ("湖滨社区", "官任社区", "金鸡亭社区", "南华社区"),
        "厦港街道": ("沙坡尾社区", "大学社区", "蜂巢山社区", "碧山社区"),
        "中华街道": ("中华社区", "仁安社区", "霞溪社区"),
        "开元街道": ("开元社区", "百家村社区", "新华社区"),
        "梧村街道": ("金榜社区", "梧村社区", "文园社区"),
        "鹭江街道": ("镇海社区", "大同社区", "海岸社区"),
    }),
    "huli": ("湖里区", "350206", {
        "湖里街道": ("塘边社区", "湖里社区", "海天社区", "东渡社区"),
        "殿前街道": ("高殿社区", "殿前社区", "兴隆社区", "寨上社区"),
        "禾山街道": ("枋湖社区", "后坑社区", "围里社区", "五通社区"),
        "江头街道": ("江头社区", "蔡塘社区", "金尚社区", "吕厝社区"),
        "金山街道": ("金山社区", "五缘湾社区", "高林社区", "湖边社区"),
    }),
    "jimei": ("集美区", "350211", {
        "集美街道": ("岑头社区", "孙厝社区", "乐海社区", "浔江社区"),
        "侨英街道": ("叶厝社区", "兑山社区", "侨英社区"),
        "杏林街道": ("杏林社区", "内林社区", "杏北社区"),
        "杏滨街道": ("马銮社区", "日东社区", "西滨社区"),
        "灌口镇": ("灌口社区", "深青村", "田头村"),
        "后溪镇": ("后溪村", "岩内村", "城内社区"),
    }),
    "haicang": ("海沧区", "350205", {
        "海沧街道": ("海沧社区", "温厝社区", "囷瑶村"),
        "新阳街道": ("霞阳社区", "新垵社区", "祥露社区"),
        "嵩屿街道": ("海虹社区", "石塘社区", "鳌冠社区"),
        "东孚街道": ("东瑶村", "鼎美村", "洪塘村"),
    }),
    "tongan": ("同安区", "350212", {
        "大同街道": ("三秀社区", "城西社区", "碧岳社区"),
        "祥平街道": ("阳翟社区", "祥平社区", "西湖社区"),
        "西柯街道": ("西柯社区", "潘涂社区", "丙洲社区"),
        "新民镇": ("新民社区", "乌涂村"),
        "五显镇": ("五显社区", "西溪村"),
        "莲花镇": ("莲花社区", "云埔村"),
    }),
    "xiangan": ("翔安区", "350213", {
        "新店街道": ("新店社区", "浦边村", "洪厝社区"),
        "马巷街道": ("马巷社区", "后许社区", "舫阳社区"),
        "大嶝街道": ("大嶝社区", "双沪村"),
        "内厝镇": ("内厝社区", "许厝村"),
        "新圩镇": ("新圩社区", "古宅村"),
    }),
}
_CN_NUM = "一二三四五六七八"

# 13x-19x mobile prefixes actually issued (the second digit 3-9 is what validation checks).
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
    "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
    "193", "195", "198", "199",
)

# --- clients ------------------------------------------------------------------------------

# Primary target group: weight, age range (None: elderly, drawn skewed young-old),
# chance of being female, the groups a client may hold besides it, and the client
# pool the service records draw from.
_GROUPS: tuple[tuple[str, float, tuple[int, int] | None, float, tuple[str, ...], str], ...] = (
    ("elderly", 20, None, 0.56, ("dibao", "low_income", "disabled", "tekun"), "elderly"),
    ("elderly_alone", 10, None, 0.62, ("dibao", "tekun", "disabled"), "elderly"),
    ("elderly_empty_nest", 10, None, 0.55, ("low_income", "disabled"), "elderly"),
    ("disabled", 12, (18, 80), 0.45, ("dibao", "low_income"), "disabled"),
    ("dibao", 10, (18, 85), 0.5, ("disabled", "women_difficult"), "poor"),
    ("tekun", 3, (18, 90), 0.4, ("disabled",), "poor"),
    ("low_income", 8, (18, 85), 0.5, ("disabled",), "poor"),
    ("child_difficult", 6, (3, 17), 0.48, ("dibao", "disabled"), "children"),
    ("child_left_behind", 5, (4, 15), 0.47, ("low_income",), "children"),
    ("women_difficult", 5, (22, 70), 1.0, ("dibao", "low_income"), "poor"),
    ("veteran", 5, (35, 90), 0.06, ("low_income", "disabled"), "all"),
    ("other", 6, (18, 85), 0.5, (), "all"),
)
_GROUP_CUM = tuple(accumulate(g[1] for g in _GROUPS))
_STATUS = ("active", "paused", "ended", "moved", "deceased")
_STATUS_CUM = tuple(accumulate((86, 4, 6, 2, 2)))

_HEALTH: dict[str, tuple[str | None, ...]] = {
    "elderly": ("高血压", "糖尿病", "高血压、糖尿病", "行动不便，需助行器", "轻度认知障碍",
                "身体状况良好", "冠心病，长期服药", "听力下降", None),
    "disabled": ("肢体残疾二级", "视力残疾一级", "听力残疾三级", "智力残疾二级",
                 "精神残疾二级", "肢体残疾四级"),
    "children": ("身体健康", None, None, "哮喘", "轻度营养不良"),
    "poor": ("慢性病，需长期服药", "身体状况一般", None, "腰椎间盘突出"),
    "all": (None, None, "身体状况良好", "高血压"),
}
_FAMILY: dict[str, tuple[str | None, ...]] = {
    "elderly_alone": ("独居，子女在外地工作", "丧偶独居，无子女", "独居，女儿每周探望一次"),
    "elderly_empty_nest": ("与老伴同住，子女在外地", "老两口同住，儿子定居国外"),
    "child_left_behind": ("父母在外务工，与祖父母同住", "母亲外出务工，由外婆照顾"),
    "child_difficult": ("父亲服刑，母亲离家，由祖母抚养", "父母重病，家庭经济困难",
                        "单亲家庭，母亲无固定收入"),
    "dibao": ("家庭人均收入低于低保标准", "夫妻均无稳定工作"),
    "women_difficult": ("单亲母亲，独自抚养两个孩子", "丈夫重病，家庭负担重"),
}

# --- service records ----------------------------------------------------------------------

# (category, kind, weight within its kind, title, fields, client pool, place, content).
_TEMPLATES: tuple[tuple[str, str, float, str, tuple[str, ...], str, str, str], ...] = (
    ("jinglao", "individual", 10, "独居老人上门探访", ("welfare", "community"), "elderly",
     "服务对象家中", "上门了解老人近况，检查居家安全，提醒按时服药。"),
    ("jinglao", "individual", 6, "高龄老人电话问候", ("welfare",), "elderly",
     "电话", "电话问候老人，了解饮食起居和近期需求。"),
    ("jinglao", "individual", 5, "协助申请高龄津贴", ("welfare", "assistance"), "elderly",
     "社工站", "协助老人准备材料，办理高龄津贴申请。"),
    ("jinglao", "individual", 4, "长者助餐送餐", ("welfare",), "elderly",
     "服务对象家中", "为行动不便的老人送餐上门，了解用餐情况。"),
    ("yiliao", "individual", 6, "慢病老人健康随访", ("health",), "elderly",
     "服务对象家中", "测量血压血糖，了解服药情况，给予健康指导。"),
    ("yiliao", "individual", 3, "陪同就医", ("health",), "elderly",
     "医院", "陪同服务对象前往医院就诊，协助挂号取药。"),
    ("fuyou", "individual", 6, "困境儿童家访", ("welfare", "family"), "children",
     "服务对象家中", "了解儿童学习生活和监护落实情况。"),
    ("fuyou", "individual", 4, "留守儿童学业辅导", ("education",), "children",
     "社工站", "辅导作业，了解在校情况，鼓励与父母视频联系。"),
    ("jikun", "individual", 6, "低保家庭走访", ("assistance",), "poor",
     "服务对象家中", "了解家庭收支和就业情况，核实困难状况。"),
    ("jikun", "individual", 3, "协助申请临时救助", ("assistance",), "poor",
     "社工站", "评估困难情况，协助填写临时救助申请表。"),
    ("zhucan", "individual", 5, "残疾人居家康复指导", ("rehab",), "disabled",
     "服务对象家中", "指导康复训练动作，检查辅具使用情况。"),
    ("zhucan", "individual", 2, "协助办理残疾人证", ("rehab", "welfare"), "disabled",
     "社工站", "协助预约残疾评定，准备办证材料。"),
    ("guanai", "individual", 4, "心理疏导", ("mental",), "all",
     "社工站", "倾听服务对象困扰，运用情绪疏导技巧给予支持。"),
    ("guanai", "individual", 3, "家庭矛盾调解", ("mediation", "family"), "all",
     "服务对象家中", "与家庭成员分别面谈，协助达成沟通共识。"),
    ("guanai", "individual", 2, "退役军人走访慰问", ("veterans_care",), "all",
     "服务对象家中", "走访慰问，了解生活困难和政策需求。"),
    ("yude", "individual", 2, "青少年行为辅导", ("crime_prevention", "education"), "children",
     "社工站", "就近期行为问题进行面谈，制定改变目标。"),
    ("jinglao", "group", 5, "长者健康操小组", ("health", "welfare"), "elderly",
     "社工站活动室", "带领长者练习健康操，分享保健经验。"),
    ("jinglao", "group", 4, "老年人智能手机学习小组", ("education", "welfare"), "elderly",
     "社工站活动室", "教授微信视频、扫码就医等手机操作。"),
    ("jinglao", "group", 3, "长者怀旧小组", ("mental",), "elderly",
     "社工站活动室", "通过老照片回顾人生经历，增进组员互助。"),
    ("yiliao", "group", 3, "慢病自我管理小组", ("health",), "elderly",
     "社区卫生服务站", "讲解慢病用药与饮食，组员交流管理心得。"),
    ("fuyou", "group", 5, "亲子阅读小组", ("education", "family"), "children",
     "社区书屋", "亲子共读绘本，练习提问与复述。"),
    ("fuyou", "group", 4, "四点半课堂", ("education",), "children",
     "社工站活动室", "放学后看护儿童完成作业，开展趣味游戏。"),
    ("fuyou", "group", 3, "儿童情绪管理小组", ("mental", "education"), "children",
     "社工站活动室", "通过游戏认识情绪，学习表达与调节。"),
    ("zhucan", "group", 3, "残障人士手工技能小组", ("rehab", "employment"), "disabled",
     "社工站活动室", "学习串珠与编织，作品用于义卖。"),
    ("jikun", "group", 2, "困难家庭就业能力提升小组", ("employment",), "poor",
     "社工站活动室", "简历制作与面试模拟，分享招聘信息。"),
    ("guanai", "group", 2, "照顾者减压小组", ("mental", "family"), "all",
     "社工站活动室", "照顾者分享压力，学习放松技巧。"),
    ("guanai", "group", 2, "困难妇女互助小组", ("family", "employment"), "poor",
     "社工站活动室", "组员分享育儿与就业经验，建立互助网络。"),
    ("wenhua", "group", 3, "社区合唱团排练", ("community",), "all",
     "社区文化室", "排练闽南语歌曲，准备社区文艺汇演。"),
    ("wenhua", "group", 2, "书法兴趣小组", ("community", "education"), "all",
     "社区文化室", "临摹楷书，交流书写心得。"),
    ("yude", "group", 2, "青少年成长小组", ("education", "crime_prevention"), "children",
     "社工站活动室", "团队游戏与分享，提升自我认识与沟通能力。"),
    ("jinglao", "community", 3, "重阳节敬老活动", ("welfare", "community"), "elderly",
     "社区广场", "为长者表演节目、赠送慰问品，开展义剪。"),
    ("jinglao", "community", 3, "长者集体生日会", ("welfare",), "elderly",
     "社区党群服务中心", "为当月生日的长者集体庆生。"),
    ("jinglao", "community", 2, "老年人防诈骗讲座", ("crime_prevention",), "elderly",
     "社区党群服务中心", "结合案例讲解常见诈骗手法与防范要点。"),
    ("yiliao", "community", 4, "社区义诊", ("health",), "all",
     "社区广场", "联合社区卫生服务中心测血压、血糖，提供健康咨询。"),
    ("yiliao", "community", 2, "健康知识讲座", ("health",), "all",
     "社区党群服务中心", "邀请医生讲解季节性疾病预防。"),
    ("fuyou", "community", 2, "六一儿童节游园会", ("education", "community"), "children",
     "社区广场", "设置游戏摊位，儿童与家长共同参与。"),
    ("fuyou", "community", 2, "儿童安全教育活动", ("education", "emergency"), "children",
     "社区广场", "防溺水、防火、交通安全知识互动宣传。"),
    ("jikun", "community", 3, "爱心物资发放", ("assistance", "charity"), "poor",
     "社区党群服务中心", "向困难家庭发放米面油等爱心物资。"),
    ("jikun", "community", 1, "慈善义卖活动", ("charity",), "all",
     "社区广场", "义卖手工作品，所得用于困难家庭帮扶。"),
    ("zhucan", "community", 2, "全国助残日活动", ("rehab", "welfare"), "disabled",
     "社区广场", "政策宣传、辅具展示与助残志愿服务。"),
    ("wenhua", "community", 3, "中秋博饼活动", ("community",), "all",
     "社区广场", "邻里共同博饼，增进邻里交流。"),
    ("wenhua", "community", 2, "邻里文化节", ("community",), "all",
     "社区广场", "居民才艺展示与邻里美食分享。"),
    ("yude", "community", 2, "禁毒宣传进社区", ("drug",), "all",
     "社区广场", "展板宣传与有奖问答，普及禁毒知识。"),
    ("yude", "community", 2, "法治宣传讲座", ("crime_prevention", "mediation"), "all",
     "社区党群服务中心", "讲解与居民生活相关的法律知识。"),
    ("guanai", "community", 2, "防汛防台应急演练", ("emergency",), "all",
     "社区广场", "演练转移安置流程，普及应急避险知识。"),
    ("guanai", "community", 1, "矛盾纠纷排查走访", ("mediation", "petition"), "all",
     "社区", "走访楼栋，排查邻里矛盾隐患。"),
)
_CARE_VISITS: tuple[tuple[str, str, str], ...] = (
    ("jinglao", "邻里守望探访", "楼栋长与社工一同敲门探访，确认老人平安。"),
    ("guanai", "邻里守望关爱探访", "探访独居困难群众，了解近况并登记需求。"),
)
_KIND_SHARE = {"individual": 0.60, "group": 0.25, "community": 0.15}
_CARE_SHARE = 0.05  # of all records; part of the individual share

_CONTRIBUTIONS: dict[str, tuple[tuple[str, int, int], ...]] = {
    # partner kind -> (contribution, minimum value, maximum value; 0 = no money value)
    "community": (("提供活动场地", 0, 0), ("协助发动居民参与", 0, 0)),
    "social_org": (("派出专业人员协助", 500, 3000), ("提供活动策划支持", 300, 2000)),
    "charity_donor": (("捐赠慰问品", 300, 5000), ("捐赠活动奖品", 200, 2000)),
    "charity_fund": (("资助活动经费", 1000, 20000),),
    "charity_goods": (("提供米面油等物资", 200, 3000), ("提供生活用品", 200, 2000)),
}

# Tables written in bulk: their indexes are dropped during the run and rebuilt after.
_BULK_TABLES = ("client", "service_record", "service_participant", "service_partner",
                "volunteer_hour", "change_log", "case_log")

_SYNC_COLUMNS = ("id", "uid", "origin", "version", "updated_at", "deleted")
# uuid4 from random hex: the version digit is 4, the variant digit 8, 9, a or b.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}


def generate(clients: int, records: int, seed: int | None = None,
             progress: Progress | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Fill the open station database with synthetic data; returns rows written per table.

    ``clients`` clients and ``records`` service records, with workers, volunteers,
    partners, needs, cases, projects … in proportion. Deterministic for a given
    ``seed`` (and ``today``). ``progress(stage, done, total)`` is called between
    batches. Everything is written in one transaction: all or nothing.
    """
    if clients < 0 or records < 0:
        raise SwdeskError(_("数量不能为负数", "Counts cannot be negative"))
    row = database.execute_sql(
        "SELECT s.id, s.code, s.name, s.district FROM setting t JOIN station s "
        "ON s.code = t.value AND s.deleted = 0 WHERE t.key = 'station_code'").fetchone()
    if row is None:
        raise SwdeskError(_("站点尚未初始化，请先运行 swdesk init",
                            "The station is not initialised yet; run swdesk init first"))
    # A second run with the same seed must not repeat the first one's uids: the seed is
    # mixed with how far the change log has got (the same for every fresh station).
    (salt,) = database.execute_sql("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
    rng = random.Random(None if seed is None else f"{seed}/{salt}")
    gen = _Generator(rng, today or dt.date.today(), progress, row)
    with _bulk_pragmas(), database.atomic():
        counts = gen.run(clients, records)
        journal.audit(SYSTEM, "demo", detail={"clients": clients, "records": records,
                                              "seed": seed, "rows": counts})
    if not database.in_transaction():
        # One huge transaction leaves a WAL as big as the data; fold it back in now
        # rather than leave the next reader to walk it and the disk to hold it twice.
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return counts


@contextmanager
def _bulk_pragmas() -> Iterator[None]:
    """Connection settings for the bulk load, restored afterwards.

    * a larger page cache, so index builds sort in memory;
    * two sorter threads for CREATE INDEX (the machines have at least two cores);
    * foreign keys not enforced row by row: looking up each participant's record and
      client doubled the insert time; ``_Generator.check_links`` checks every link
      once at the end instead, inside the transaction, and fails it if one is broken.
      (The pragma is a no-op inside an open transaction; then rows are checked as usual.)
    """
    names = ("cache_size", "threads", "foreign_keys")
    saved = {n: int(database.execute_sql(f"PRAGMA {n}").fetchone()[0]) for n in names}
    database.execute_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    database.execute_sql("PRAGMA threads = 2")
    database.execute_sql("PRAGMA foreign_keys = 0")
    try:
        yield
    finally:
        for n, value in saved.items():
            database.execute_sql(f"PRAGMA {n} = {value}")


class _Generator:
    """One run of :func:`generate`: the random source, lookups built so far, the cursor."""

    def __init__(self, rng: random.Random, today: dt.date, progress: Progress | None,
                 station: Row) -> None:
        self.rng = rng
        self.today = today
        self.today_ord = today.toordinal()
        self.progress = progress
        self.station_id: int = station[0]
        self.origin: str = station[1]
        district = station[3] if station[3] in _DISTRICTS else "siming"
        self.district = district
        self.district_zh, self.region, streets = _DISTRICTS[district]
        # The station's own street (named in its name) houses most of its clients.
        title = (station[2] or "").replace(self.district_zh, "")
        own = [s for s in streets if s in title] or [
            s for s in streets if (stem := s.removesuffix("街道").removesuffix("镇")) in title
            and len(stem) >= 2]  # "嘉莲社工站" names its street without 街道
        self.home_street = own[0] if own else next(iter(streets))
        self.streets = streets
        self.street_list = list(streets)
        # Regions of resident IDs: mostly the station's district, the rest of Xiamen too.
        self.regions = [d[1] for d in _DISTRICTS.values()]
        self.region_cum = list(accumulate(50 if r == self.region else 10 for r in self.regions))
        # One timestamp for the whole run: every row was written by this one transaction.
        self.stamp = str(now())
        self.counts: dict[str, int] = {}
        self.cur: Any = None
        self.used_ids: set[str] = set()
        self.sql: dict[str, str] = {}
        self.age_ord_cache: dict[int, int] = {}
        self.pinyin_cache: dict[str, tuple[str, str]] = {}
        # Filled as the run goes; later tables refer to earlier rows.
        self.agency_ids: list[int] = []
        self.worker_ids: list[int] = []
        self.active_worker_ids: list[int] = []
        self.worker_names: list[str] = []
        self.partners: list[tuple[int, str]] = []  # (id, kind)
        self.volunteer_ids: list[int] = []
        self.client_ids: list[int] = []
        self.client_reg: list[int] = []  # registration date ordinals, parallel to client_ids
        self.client_group: list[str] = []  # primary target group, parallel to client_ids
        self.pools: dict[str, list[int]] = {}
        self.projects: list[tuple[int, int, int]] = []  # (id, start ordinal, end ordinal)

    # --- plumbing ---------------------------------------------------------------------

    def run(self, clients: int, records: int) -> dict[str, int]:
        self.cur = database.connection().cursor()
        for table in ("client", "worker", "volunteer"):
            self.used_ids.update(r[0][:17] for r in self.cur.execute(
                f'SELECT id_number FROM "{table}" WHERE id_number IS NOT NULL'))
        indexes = self.drop_indexes()
        fts = self.suspend_fts()
        self.agencies()
        self.workers(max(5, clients // 2000))
        self.partners_(max(10, clients // 2000))
        self.volunteers(clients // 20 if clients >= 200 else max(10, clients // 20))
        first_client = self.next_id("client")
        self.clients(clients)
        self.needs(clients // 20)
        self.cases(clients // 10)
        self.projects_()
        self.complaints()
        self.service_records(records)
        stage = _("建立索引", "indexes")
        self.resume_fts(fts, first_client)
        self.report(stage, 0, len(indexes))
        for done, sql in enumerate(indexes, start=1):
            self.cur.execute(sql)
            self.report(stage, done, len(indexes))
        counts = {k: v for k, v in self.counts.items() if v}
        self.check_links(counts)
        self.report(_("检查关联", "links"), len(counts), len(counts))
        return counts

    def check_links(self, tables: Iterable[str]) -> None:
        """Every foreign key of the rows written must hold (see ``_bulk_pragmas``).

        ``NOT IN (SELECT …)`` builds each parent key set once: 1.2 s for the city-size
        run where ``PRAGMA foreign_key_check`` took 5-9 s.
        """
        for table in tables:
            for fk in self.cur.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                parent, column, key = fk[2], fk[3], fk[4] or "id"
                broken = self.cur.execute(
                    f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                    f'"{column}" NOT IN (SELECT "{key}" FROM "{parent}") LIMIT 1').fetchone()
                if broken is not None:
                    raise SwdeskError(_("演示数据生成出错：{}.{} 指向不存在的记录 {}",
                                        "Demo data error: {}.{} points to a missing row {}")
                                      .format(table, column, broken[0]))

    def drop_indexes(self) -> list[str]:
        """Drop the indexes of the big tables; returns the SQL that recreates them.

        Measured on a 2-core machine: each index costs 5-10 us per inserted row
        (random uuids and client ids), more than the row itself; building it
        afterwards sorts once. Inside the one transaction, so a failure restores them.
        """
        marks = ", ".join("?" * len(_BULK_TABLES))
        found = self.cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name", _BULK_TABLES).fetchall()
        for name, _sql in found:
            self.cur.execute(f'DROP INDEX "{name}"')
        return [sql for _name, sql in found]

    def suspend_fts(self) -> list[str]:
        """Drop the trigger that copies each new client into client_fts; returns its SQL.

        Measured: through the trigger each client costs ~170 us (FTS5 writes its pending
        terms out at every statement savepoint, i.e. once per row), 17 s for 100,000
        clients; one INSERT … SELECT afterwards costs ~25 us per row. The trigger is
        recreated from its stored SQL, so later edits keep the index in step as before.
        """
        found = self.cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'client' "
            "AND sql LIKE '%AFTER INSERT ON client%' AND sql LIKE '%INSERT INTO client_fts%'"
        ).fetchall()
        for name, _sql in found:
            self.cur.execute(f'DROP TRIGGER "{name}"')
        return [sql for _name, sql in found]

    def resume_fts(self, triggers: list[str], first_client: int) -> None:
        if not triggers:
            return
        columns = [r[1] for r in self.cur.execute("PRAGMA table_info(client_fts)")]
        cols = ", ".join(f'"{c}"' for c in columns)
        self.cur.execute(f"INSERT INTO client_fts(rowid, {cols}) SELECT id, {cols} FROM client "
                         "WHERE id >= ? ORDER BY id", (first_client,))
        for sql in triggers:
            self.cur.execute(sql)

    def next_id(self, table: str) -> int:
        (top,) = self.cur.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()
        return int(top) + 1

    def insert(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        sql = self.sql.get(table)
        if sql is None:
            cols = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            sql = self.sql[table] = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'
        self.cur.executemany(sql, rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def synced(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        """Insert synced rows (id, uid, origin, version, updated_at, deleted, *columns)
        and give each its change-log entry, as crud.create would."""
        if not rows:
            return
        self.insert(table, _SYNC_COLUMNS + tuple(columns), rows)
        # The rows just written hold consecutive new ids: copy their uids in SQL rather
        # than binding 1.7 million tuples from Python.
        n = self.cur.execute(
            'INSERT INTO change_log (entity, row_uid, version, op, "at") '
            f'SELECT ?, uid, version, \'insert\', ? FROM "{table}" WHERE id BETWEEN ? AND ? '
            "ORDER BY id", (table, self.stamp, rows[0][0], rows[-1][0])).rowcount
        if n != len(rows):
            raise AssertionError(f"{table}: {n} change-log rows for {len(rows)} rows")
        self.counts["change_log"] = self.counts.get("change_log", 0) + n

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def uids(self, n: int) -> list[str]:
        """``n`` random uuid4 strings: one hex string sliced, 4x faster than uuid.UUID."""
        h, v = self.rng.randbytes(16 * n).hex(), _VARIANT
        return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{v[h[i + 16]]}"
                f"{h[i + 17:i + 20]}-{h[i + 20:i + 32]}" for i in range(0, 32 * n, 32)]

    def heads(self, table: str, n: int) -> list[Row]:
        """(id, uid, origin, version, updated_at, deleted) for n new rows of ``table``."""
        first = self.next_id(table)
        o, s = self.origin, self.stamp
        return [(first + i, u, o, 1, s, 0) for i, u in enumerate(self.uids(n))]

    def day(self, ordinal: int) -> str:
        return dt.date.fromordinal(ordinal).isoformat()

    def days_ago(self, lo: int, hi: int) -> int:
        """The ordinal of a day between ``hi`` and ``lo`` days before today."""
        return self.today_ord - self.rng.randint(lo, hi)

    def age_ord(self, years: int) -> int:
        """Ordinal of the day ``years`` years before today (28 Feb for 29 Feb)."""
        got = self.age_ord_cache.get(years)
        if got is None:
            t = self.today
            try:
                d = t.replace(year=t.year - years)
            except ValueError:
                d = t.replace(year=t.year - years, day=28)
            got = self.age_ord_cache[years] = d.toordinal()
        return got

    # --- people -----------------------------------------------------------------------

    # The per-person helpers below index sequences with random() directly: random's
    # choice/randint are pure Python and were half the time of making a client.

    def person(self, female: float, lo: int, hi: int) -> tuple[str, str, str, str]:
        """(name, sex, resident ID, birth date) of someone aged ``lo``..``hi`` today."""
        random_ = self.rng.random
        sex = "F" if random_() < female else "M"
        first, last = self.age_ord(hi + 1) + 1, self.age_ord(lo)
        birth = dt.date.fromordinal(first + int(random_() * (last - first + 1)))
        iso = birth.isoformat()
        name = self.name(sex, birth.year)
        region = self.regions[bisect(self.region_cum, random_() * self.region_cum[-1])]
        prefix = region + iso.replace("-", "")
        odd = 1 if sex == "M" else 0  # GB 11643: the 17th digit is odd for men
        while True:
            first17 = f"{prefix}{int(random_() * 500) * 2 + odd:03d}"
            if first17 not in self.used_ids:
                break
        self.used_ids.add(first17)
        return name, sex, first17 + resident_id_check_digit(first17), iso

    def name(self, sex: str, birth_year: int, surname: str = "") -> str:
        random_ = self.rng.random
        if not surname:
            surname = _SURNAME_LIST[bisect(_SURNAME_CUM, random_() * _SURNAME_CUM[-1])]
        era = 0 if birth_year < 1970 else 1 if birth_year < 1995 else 2
        pool = _GIVEN[sex, era]
        n = len(pool)
        if random_() < (0.3 if era == 0 else 0.15):
            return surname + pool[int(random_() * n)]
        return surname + pool[int(random_() * n)] + pool[int(random_() * n)]

    def mobile(self) -> str:
        random_ = self.rng.random
        prefix = _MOBILE_PREFIXES[int(random_() * len(_MOBILE_PREFIXES))]
        return f"{prefix}{int(random_() * 10 ** 8):08d}"

    def landline(self) -> str:
        return f"0592-{self.rng.randint(2000000, 8999999)}"

    def place(self) -> tuple[str, str]:
        """(address, community) in the station's district, mostly on its own street."""
        random_ = self.rng.random
        street = self.home_street if random_() < 0.8 else \
            self.street_list[int(random_() * len(self.street_list))]
        communities = self.streets[street]
        community = communities[int(random_() * len(communities))]
        stem = community.removesuffix("社区").removesuffix("村")
        address = (f"{self.district_zh}{street}{community}{stem}{_CN_NUM[int(random_() * 8)]}里"
                   f"{1 + int(random_() * 180)}号")
        if random_() < 0.7:
            address += f"{1 + int(random_() * 18)}0{1 + int(random_() * 4)}室"
        return address, community

    def uscc(self, prefix: str, org: str) -> str:
        """A well-formed unified social credit code registered in the station's district."""
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = prefix + self.region + org
        body += "".join(self.rng.choice(alphabet) for _i in range(17 - len(body)))
        return body + uscc_check_char(body)

    # --- organisations and staff --------------------------------------------------------

    def agencies(self) -> None:
        rng = self.rng
        words = rng.sample(("同心", "启明", "仁爱", "阳光", "彩虹", "心桥", "春晖", "和乐",
                            "益行", "禾苗", "鹭岛", "嘉和", "众爱", "明善"), 5)
        n = rng.randint(3, 5)
        rows = []
        for head, word in zip(self.heads("agency", n), words, strict=False):
            staff = rng.randint(12, 80)
            certified = rng.randint(staff // 3, staff) if rng.random() < 0.85 else staff // 4
            address, _c = self.place()
            rows.append((*head,
                f"厦门市{word}社会工作服务中心", self.uscc("52", "MJ"),
                rng.choices(("filed", "pending", "none"), (80, 15, 5))[0],
                self.name(rng.choice("MF"), rng.randint(1965, 1988)),
                rng.choices(("social_worker", "senior", "assistant"), (55, 25, 20))[0],
                staff, certified, self.name(rng.choice("MF"), rng.randint(1975, 1998)),
                self.landline(), address))
        self.synced("agency", ("name", "uscc", "filing_status", "legal_rep", "legal_rep_cert",
                               "fulltime_staff", "certified_staff", "contact", "phone",
                               "address"), rows)
        self.agency_ids = [r[0] for r in rows]
        self.report(_("服务机构", "agencies"), n, n)

    def workers(self, n: int) -> None:
        rng = self.rng
        rows = []
        for i, head in enumerate(self.heads("worker", n)):
            name, sex, number, _b = self.person(0.7, 23, 58)
            cert = rng.choices(("none", "assistant", "social_worker", "senior"),
                               (20, 45, 30, 5))[0]
            if i == 1:  # every station has a supervisor, however small the run
                cert = "social_worker" if cert != "senior" else cert
            supervisor = i == 1 or (cert in ("social_worker", "senior") and rng.random() < 0.3)
            position = ("站长" if i == 0 else "督导" if supervisor
                        else rng.choices(("一线社工", "项目主管", "社工助理"), (70, 15, 15))[0])
            active = 1 if i == 0 or rng.random() < 0.95 else 0
            agency = self.agency_ids[0] if rng.random() < 0.8 else rng.choice(self.agency_ids)
            rows.append((*head,
                name, number, sex, self.mobile(), self.station_id, agency, cert,
                1 if rng.random() < 0.4 else 0, 1 if supervisor else 0, position,
                self.day(self.days_ago(30, 8 * 365)), active))
            self.worker_names.append(name)
        self.synced("worker", ("name", "id_number", "sex", "phone", "station_id", "agency_id",
                               "cert_level", "sw_degree", "is_supervisor", "position",
                               "hired_on", "active"), rows)
        self.worker_ids = [r[0] for r in rows]
        self.active_worker_ids = [r[0] for r in rows if r[-1]]
        self.report(_("社会工作者", "workers"), n, n)
        self.training()

    def training(self) -> None:
        """Continuing education: about a third of the workers fall short of 80 h this year."""
        rng = self.rng
        jan1 = dt.date(self.today.year, 1, 1).toordinal()
        last_jan1 = dt.date(self.today.year - 1, 1, 1).toordinal()
        courses = (("社会工作实务能力提升培训", "course", "厦门市社会工作协会"),
                   ("个案督导", "supervision", "本站督导"),
                   ("老年社会工作专题研讨", "seminar", "厦门市民政局"),
                   ("儿童保护政策解读", "course", "厦门市民政局"),
                   ("社会工作伦理网络课程", "online", "中国社会工作学习平台"),
                   ("MSW在职研究生课程", "academic", "厦门大学"),
                   ("心理危机干预培训", "course", "厦门市仙岳医院"),
                   ("小组工作技巧工作坊", "seminar", "福建省社会工作协会"))
        plan: list[Row] = []
        for worker in self.worker_ids:
            for start, end, short in ((jan1, self.today_ord, rng.random() < 0.35),
                                      (last_jan1, jan1 - 1, rng.random() < 0.1)):
                goal = rng.randint(20, 76) if short else rng.randint(80, 130)
                total = 0
                while total < goal:
                    hours = min(rng.choice((2, 3, 4, 6, 8, 12, 16)), goal - total)
                    title, kind, organizer = rng.choice(courses)
                    plan.append((self.day(rng.randint(start, end)), worker, title, kind,
                                 organizer, hours))
                    total += hours
        plan.sort(key=lambda p: p[0])
        heads = self.heads("training_record", len(plan))
        rows = [(*h, w, d, t, k, org, hrs)
                for h, (d, w, t, k, org, hrs) in zip(heads, plan, strict=True)]
        self.synced("training_record", ("worker_id", "date", "title", "kind", "organizer",
                                        "hours"), rows)

    def partners_(self, n: int) -> None:
        rng = self.rng
        kinds = ("community", "social_org", "charity_donor", "charity_fund", "charity_goods")
        # Every kind at least once, then the usual mix.
        picks = list(kinds) + rng.choices(kinds, (35, 25, 20, 10, 10), k=max(0, n - 5))
        communities = [(s, c) for s, cs in self.streets.items() for c in cs]
        rng.shuffle(communities)
        words = ["同心", "启明", "仁爱", "阳光", "彩虹", "心桥", "春晖", "和乐", "益行", "禾苗",
                 "鹭通", "嘉和", "众爱", "明善", "海韵", "鼓浪", "白鹭", "凤凰", "筼筜", "五缘",
                 "万石", "湖光", "金榜", "天竺", "云顶", "东坪", "沙坡", "曾厝", "环岛", "南普"]
        used: set[str] = set()
        rows = []
        for head, kind in zip(self.heads("partner", len(picks)), picks, strict=True):
            uscc: str | None = None
            if kind == "community" and communities:
                street, community = communities.pop()
                committee = "村民委员会" if community.endswith("村") else "居民委员会"
                name = f"{self.district_zh}{street}{community.removesuffix('社区')}{committee}"
                resources = "活动场地、居民动员、楼栋长网络"
            else:
                kind = "social_org" if kind == "community" else kind
                name = ""
                while not name or name in used:
                    word = rng.choice(words) + rng.choice(words)[0]
                    name = {
                        "social_org": rng.choice((f"厦门市{word}社会工作服务中心",
                                                  f"{self.district_zh}{word}志愿者协会",
                                                  f"厦门市{word}公益服务中心")),
                        "charity_donor": f"厦门{word}{rng.choice(('物流', '科技', '食品', '建设'))}"
                                         "有限公司",
                        "charity_fund": f"厦门市慈善总会{word}专项基金",
                        "charity_goods": f"{word}{rng.choice(('超市', '粮油商行', '药房'))}",
                    }[kind]
                used.add(name)
                resources = {"social_org": "专业社工、志愿者队伍、活动策划",
                             "charity_donor": "慰问品、活动奖品、员工志愿者",
                             "charity_fund": "项目资助资金",
                             "charity_goods": "米面油、生活用品"}[kind]
                if kind == "social_org":
                    uscc = self.uscc("52", "MJ")
                elif kind in ("charity_donor", "charity_goods"):
                    uscc = self.uscc("91", "MA")
            address, _c = self.place()
            rows.append((*head, kind, name, self.name(rng.choice("MF"), rng.randint(1960, 1998)),
                                self.mobile(), address, uscc, resources))
        self.synced("partner", ("kind", "name", "contact", "phone", "address", "uscc",
                                "resources"), rows)
        self.partners = [(r[0], r[6]) for r in rows]
        self.report(_("联动资源", "partners"), len(rows), len(rows))

    def volunteers(self, n: int) -> None:
        rng = self.rng
        teams = [pid for pid, kind in self.partners if kind == "social_org"]
        existing = {r[0] for r in self.cur.execute(
            "SELECT volunteer_no FROM volunteer WHERE volunteer_no IS NOT NULL")}
        skills = ("心理咨询", "理发", "家电维修", "医疗护理", "法律咨询", "书法", "摄影",
                  "文艺表演", "课业辅导", "手语", "驾驶", "烹饪", "电脑操作", "康复按摩")
        times = ("周末", "工作日晚上", "工作日白天", "节假日", "随时")
        serial = 0
        done = 0
        while done < n:
            batch = min(CHUNK, n - done)
            rows = []
            for head in self.heads("volunteer", batch):
                name, sex, number, _b = self.person(0.6, 16, 72)
                reg = self.days_ago(0, 3 * 365)
                year = dt.date.fromordinal(reg).year
                while True:
                    serial += 1
                    no = f"XMV{year}{serial:06d}"
                    if no not in existing:
                        break
                _a, community = self.place()
                rows.append((*head,
                    name, "resident_id", number, no, sex, self.mobile(), community,
                    rng.choice(teams) if teams and rng.random() < 0.3 else None,
                    "、".join(rng.sample(skills, rng.randint(1, 3))), rng.choice(times),
                    self.day(reg), 1 if rng.random() < 0.95 else 0))
            self.synced("volunteer", ("name", "id_type", "id_number", "volunteer_no", "sex",
                                      "phone", "community", "team_id", "skills",
                                      "availability", "registered_on", "active"), rows)
            self.volunteer_ids.extend(r[0] for r in rows)
            done += batch
            self.report(_("志愿者", "volunteers"), done, n)

    # --- clients ------------------------------------------------------------------------

    def clients(self, n: int) -> None:
        rng = self.rng
        random_ = rng.random
        pools: dict[str, list[int]] = {"elderly": [], "disabled": [], "poor": [],
                                       "children": [], "all": []}
        cache = self.pinyin_cache
        columns = ("name", "id_number", "sex", "birth_date", "phone", "address", "community",
                   "target_groups", "status", "guardian", "guardian_phone", "health_notes",
                   "family_notes", "notes", "registered_on", "station_id", "name_initials",
                   "name_pinyin")
        done = 0
        while done < n:
            batch = min(CHUNK, n - done)
            picks = rng.choices(range(len(_GROUPS)), cum_weights=_GROUP_CUM, k=batch)
            statuses = rng.choices(_STATUS, cum_weights=_STATUS_CUM, k=batch)
            rows = []
            for head, g, status in zip(self.heads("client", batch), picks, statuses,
                                       strict=True):
                code, _w, ages, female, extra, pool = _GROUPS[g]
                if ages is None:  # the elderly: many young-old, fewer in their nineties
                    lo = hi = int(rng.triangular(60, 99, 66))
                else:
                    lo, hi = ages
                name, sex, number, birth = self.person(female, lo, hi)
                codes = [code]
                if pool == "elderly" and code != "elderly":
                    codes.insert(0, "elderly")
                if extra and random_() < 0.25:
                    more = rng.choice(extra)
                    if more != "women_difficult" or sex == "F":
                        codes.append(more)
                child = pool == "children"
                guardian = guardian_phone = None
                if child or (code == "elderly_alone" and random_() < 0.6) or random_() < 0.1:
                    # A child's guardian is usually a parent or grandparent: same surname.
                    same = child and random_() < 0.7
                    surname = (name[:2] if name[:2] in _COMPOUND else name[0]) if same else ""
                    guardian = self.name(rng.choice("MF"), rng.randint(1955, 1995), surname)
                    guardian_phone = self.mobile()
                phone = None if child or random_() < 0.12 else self.mobile()
                address, community = self.place()
                health = rng.choice(_HEALTH[pool if pool != "poor" or "disabled" not in codes
                                            else "disabled"])
                family = rng.choice(_FAMILY[code]) if code in _FAMILY else None
                reg = self.days_ago(0, 729)
                py = cache.get(name)
                if py is None:
                    py = cache[name] = (initials(name), full_pinyin(name))
                rows.append((*head,
                    name, number, sex, birth, phone, address, community,
                    "," + ",".join(codes) + ",", status, guardian, guardian_phone, health,
                    family, None, self.day(reg), self.station_id, py[0], py[1]))
                cid = head[0]
                self.client_ids.append(cid)
                self.client_reg.append(reg)
                self.client_group.append(code)
                if pool != "all":
                    pools[pool].append(cid)
                pools["all"].append(cid)
            self.synced("client", columns, rows)
            done += batch
            self.report(_("服务对象", "clients"), done, n)
        for ids in pools.values():
            rng.shuffle(ids)  # record generation takes random slices of these
        # Small stations: a pool too small for a group activity borrows everyone.
        self.pools = {k: (v if len(v) >= 12 else pools["all"]) for k, v in pools.items()}

    def needs(self, n: int) -> None:
        if not self.client_ids or n <= 0:
            return
        rng = self.rng
        by_group = {
            "elderly": ("jinglao", "长期独自在家，希望有人定期上门陪伴聊天"),
            "elderly_alone": ("jinglao", "行动不便，需要助餐送餐服务"),
            "elderly_empty_nest": ("yiliao", "患慢性病，需要陪同复诊"),
            "disabled": ("zhucan", "需要康复辅具及居家康复指导"),
            "dibao": ("jikun", "家庭经济困难，希望链接就业岗位"),
            "tekun": ("jikun", "需要日常生活照料"),
            "low_income": ("jikun", "子女上学费用有困难，希望获得助学支持"),
            "child_difficult": ("fuyou", "需要课业辅导和心理陪伴"),
            "child_left_behind": ("fuyou", "放学后无人看护，希望参加四点半课堂"),
            "women_difficult": ("guanai", "需要心理支持和技能培训"),
            "veteran": ("guanai", "希望了解优抚政策，协助办理相关手续"),
            "other": ("wenhua", "希望参加社区文化活动"),
        }
        places = ("家中", "社工站", "社区党群服务中心", "医院")
        times = ("工作日上午", "工作日下午", "周末", "每周一次", "尽快")
        picks = rng.sample(range(len(self.client_ids)), min(n, len(self.client_ids)))
        rows = []
        for head, i in zip(self.heads("need", len(picks)), picks, strict=True):
            category, text = by_group[self.client_group[i]]
            raised = max(self.client_reg[i], self.days_ago(0, 364))
            status = rng.choices(("open", "matched", "closed"), (30, 40, 30))[0]
            matched = status != "open"
            rows.append((*head,
                self.client_ids[i], category, text, rng.choice(places), rng.choice(times),
                status, self.day(raised),
                rng.choice(self.active_worker_ids) if matched else None,
                rng.choice(self.volunteer_ids) if matched and self.volunteer_ids
                and rng.random() < 0.6 else None,
                rng.choice(self.partners)[0] if matched and rng.random() < 0.2 else None))
        self.synced("need", ("client_id", "category", "description", "place", "preferred_time",
                             "status", "raised_on", "worker_id", "volunteer_id", "partner_id"),
                    rows)
        self.report(_("服务需求", "needs"), len(rows), len(rows))

    # --- casework -----------------------------------------------------------------------

    def cases(self, n: int) -> None:
        if not self.client_ids or n <= 0:
            return
        rng = self.rng
        problems = {
            "elderly": "独居高龄，近期跌倒一次，缺乏照料",
            "disabled": "残疾导致就业困难，情绪低落",
            "poor": "家庭经济困难，债务压力大，夫妻矛盾增多",
            "children": "监护缺失，学习成绩下滑，有厌学情绪",
            "all": "生活遭遇变故，社会支持网络薄弱",
        }
        pool_of = {g[0]: g[5] for g in _GROUPS}
        stages = ("intake", "assessment", "plan", "intervention", "evaluation", "closed")
        picks = rng.sample(range(len(self.client_ids)), min(n, len(self.client_ids)))
        plan = []
        for i in picks:
            opened = max(self.client_reg[i], self.days_ago(0, 729))
            stage = rng.choices(stages, (8, 8, 9, 35, 10, 30))[0]
            # Older cases are further along: a case opened last week is rarely closed.
            if self.today_ord - opened < 30 and stage == "closed":
                stage = "intervention"
            closed = (min(self.today_ord, opened + rng.randint(30, 300))
                      if stage == "closed" else None)
            plan.append((opened, i, stage, closed))
        plan.sort()  # ids and case numbers follow the opening dates
        next_no: dict[int, int] = {}
        rows = []
        logs_plan: list[tuple[int, int, int, int]] = []  # (case id, start, end, worker)
        for head, (opened, i, stage, closed) in zip(self.heads("case", len(plan)), plan,
                                                    strict=True):
            year = dt.date.fromordinal(opened).year
            if year not in next_no:
                next_no[year] = self.last_case_no(year) + 1
            case_no = f"{self.origin}-{year}-{next_no[year]:04d}"
            next_no[year] += 1
            worker = rng.choice(self.active_worker_ids)
            depth = stages.index(stage)
            problem = problems[pool_of[self.client_group[i]]]
            rows.append((*head,
                case_no, self.client_ids[i], worker, self.day(opened), stage,
                rng.choices(("low", "medium", "high"), (55, 35, 10))[0],
                1, self.day(opened), problem,
                "服务对象有改变意愿，家庭支持较弱，需链接社区资源" if depth >= 1 else None,
                "1. 建立信任关系；2. 链接救助资源；3. 增强社会支持网络" if depth >= 2 else None,
                None if closed is None else self.day(closed),
                "服务目标基本达成，服务对象情况稳定，予以结案" if closed else None))
            end = closed if closed is not None else self.today_ord
            logs_plan.append((head[0], opened, end, worker))
        self.synced("case", ("case_no", "client_id", "worker_id", "opened_on", "stage",
                             "risk_level", "consent", "consent_on", "problem", "assessment",
                             "plan", "closed_on", "closure_summary"), rows)
        self.report(_("个案", "cases"), len(rows), len(rows))
        self.case_logs(logs_plan)
        # About one case in twenty is referred, at least one in any run.
        referred = sorted(rng.sample(range(len(logs_plan)), max(1, len(logs_plan) // 20)))
        self.referrals([logs_plan[k][:3] for k in referred])

    def last_case_no(self, year: int) -> int:
        prefix = f"{self.origin}-{year}-"
        (last,) = self.cur.execute(
            'SELECT max(case_no) FROM "case" WHERE substr(case_no, 1, ?) = ?',
            (len(prefix), prefix)).fetchone()
        try:
            return int(str(last).rsplit("-", 1)[1]) if last else 0
        except (IndexError, ValueError):
            return 0

    def case_logs(self, plan: list[tuple[int, int, int, int]]) -> None:
        rng = self.rng
        contents = ("入户探访，了解服务对象近况及家庭支持情况",
                    "与服务对象面谈，共同回顾服务目标的进展",
                    "电话跟进，确认救助申请办理进度",
                    "线上沟通，提供情绪支持",
                    "协调社区网格员共同走访，链接志愿者定期探访")
        next_steps = ("下周再次入户跟进", "协助准备申请材料", "链接心理咨询资源",
                      "召开家庭会议", "评估服务成效")
        ways = ("home_visit", "office", "phone", "online")
        entries = []
        for case_id, start, end, worker in plan:
            k = rng.randint(2, 6)
            dates = sorted(rng.randint(start, end) for _i in range(k - 1))
            for day in [start, *dates]:  # the first contact is on the opening day
                entries.append((day, case_id, worker))
        entries.sort()
        heads = self.heads("case_log", len(entries))
        rows = [(*h, case_id, self.day(day), rng.choices(ways, (40, 25, 25, 10))[0],
                     rng.choice((20, 30, 45, 60, 90, 120)), rng.choice(contents),
                     rng.choice(next_steps), worker)
                for h, (day, case_id, worker) in zip(heads, entries, strict=True)]
        self.synced("case_log", ("case_id", "date", "way", "duration_min", "content",
                                 "next_step", "worker_id"), rows)
        self.report(_("个案记录", "case logs"), len(rows), len(rows))

    def referrals(self, plan: list[tuple[int, int, int]]) -> None:
        if not plan:
            return
        rng = self.rng
        targets = (("厦门市仙岳医院", "服务对象出现明显精神症状，需专业诊疗"),
                   (f"{self.district_zh}残疾人联合会", "需申请辅具适配和残疾人补贴"),
                   (f"{self.district_zh}法律援助中心", "涉及赡养纠纷，需要法律援助"),
                   (f"{self.district_zh}妇女联合会", "遭受家庭暴力，需要妇联介入保护"),
                   (f"{self.home_street}综治中心", "邻里纠纷升级，需联合调解"))
        rows = []
        for head, (case_id, start, end) in zip(self.heads("referral", len(plan)), plan,
                                               strict=True):
            organisation, reason = rng.choice(targets)
            direction = "out" if rng.random() < 0.8 else "in"
            rows.append((*head, case_id, direction, self.day(rng.randint(start, end)),
                                organisation, reason,
                                rng.choice(("对方已受理", "已对接并跟进服务", None))))
        self.synced("referral", ("case_id", "direction", "date", "organisation", "reason",
                                 "result"), rows)

    # --- projects, complaints -------------------------------------------------------------

    def projects_(self) -> None:
        rng = self.rng
        t = self.today
        # One running into its third year (first purchase), one in its second, maybe a new one.
        specs = [(26, 3, f"{self.home_street}社会工作服务站运营项目", True),
                 (13, 2, f"{self.district_zh}困境儿童关爱服务项目", False)]
        if rng.random() < 0.5:
            specs.append((5, 1, f"{self.home_street}长者邻里守望服务项目", True))
        rows = []
        spans = []
        for i, (head, (months_ago, years, name, first)) in enumerate(
                zip(self.heads("project", len(specs)), specs, strict=True), start=1):
            m = t.year * 12 + t.month - 1 - months_ago
            start = dt.date(m // 12, m % 12 + 1, 1)
            end = dt.date(start.year + years, start.month, 1) - dt.timedelta(days=1)
            budget = rng.randint(40, 150) * 10_000 * years
            labour = round(budget * rng.uniform(0.72, 0.82), -2)
            rows.append((*head,
                name, f"{self.origin}-P{start.year}{i:02d}",
                f"{self.district_zh}{self.home_street}办事处", rng.choice(self.agency_ids),
                self.station_id, start.isoformat(), end.isoformat(), budget, labour,
                rng.choice((118_000, 124_000, 131_000)), 1 if first else 0))
            spans.append((head[0], start, end, first, years))
        self.synced("project", ("name", "code", "purchaser", "agency_id", "station_id",
                                "start_on", "end_on", "budget", "labour_cost", "avg_wage_basis",
                                "first_purchase"), rows)
        self.projects = [(pid, s.toordinal(), e.toordinal()) for pid, s, e, _f, _y in spans]
        self.report(_("项目", "projects"), len(rows), len(rows))

        # Targets per project-year, in proportion to the station's size.
        scale = max(1, len(self.client_ids) // 1000)
        targets = {"cases": 30 * scale, "groups": 12 * scale, "activities": 24 * scale,
                   "person_times": 3000 * scale, "clients": 300 * scale,
                   "volunteer_hours": 2000 * scale, "care_visits": 200 * scale}
        ind = []
        for pid, _s, _e, _f, _y in spans:
            for kind in rng.sample(list(targets), rng.randint(4, 6)):
                ind.append((pid, kind, int(targets[kind] * rng.uniform(0.8, 1.2)),
                            "每个执行年度"))
        heads = self.heads("indicator", len(ind))
        self.synced("indicator", ("project_id", "kind", "target", "note"),
                    [h + r for h, r in zip(heads, ind, strict=True)])

        evals = []
        for pid, start, end, first, years in spans:
            due: list[tuple[str, int, dt.date]] = []
            if first:
                mid = start.toordinal() + 182
                due.append(("midterm", 1, dt.date.fromordinal(mid)))
            for y in range(1, years + 1):
                due.append(("annual", y, dt.date(start.year + y, start.month, 1)
                            - dt.timedelta(days=1)))
            if first:
                due.append(("final", years, end))
            for kind, year_no, on in due:
                if on > t:
                    continue
                grade = rng.choices(("excellent", "good", "pass", "fail"), (35, 45, 17, 3))[0]
                low, high = {"excellent": (90, 98), "good": (80, 89), "pass": (60, 79),
                             "fail": (45, 59)}[grade]
                evals.append((pid, kind, year_no, on.isoformat(), grade, rng.randint(low, high),
                              "厦门市社会工作协会", "服务指标完成情况良好，档案规范"))
        if evals:
            heads = self.heads("evaluation", len(evals))
            self.synced("evaluation", ("project_id", "kind", "year_no", "evaluated_on", "grade",
                                       "score", "evaluator", "notes"),
                        [h + r for h, r in zip(heads, evals, strict=True)])

    def complaints(self) -> None:
        rng = self.rng
        n = rng.randint(3, 6) + len(self.client_ids) // 50_000
        contents = ("社工约定上门时间未按时到达", "活动通知不及时，老人未能参加",
                    "服务态度生硬", "物资发放名单不公开", "个案跟进间隔过长")
        rows = []
        for head in self.heads("complaint", n):
            target = "worker" if rng.random() < 0.6 else "agency"
            received = self.days_ago(0, 364)
            status = rng.choices(("received", "handling", "closed"), (15, 20, 65))[0]
            handled = (min(self.today_ord, received + rng.randint(1, 15))
                       if status == "closed" else None)
            rows.append((*head,
                target, rng.choice(self.agency_ids) if target == "agency" else None,
                rng.choice(self.worker_ids) if target == "worker" else None,
                rng.choice(("hotline", "phone", "letter", "visit", "online")),
                self.day(received), self.name(rng.choice("MF"), rng.randint(1950, 1995)),
                self.mobile(), rng.choice(contents), status,
                None if handled is None else self.day(handled),
                self.worker_names[0] if handled else None,
                "已核实情况，向投诉人说明并致歉，加强内部管理" if handled else None))
        self.synced("complaint", ("target", "agency_id", "worker_id", "channel", "received_on",
                                  "complainant", "complainant_phone", "content", "status",
                                  "handled_on", "handler", "outcome"), rows)

    # --- service records ----------------------------------------------------------------

    def record_templates(self) -> tuple[list[Row], list[float]]:
        """Every (template, field) pair as one choice, weighted so the kinds come out
        60/25/15 with 5 % care visits: one ``choices`` call then picks a whole batch."""
        kind_total: dict[str, float] = {}
        for _c, kind, w, *_rest in _TEMPLATES:
            kind_total[kind] = kind_total.get(kind, 0) + w
        combos: list[Row] = []
        weights: list[float] = []
        base = {"individual": 60, "group": 90, "community": 120}
        for category, kind, w, title, fields, pool, place, content in _TEMPLATES:
            share = _KIND_SHARE[kind] - (_CARE_SHARE if kind == "individual" else 0)
            for f in fields:
                combos.append((kind, category, f, title, content, place, base[kind], 0, pool))
                weights.append(share * w / kind_total[kind] / len(fields))
        for category, title, content in _CARE_VISITS:
            combos.append(("individual", category, "community", title, content,
                           "服务对象家中", 30, 1, "elderly"))
            weights.append(_CARE_SHARE / len(_CARE_VISITS))
        return combos, list(accumulate(weights))

    def record_days(self, n: int) -> list[str]:
        """``n`` dates over the past year in order (weekends quieter), oldest first."""
        rng = self.rng
        ords = list(range(self.today_ord - 364, self.today_ord + 1))
        weights = [0.45 if dt.date.fromordinal(o).weekday() >= 5 else 1.0 for o in ords]
        total = sum(weights)
        counts = [int(n * w / total) for w in weights]
        for extra in rng.choices(range(len(ords)), weights, k=n - sum(counts)):
            counts[extra] += 1
        days: list[str] = []
        for o, c in zip(ords, counts, strict=True):
            days.extend([self.day(o)] * c)
        return days

    def service_records(self, n: int) -> None:
        if n <= 0:
            return
        rng = self.rng
        random_ = rng.random
        combos, cum = self.record_templates()
        days = self.record_days(n)
        stage = _("服务记录", "service records")
        pools = self.pools
        vols = self.volunteer_ids
        nv = len(vols)
        workers = self.active_worker_ids
        partners = self.partners
        # Projects running on each day of the year, for records that count toward one.
        by_day: dict[str, list[int]] = {}
        for day in range(self.today_ord - 364, self.today_ord + 1):
            by_day[self.day(day)] = [p for p, start, end in self.projects if start <= day <= end]
        hours = (0.5, 1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 4)
        o, s = self.origin, self.stamp
        uid4 = self.uids
        record_cols = ("date", "kind", "category", "field", "title", "content", "place",
                       "duration_min", "headcount", "care_visit", "worker_id", "project_id",
                       "station_id")
        hour_cols = ("volunteer_id", "date", "hours", "content", "record_id", "project_id")
        first = self.next_id("service_record")
        first_hour = self.next_id("volunteer_hour")
        station = self.station_id
        done = 0
        while done < n:
            batch = min(CHUNK, n - done)
            picks = rng.choices(combos, cum_weights=cum, k=batch)
            chosen_workers = rng.choices(workers, k=batch)
            extra_min = rng.choices((0, 15, 30, 45, 60), k=batch)
            uids = uid4(batch)
            rows: list[Row] = []
            parts: list[Row] = []
            vh: list[Row] = []
            sp: list[Row] = []
            for j in range(batch):
                rid = first + done + j
                kind, category, field, title, content, place, dur, care, pool_key = picks[j]
                date = days[done + j]
                pool = pools[pool_key]
                r = random_()
                if kind == "individual":
                    headcount = 1
                    if pool:
                        parts.append((rid, pool[int(r * len(pool))]))
                else:
                    if kind == "group":
                        k = headcount = 3 + int(r * 10)
                    else:
                        headcount = 20 + int(r * 181)
                        k = int(random_() * 6)  # a few named participants
                    if pool:
                        k = min(k, len(pool))
                        at = int(random_() * (len(pool) - k + 1))
                        parts.extend([(rid, c) for c in pool[at:at + k]])
                        if kind == "group":
                            headcount = k
                running = by_day[date]
                project = running[int(random_() * len(running))] if running and \
                    random_() < 0.4 else None
                rows.append((rid, uids[j], o, 1, s, 0, date, kind, category, field, title,
                             content, place, dur + extra_min[j], headcount, care,
                             chosen_workers[j], project, station))
                if nv and random_() < 0.3:
                    m = min(nv, 1 + int(random_() * 3))
                    at = int(random_() * (nv - m + 1))
                    for v in vols[at:at + m]:
                        vh.append((first_hour + len(vh), v, date,
                                   hours[int(random_() * len(hours))], title, rid, project))
                if random_() < 0.1:
                    pid, pkind = partners[int(random_() * len(partners))]
                    contribution, low, high = rng.choice(_CONTRIBUTIONS[pkind])
                    sp.append((rid, pid, contribution,
                               rng.randint(low // 100, high // 100) * 100 if high else None))
            self.synced("service_record", record_cols, rows)
            self.insert("service_participant", ("record_id", "client_id"), parts)
            self.insert("service_partner", ("record_id", "partner_id", "contribution",
                                            "value"), sp)
            hour_uids = uid4(len(vh))
            self.synced("volunteer_hour", hour_cols,
                        [(h[0], u, o, 1, s, 0, *h[1:]) for h, u in zip(vh, hour_uids,
                                                                      strict=True)])
            first_hour += len(vh)
            done += batch
            self.report(stage, done, n)
