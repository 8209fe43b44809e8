"""Setting up this station: the first thing ``swdesk init`` (or the first-run wizard) does."""

from __future__ import annotations

from swdesk import settings
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Station, User, Worker, database
from swdesk.services import accounts, crud
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.this_station import station_code


def init_station(code: str, name: str, level: str, district: str | None = None,
                 actor: Actor = SYSTEM) -> Station:
    """Record which station this database belongs to. Done once."""
    if station_code():
        raise ValidationError(_("本数据库已初始化为站点 {}", "This database already belongs to "
                                "station {}").format(station_code()))
    with database.atomic():
        values = {"code": code, "name": name, "level": level, "district": district}
        station = crud.clean(Station, values)
        settings.STATION_CODE.set(str(station["code"]))
        return crud.create(Station, values, actor)


def workers_by_name() -> list[tuple[int, str]]:
    """(id, name) of the station's social workers, for an account to say which one it is."""
    return [(int(w.id), str(w.name)) for w in Worker.live().order_by(Worker.name, Worker.id)]


def worker_named(name: str) -> int | None:
    """The one social worker of exactly this name (an account being opened for them), or
    None when there is none or more than one."""
    found = list(Worker.live().where(Worker.name == name.strip()).limit(2))
    return int(found[0].id) if len(found) == 1 else None


def create_first_admin(username: str, display_name: str, password: str, *,
                       worker_id: int | None = None, new_worker: bool = False,
                       actor: Actor = SYSTEM) -> User:
    """The station's first administrator, linked to their social-worker record: a new one
    (``new_worker``), an existing one (``worker_id``), or none (no casework)."""
    return accounts.create_user(username, display_name, password, "admin", actor, worker_id,
                                new_worker=new_worker)
