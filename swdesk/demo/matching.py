"""Demo 精准对接: volunteers' and partners' skills, languages, communities and times as
codes, the languages elderly clients speak, and the station's community list, so that a
trainer's open need has suggestions with their reasons.

Drawn from a stream of its own (seeded from the run's state, which it leaves as it was),
so that everything else a seed makes stays the same.
"""

from __future__ import annotations

import random

from swdesk.demo.base import GeneratorBase
from swdesk.services import coded_fields
from swdesk.services.text_codes import community_name

# The demo's skill words (people.py) as codes of volunteer_skill.
SKILL_OF = {"心理咨询": "psych", "理发": "haircut", "家电维修": "repair", "医疗护理": "health",
            "法律咨询": "legal", "文艺表演": "culture", "课业辅导": "tutoring",
            "手语": "sign_language", "驾驶": "driving", "烹饪": "cooking", "电脑操作": "digital",
            "康复按摩": "health"}
TIMES_OF = {"周末": ("weekend_am", "weekend_pm"), "工作日晚上": ("weekday_eve",),
            "工作日白天": ("weekday_am", "weekday_pm"), "节假日": ("weekend_am", "weekend_pm"),
            "随时": ("weekday_am", "weekday_pm", "weekday_eve", "weekend_am", "weekend_pm")}
MINNAN_VOLUNTEERS, MINNAN_ELDERLY = 0.6, 0.7
SKILLS = ("visiting", "escort", "housework", "repair", "health", "cooking")


def _codes(codes: list[str] | tuple[str, ...]) -> str | None:
    unique = list(dict.fromkeys(codes))
    return "," + ",".join(unique) + "," if unique else None


class Matching(GeneratorBase):
    def coded_fields_(self) -> None:
        """Codes on this run's volunteers, partners and elderly clients; the communities
        typed offered as the station's list."""
        pick = random.Random(repr(self.rng.getstate()[1][:8]))  # (leaves self.rng as it was)
        communities = [community_name(c) for (c,) in self.cur.execute(
            "SELECT DISTINCT community FROM client WHERE community IS NOT NULL")]
        volunteers = []
        for vid, skills, times, community in self.cur.execute(
                "SELECT id, skills, availability, community FROM volunteer WHERE id >= ?",
                (min(self.volunteer_ids, default=0),)).fetchall():
            own = community_name(community)
            areas = [own] if own else []
            if communities and pick.random() < 0.5:
                areas.append(pick.choice(communities))
            langs = ["putonghua"] + (["minnan"] if pick.random() < MINNAN_VOLUNTEERS else [])
            volunteers.append((
                _codes([SKILL_OF[w] for w in (skills or "").split("、") if w in SKILL_OF]
                       + ([pick.choice(SKILLS)] if pick.random() < 0.5 else [])),
                _codes(langs), _codes(areas), _codes(list(TIMES_OF.get(times or "", ()))),
                vid))
        self.cur.executemany(
            "UPDATE volunteer SET skill_codes = ?, languages = ?, service_areas = ?, "
            "availability_codes = ? WHERE id = ?", volunteers)
        partners = [(_codes(pick.sample(SKILLS, pick.randint(1, 2))),
                     _codes(pick.sample(communities, min(len(communities), 2))),
                     pid) for pid, _kind in self.partners]
        self.cur.executemany(
            "UPDATE partner SET skill_codes = ?, service_areas = ? WHERE id = ?", partners)
        elderly = [("," + ("putonghua,minnan," if pick.random() < MINNAN_ELDERLY
                           else "putonghua,"), cid)
                   for cid, group in zip(self.client_ids, self.client_group, strict=True)
                   if group.startswith("elderly")]
        self.cur.executemany("UPDATE client SET languages = ? WHERE id = ?", elderly)
        coded_fields.offer_typed_communities()
