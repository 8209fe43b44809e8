"""Word lists and weighted tables the demo generator draws from.

Surnames and given-name characters, Xiamen's districts, streets and communities,
mobile prefixes, the target groups clients belong to (with their ages and notes),
and the service-record templates with partners' contributions.
"""

from __future__ import annotations

from itertools import accumulate

# --- names --------------------------------------------------------------------------------

# Surnames with rough weights for Xiamen (陈林半天下); a few compound ones and a few
# whose surname reading differs from the everyday one (曾 单 仇 区 覃) on purpose.
SURNAMES: tuple[tuple[str, float], ...] = (
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
SURNAME_LIST = tuple(s for s, _w in SURNAMES)
SURNAME_CUM = tuple(accumulate(w for _s, w in SURNAMES))
COMPOUND = frozenset(s for s in SURNAME_LIST if len(s) == 2)

# Given-name characters by sex and birth era: names follow fashions.
GIVEN: dict[tuple[str, int], str] = {
    ("M", 0): "国建明华文志德金水福荣成清长平生龙海泉振忠义勇庆山添兴发祥春昌宗",
    ("M", 1): "伟强磊军杰涛斌辉鹏峰俊鑫凯亮超波宇刚坤晖明东健松林炜彬",
    ("M", 2): "子梓浩宇轩睿博泽铭然一晨杰航辰锦逸宸诚嘉俊奕皓煜哲",
    ("F", 0): "秀英桂兰玉珍淑凤美月花珠金素琴霞梅春娥莲菊银碧香",
    ("F", 1): "丽芳娟敏静燕玲红霞婷雪慧琳艳晶莉颖丹萍洁琼虹",
    ("F", 2): "欣怡涵萱诗雨梓佳可馨语彤若悦一思琪妍芯沐瑶安",
}

# --- places -------------------------------------------------------------------------------

# district code -> (name, resident-ID region code, {street or town: communities}).
DISTRICTS: dict[str, tuple[str, str, dict[str, tuple[str, ...]]]] = {
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
CN_NUM = "一二三四五六七八"

# 13x-19x mobile prefixes actually issued (the second digit 3-9 is what validation checks).
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
    "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191",
    "193", "195", "198", "199",
)

# --- clients ------------------------------------------------------------------------------

# Primary target group: weight, age range (None: elderly, drawn skewed young-old),
# chance of being female, the groups a client may hold besides it, and the client
# pool the service records draw from.
GROUPS: tuple[tuple[str, float, tuple[int, int] | None, float, tuple[str, ...], str], ...] = (
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
GROUP_CUM = tuple(accumulate(g[1] for g in GROUPS))
STATUS = ("active", "paused", "ended", "moved", "deceased")
STATUS_CUM = tuple(accumulate((86, 4, 6, 2, 2)))

HEALTH: dict[str, tuple[str | None, ...]] = {
    "elderly": ("高血压", "糖尿病", "高血压、糖尿病", "行动不便，需助行器", "轻度认知障碍",
                "身体状况良好", "冠心病，长期服药", "听力下降", None),
    "disabled": ("肢体残疾二级", "视力残疾一级", "听力残疾三级", "智力残疾二级",
                 "精神残疾二级", "肢体残疾四级"),
    "children": ("身体健康", None, None, "哮喘", "轻度营养不良"),
    "poor": ("慢性病，需长期服药", "身体状况一般", None, "腰椎间盘突出"),
    "all": (None, None, "身体状况良好", "高血压"),
}
FAMILY: dict[str, tuple[str | None, ...]] = {
    "elderly_alone": ("独居，子女在外地工作", "丧偶独居，无子女", "独居，女儿每周探望一次"),
    "elderly_empty_nest": ("与老伴同住，子女在外地", "老两口同住，儿子定居国外"),
    "child_left_behind": ("父母在外务工，与祖父母同住", "母亲外出务工，由外婆照顾"),
    "child_difficult": ("父亲服刑，母亲离家，由祖母抚养", "父母重病，家庭经济困难",
                        "单亲家庭，母亲无固定收入"),
    "dibao": ("家庭人均收入低于低保标准", "夫妻均无稳定工作"),
    "women_difficult": ("单亲母亲，独自抚养两个孩子", "丈夫重病，家庭负担重"),
}

# --- casework -----------------------------------------------------------------------------

# A case log's way of contact (reference list ``contact_way``) -> (weight, minutes it takes,
# what was done, what comes next): each text fits its way (a phone call is no home visit).
CASE_CONTACTS: dict[str, tuple[float, tuple[int, ...], tuple[str, ...], tuple[str, ...]]] = {
    "home_visit": (40, (45, 60, 60, 90, 120), (
        "入户探访，了解服务对象近况及家庭支持情况",
        "上门探访，查看居家安全情况，与家属沟通照料安排",
        "与社区网格员一同入户走访，链接志愿者定期探访",
        "入户探访，协助服务对象整理申请材料",
    ), ("下周再次入户跟进", "电话确认材料准备情况", "召开家庭会议", "评估服务成效")),
    "office": (25, (30, 45, 60, 90), (
        "服务对象来站面谈，共同回顾服务目标的进展",
        "在社工站面谈，协助服务对象梳理问题、制定下一步计划",
        "约服务对象及家属来站面谈，评估情绪状况与支持需求",
    ), ("两周后再次面谈", "链接心理咨询资源", "协助准备申请材料", "评估服务成效")),
    "phone": (25, (10, 15, 20, 30), (
        "电话跟进，确认救助申请办理进度",
        "电话回访，了解服务对象近期情绪和生活情况",
        "电话联系家属，沟通复诊与陪护安排",
    ), ("下周入户跟进", "约服务对象来站面谈", "继续电话跟进", "协助准备申请材料")),
    "online": (10, (15, 20, 30, 45), (
        "通过微信视频沟通，提供情绪支持",
        "微信跟进，提醒复诊时间并解答服务对象的疑问",
    ), ("下周入户跟进", "继续线上跟进", "链接心理咨询资源")),
}

# An evaluation's findings for each grade (after the indicators behind schedule).
FINDINGS = {
    "excellent": "各项服务指标按进度完成，服务档案规范完整，服务对象满意度高。",
    "good": "服务指标总体按进度推进，档案较规范，建议加强服务成效的总结提炼。",
    "pass": "部分服务指标进度滞后，需在下一阶段加快推进并完善过程记录。",
    "fail": "服务指标完成率明显偏低，须限期整改并提交整改报告。",
}

# --- service records ----------------------------------------------------------------------

# (category, kind, weight within its kind, title, fields, client pool, place, content) of
# individual and community work (a group's sessions come from its plan: ``file_texts``). The
# seasonal ones (Spring Festival, Mid-Autumn, summer …) are held on the days ``seasons``
# gives them; the weight is their share over a year.
TEMPLATES: tuple[tuple[str, str, float, str, tuple[str, ...], str, str, str], ...] = (
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
    ("jikun", "individual", 3, "春节困难家庭走访慰问", ("assistance", "charity"), "poor",
     "服务对象家中", "春节前走访困难家庭，送上慰问金和年货，了解节日期间的生活安排。"),
    ("yude", "individual", 2, "青少年行为辅导", ("crime_prevention", "education"), "children",
     "社工站", "就近期行为问题进行面谈，制定改变目标。"),
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
     "社区广场", "防火、交通安全知识互动宣传。"),
    ("fuyou", "community", 3, "暑期儿童夏令营", ("education", "community"), "children",
     "社区党群服务中心", "开展自然探索、科普实验和团队游戏。"),
    ("fuyou", "community", 2, "暑期防溺水安全教育", ("education", "emergency"), "children",
     "社区广场", "讲解防溺水知识，发放安全提示卡。"),
    ("jikun", "community", 3, "爱心物资发放", ("assistance", "charity"), "poor",
     "社区党群服务中心", "向困难家庭发放米面油等爱心物资。"),
    ("jikun", "community", 1, "慈善义卖活动", ("charity",), "all",
     "社区广场", "义卖手工作品，所得用于困难家庭帮扶。"),
    ("zhucan", "community", 2, "全国助残日活动", ("rehab", "welfare"), "disabled",
     "社区广场", "政策宣传、辅具展示与助残志愿服务。"),
    ("wenhua", "community", 3, "中秋博饼活动", ("community",), "all",
     "社区广场", "邻里共同博饼，增进邻里交流。"),
    ("wenhua", "community", 3, "端午节包粽子活动", ("community", "welfare"), "all",
     "社区党群服务中心", "邻里一起包粽子、做香囊，将粽子送给独居老人。"),
    ("wenhua", "community", 2, "邻里文化节", ("community",), "all",
     "社区广场", "居民才艺展示与邻里美食分享。"),
    ("wenhua", "community", 3, "迎新春写春联送福活动", ("community",), "all",
     "社区党群服务中心", "邀请书法志愿者现场书写春联、福字，赠送居民。"),
    ("wenhua", "community", 2, "元宵节猜灯谜活动", ("community",), "all",
     "社区广场", "居民猜灯谜、做花灯，共度元宵佳节。"),
    ("yude", "community", 2, "禁毒宣传进社区", ("drug",), "all",
     "社区广场", "展板宣传与有奖问答，普及禁毒知识。"),
    ("yude", "community", 2, "法治宣传讲座", ("crime_prevention", "mediation"), "all",
     "社区党群服务中心", "讲解与居民生活相关的法律知识。"),
    ("guanai", "community", 2, "防汛防台应急演练", ("emergency",), "all",
     "社区广场", "演练转移安置流程，普及应急避险知识。"),
    ("guanai", "community", 1, "矛盾纠纷排查走访", ("mediation", "petition"), "all",
     "社区", "走访楼栋，排查邻里矛盾隐患。"),
)
CARE_VISITS: tuple[tuple[str, str, str], ...] = (
    ("jinglao", "邻里守望探访", "楼栋长与社工一同敲门探访，确认老人平安。"),
    ("guanai", "邻里守望关爱探访", "探访独居困难群众，了解近况并登记需求。"),
)
# A street station's year: mostly individual work; a worker leads a few groups a year
# (their weekly sessions are the group share) and holds a community activity or two a week.
KIND_SHARE = {"individual": 0.80, "group": 0.07, "community": 0.13}
CARE_SHARE = 0.05  # of all records; part of the individual share

CONTRIBUTIONS: dict[str, tuple[tuple[str, int, int], ...]] = {
    # partner kind -> (contribution, minimum value, maximum value; 0 = no money value)
    "community": (("提供活动场地", 0, 0), ("协助发动居民参与", 0, 0)),
    "social_org": (("派出专业人员协助", 500, 3000), ("提供活动策划支持", 300, 2000)),
    "charity_donor": (("捐赠慰问品", 300, 5000), ("捐赠活动奖品", 200, 2000)),
    "charity_fund": (("资助活动经费", 1000, 20000),),
    "charity_goods": (("提供米面油等物资", 200, 3000), ("提供生活用品", 200, 2000)),
}
