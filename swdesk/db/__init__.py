"""The station database: opening, schema versions, backups and checks."""

from swdesk.db.connection import StationDatabase, open_station

__all__ = ["StationDatabase", "open_station"]
