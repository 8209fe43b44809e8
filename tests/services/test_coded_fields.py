"""The coded fields of matching: the station's communities, skills read from free text."""

from __future__ import annotations

import pytest

from swdesk import demo, reference, settings
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.model import ChangeLog, Client, Need, Volunteer
from swdesk.services import coded_fields, crud, matching
from swdesk.services.actor import SYSTEM


def test_a_typed_community_joins_the_list_when_saved(sdb: StationDatabase) -> None:
    crud.create(Client, {"name": "甲", "community": "前埔社区"}, SYSTEM)
    assert [c.code for c in coded_fields.communities()] == ["前埔社区"]
    crud.create(Client, {"name": "乙", "community": " 前埔社区 "}, SYSTEM)
    vol = crud.create(Volunteer, {"name": "丙"}, SYSTEM)
    crud.update(Volunteer, vol.id, {"community": "莲花社区"}, SYSTEM)
    assert coded_fields.offer_typed_communities() == 0  # each came with its save
    names = [(c.code, c.name, c.source) for c in coded_fields.communities()]
    assert names == [("前埔社区", "前埔社区", "station"), ("莲花社区", "莲花社区", "station")]
    coded_fields.rename_community("莲花社区", "莲花街道莲花社区")
    coded_fields.hide_community("前埔社区")
    assert [(c.code, c.name) for c in coded_fields.communities()] == [
        ("莲花社区", "莲花街道莲花社区")]
    assert coded_fields.offer_typed_communities() == 0  # hidden stays hidden
    assert reference.resolve("community", "莲花街道莲花社区") == "莲花社区"
    with pytest.raises(ValidationError):
        coded_fields.add_community("  ")


def test_free_text_read_into_codes_exactly_and_once(sdb: StationDatabase) -> None:
    # rows stored before the codes existed: written as an older version left them
    vol = crud.create(Volunteer, {"name": "林志强"}, SYSTEM)
    Volunteer.update(skills="理发、唱歌, 法律咨询", availability="周末上午 晚上").where(
        Volunteer.id == vol.id).execute()
    changes = ChangeLog.select().count()
    done = coded_fields.bring_up_to_date(SYSTEM)
    assert done.rows == 1
    again = Volunteer.get_by_id(vol.id)
    assert (again.skill_codes, again.availability_codes) == (",haircut,legal,", ",weekend_am,")
    assert again.skills == "理发、唱歌, 法律咨询"  # the text stays
    assert ChangeLog.select().count() == changes + 1  # through crud: sent to the city
    assert settings.CODED_FIELDS.get() == coded_fields.VERSION
    assert coded_fields.bring_up_to_date(SYSTEM).rows == 0
    # a volunteer saved now: codes read from the text typed, unless codes are chosen
    typed = crud.create(Volunteer, {"name": "黄美玲", "skills": "心理疏导"}, SYSTEM)
    assert typed.skill_codes == ",psych,"
    chosen = crud.create(Volunteer, {"name": "吴丽", "skills": "心理疏导",
                                     "skill_codes": "理发"}, SYSTEM)
    assert chosen.skill_codes == ",haircut,"


def test_the_demo_gives_needs_suggestions(sdb: StationDatabase) -> None:
    demo.generate(300, 600, seed=3)
    assert coded_fields.communities()  # the communities typed, offered
    assert Volunteer.select().where(Volunteer.languages.contains(",minnan,")).exists()
    need = Need.live().where(Need.status == "open").first()
    found = matching.suggestions(need.id)
    assert found and all(s.reasons for s in found)


def test_the_typed_communities_are_offered_once(sdb: StationDatabase) -> None:
    # rows written without a save of their own (an older version, a package)
    for name, typed in (("甲", "前埔社区"), ("乙", " 前埔社区 "), ("丙", "后埔社区")):
        client = crud.create(Client, {"name": name}, SYSTEM)
        Client.update(community=typed).where(Client.id == client.id).execute()
    assert coded_fields.offer_typed_communities() == 2
    assert coded_fields.offer_typed_communities() == 0
    # found together: in pinyin order, hou before qian
    assert [c.code for c in coded_fields.communities()] == ["后埔社区", "前埔社区"]


def test_the_start_path_leaves_the_communities_to_the_background(sdb: StationDatabase) -> None:
    client = crud.create(Client, {"name": "甲"}, SYSTEM)
    Client.update(community="前埔社区").where(Client.id == client.id).execute()
    assert coded_fields.bring_up_to_date(SYSTEM, offer=False).communities == 0
    assert [c.code for c in coded_fields.communities()] == []  # not scanned on the way in
    assert coded_fields.offer_typed_communities() == 1  # (what the window runs after)
