"""A station's own communities travel as codes the hub takes without a list of them."""

from __future__ import annotations

from swdesk.city import models as m
from swdesk.city.ingest import ingest
from swdesk.model import Volunteer
from swdesk.services import coded_fields, crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import export
from tests.stations import here


def test_a_volunteers_communities_are_applied_at_the_hub(hub, station_factory,
                                                         tmp_path) -> None:
    s = station_factory(clients=1)
    with s.active():
        lianhua = coded_fields.add_community("莲花社区")
        made = crud.create(Volunteer, {"name": "黄志明", "service_areas": [lianhua.code],
                                       "languages": ["minnan"]}, SYSTEM)
        pkg = export.export_package(here(), tmp_path / "out")
    result = ingest(hub, pkg.path)
    assert result.status == "applied" and set(result.counts) == {"applied"}
    (areas, languages) = hub.db.execute_sql(
        f'SELECT service_areas, languages FROM "{m.table("volunteer")}" WHERE uid = '
        + hub.db.param, (made.uid,)).fetchone()
    assert (areas, languages) == (",莲花社区,", ",minnan,")
