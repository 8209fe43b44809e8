"""What every part of a demo run shares: the station, today, the lookups built so far,
and the makings of one person (name, resident ID, phone, address) or credit code."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Callable
from itertools import accumulate

from swdesk.demo.bulk import BulkWriter, Row
from swdesk.demo.vocabulary import (
    CN_NUM,
    DISTRICTS,
    GIVEN,
    MOBILE_PREFIXES,
    SURNAME_CUM,
    SURNAME_LIST,
)
from swdesk.model import ENTITIES
from swdesk.model.base import now
from swdesk.pinyin import sort_key
from swdesk.validation import resident_id_check_digit, uscc_check_char

Progress = Callable[[str, int, int], None]


# Tables whose rows carry a pinyin sort key of their name (swdesk.model.described.name_sort).
NAME_SORTED = tuple(t for t, m in ENTITIES.items() if "name_sort" in m._meta.fields)


class GeneratorBase(BulkWriter):
    """One run's state: the random source, the station, lookups later tables refer to."""

    def __init__(self, rng: random.Random, today: dt.date, progress: Progress | None,
                 station: Row) -> None:
        super().__init__(rng, station[1], str(now()))
        self.today = today
        self.today_ord = today.toordinal()
        self.progress = progress
        self.station_id: int = station[0]
        district = station[3] if station[3] in DISTRICTS else "siming"
        self.district = district
        self.district_zh, self.region, streets = DISTRICTS[district]
        # The station's own street (named in its name) houses most of its clients.
        title = (station[2] or "").replace(self.district_zh, "")
        own = [s for s in streets if s in title] or [
            s for s in streets if (stem := s.removesuffix("街道").removesuffix("镇")) in title
            and len(stem) >= 2]  # "嘉莲社工站" names its street without 街道
        self.home_street = own[0] if own else next(iter(streets))
        self.streets = streets
        self.street_list = list(streets)
        # Regions of resident IDs: mostly the station's district, the rest of Xiamen too.
        self.regions = [d[1] for d in DISTRICTS.values()]
        self.region_cum = list(accumulate(50 if r == self.region else 10 for r in self.regions))
        self.used_ids: set[str] = set()
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
        self.registered_on: dict[int, int] = {}  # client id -> client_reg, when needed
        self.pools: dict[str, list[int]] = {}
        self.projects: list[tuple[int, int, int]] = []  # (id, start ordinal, end ordinal)
        # (id, start, end, first purchase, years) of each project, for its results.
        self.project_spans: list[tuple[int, dt.date, dt.date, bool, int]] = []
        self.season_of: dict[str, str] = {}  # ISO day -> the seasonal templates held on it

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def name_sort_keys(self) -> None:
        """The pinyin sort key of every row written here, which rules.apply keeps on a
        normal write (the rows here go in raw)."""
        cache: dict[str, str] = {}
        for table in NAME_SORTED:
            rows = self.cur.execute(
                f'SELECT id, name FROM "{table}" WHERE name_sort = \'\'').fetchall()
            keys = []
            for row_id, name in rows:
                key = cache.get(name)
                if key is None:
                    key = cache[name] = sort_key(name or "")
                keys.append((key, row_id))
            self.cur.executemany(f'UPDATE "{table}" SET name_sort = ? WHERE id = ?', keys)

    def last_number(self, table: str, column: str, middle: str) -> int:
        """The highest sequence number already given in ``table`` under
        ``<station>-<middle>`` (a second run goes on from it)."""
        prefix = f"{self.origin}-{middle}"
        # As numbers: a 1000th sorts before the 999th as text.
        (last,) = self.cur.execute(
            f'SELECT max(CAST(substr("{column}", ?) AS INTEGER)) FROM "{table}" '
            f'WHERE substr("{column}", 1, ?) = ?',
            (len(prefix) + 1, len(prefix), prefix)).fetchone()
        return int(last or 0)

    def date_of(self, ordinal: int) -> dt.date:
        return dt.date.fromordinal(ordinal)

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

    # --- one person ---------------------------------------------------------------------

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
            surname = SURNAME_LIST[bisect(SURNAME_CUM, random_() * SURNAME_CUM[-1])]
        era = 0 if birth_year < 1970 else 1 if birth_year < 1995 else 2
        pool = GIVEN[sex, era]
        n = len(pool)
        if random_() < (0.3 if era == 0 else 0.15):
            return surname + pool[int(random_() * n)]
        return surname + pool[int(random_() * n)] + pool[int(random_() * n)]

    def mobile(self) -> str:
        random_ = self.rng.random
        prefix = MOBILE_PREFIXES[int(random_() * len(MOBILE_PREFIXES))]
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
        address = (f"{self.district_zh}{street}{community}{stem}{CN_NUM[int(random_() * 8)]}里"
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
