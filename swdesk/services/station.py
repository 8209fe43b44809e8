"""Setting up this station: the first thing ``swdesk init`` (or the first-run wizard) does."""

from __future__ import annotations

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Setting, Station, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.this_station import STATION_CODE_KEY, station_code


def current_station() -> Station | None:
    code = station_code()
    if not code:
        return None
    return Station.live().where(Station.code == code).first()


def init_station(code: str, name: str, level: str, district: str | None = None,
                 actor: Actor = SYSTEM) -> Station:
    """Record which station this database belongs to. Done once."""
    if station_code():
        raise ValidationError(_("本数据库已初始化为站点 {}", "This database already belongs to "
                                "station {}").format(station_code()))
    with database.atomic():
        values = {"code": code, "name": name, "level": level, "district": district}
        station = crud.clean(Station, values)
        Setting.replace(key=STATION_CODE_KEY, value=station["code"]).execute()
        return crud.create(Station, values, actor)
