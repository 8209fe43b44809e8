"""Demo people and organisations: agencies, workers (with their training), partners,
volunteers and clients."""

from __future__ import annotations

import datetime as dt

from swdesk.demo.base import GeneratorBase
from swdesk.demo.bulk import CHUNK, Row
from swdesk.demo.vocabulary import COMPOUND, FAMILY, GROUP_CUM, GROUPS, HEALTH, STATUS, STATUS_CUM
from swdesk.i18n import _
from swdesk.pinyin import full_pinyin, initials


class People(GeneratorBase):
    """Agencies, workers, partners, volunteers, clients."""

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
            picks = rng.choices(range(len(GROUPS)), cum_weights=GROUP_CUM, k=batch)
            statuses = rng.choices(STATUS, cum_weights=STATUS_CUM, k=batch)
            rows = []
            for head, g, status in zip(self.heads("client", batch), picks, statuses,
                                       strict=True):
                code, _w, ages, female, extra, pool = GROUPS[g]
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
                    surname = (name[:2] if name[:2] in COMPOUND else name[0]) if same else ""
                    guardian = self.name(rng.choice("MF"), rng.randint(1955, 1995), surname)
                    guardian_phone = self.mobile()
                phone = None if child or random_() < 0.12 else self.mobile()
                address, community = self.place()
                health = rng.choice(HEALTH[pool if pool != "poor" or "disabled" not in codes
                                            else "disabled"])
                family = rng.choice(FAMILY[code]) if code in FAMILY else None
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
