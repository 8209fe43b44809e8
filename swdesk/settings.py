"""Every setting the station keeps in its ``setting`` table, declared once and typed.

Code reads and writes a setting only through its accessor here (``ACKED_SEQ.get()``,
``UI_LANGUAGE.set("en")``), never by a key string: a misspelt setting is then an
unknown name to mypy, and a value of the wrong type a type error. A stored value that
does not parse or is out of range (a file changed outside swdesk, an older version's
value) reads as the default, with a line in the log.

``get``/``set``/``clear`` go through the open database's models (in the caller's
transaction); ``read``/``write`` take a plain ``sqlite3`` connection, for the places
that look at a database before, or instead of, opening it (start-up, restores).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from swdesk.i18n import LANGUAGES
from swdesk.model.system import Setting as SettingRow

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key in the table, its type (``parse``/``dump``), default, check."""

    key: str
    default: T
    parse: Callable[[str], T]  # stored text -> value; ValueError if it is not one
    dump: Callable[[T], str]
    valid: Callable[[T], bool] = lambda _value: True

    def decode(self, stored: str | None) -> T:
        """The value of stored text (None: not stored); the default if it is no good."""
        if stored is None:
            return self.default
        try:
            value = self.parse(stored)
        except (ValueError, TypeError):
            pass
        else:
            if self.valid(value):
                return value
        log.warning("setting %s: stored value %r is not valid; using the default %r",
                    self.key, stored[:80], self.default)
        return self.default

    def encode(self, value: T) -> str:
        if not self.valid(value):
            raise ValueError(f"setting {self.key}: {value!r} is not a valid value")
        return self.dump(value)

    # --- through the models (the open station database) ---

    def get(self) -> T:
        row = SettingRow.get_or_none(SettingRow.key == self.key)
        return self.decode(None if row is None else str(row.value))

    def set(self, value: T) -> None:
        SettingRow.replace(key=self.key, value=self.encode(value)).execute()

    def clear(self) -> None:
        """Back to the default (the row removed)."""
        SettingRow.delete().where(SettingRow.key == self.key).execute()

    # --- through a plain sqlite3 connection ---

    def read(self, con: sqlite3.Connection) -> T:
        """The value in ``con``'s database (the default where it has no setting table)."""
        try:
            row = con.execute("SELECT value FROM setting WHERE key = ?", (self.key,)).fetchone()
        except sqlite3.OperationalError:  # no setting table (yet)
            return self.default
        return self.decode(None if row is None else str(row[0]))

    def write(self, con: sqlite3.Connection, value: T) -> None:
        con.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                    (self.key, self.encode(value)))


# --- the kinds of value ---

def _text(key: str, default: str = "", valid: Callable[[str], bool] = lambda _v: True,
          ) -> Setting[str]:
    return Setting(key, default, str, str, valid)


def _count(key: str) -> Setting[int]:
    """A number that only counts up from 0 (package numbers, change numbers)."""
    return Setting(key, 0, int, str, lambda n: n >= 0)


def _flag(key: str, default: bool) -> Setting[bool]:
    """On or off, stored as 1 or 0."""
    def parse(text: str) -> bool:
        if text not in ("0", "1"):
            raise ValueError("not 0 or 1")
        return text == "1"

    return Setting(key, default, parse, lambda on: "1" if on else "0")


def _folder(key: str) -> Setting[Path | None]:
    """A folder the person chose; None (or an empty text) for none."""
    def parse(text: str) -> Path | None:
        return Path(text) if text else None

    return Setting(key, None, parse, lambda p: "" if p is None else str(p))


def _texts(text: str) -> tuple[str, ...]:
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(h, str) for h in value):
        raise ValueError("not a list of texts")
    return tuple(value)


# --- the station ---

STATION_CODE = _text("station_code")  # this station's code (swdesk init)
REFERENCE_HASH = _text("reference_hash")  # the built-in reference lists last installed
QUESTIONNAIRE_HASH = _text("questionnaire_hash")  # the built-in questionnaires last installed
# The version of services/coded_fields.bring_up_to_date last run (free text read into codes).
CODED_FIELDS = _text("coded_fields")
VISIT_RULES_HASH = _text("visit_rules_hash")  # the built-in visit rules last installed
# The day visit rules first came to this station (ISO date): a client never visited is
# due from then, not from a registration years before (swdesk.services.tasks).
VISIT_RULES_SINCE = _text("visit_rules_since")

# --- the window and accounts ---

UI_LANGUAGE = _text("ui_language", "zh", lambda lang: lang in LANGUAGES)
IDLE_LOCK_RANGE = (1, 240)
IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", 10, int, str,
                            lambda m: IDLE_LOCK_RANGE[0] <= m <= IDLE_LOCK_RANGE[1])
# The user name of the last sign-in on this station's computer, offered at the next one
# (never a password).
LAST_USER = _text("last_user", "", lambda name: len(name) <= 40)
# The before-upgrade backup whose "what changed" notice the user has seen.
UPGRADE_NOTICE_SEEN = _text("upgrade_notice_seen")


def _days_by_user(text: str) -> dict[str, str]:
    value = json.loads(text)
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("not user names and dates")
    return value


# The day each user was last reminded of overdue work at start (once a day, not at every
# sign-in): user name -> ISO date.
WORK_REMINDED: Setting[dict[str, str]] = Setting(
    "work_reminded", {}, _days_by_user, lambda v: json.dumps(v, sort_keys=True))

# --- the contract year ---

# Days a complaint has to be handled in: the 2021 plan asks for a complaint mechanism but
# sets no number of days, so each station sets its own (a new complaint's default deadline).
COMPLAINT_DAYS_RANGE = (1, 90)
COMPLAINT_DAYS = Setting("complaint_days", 15, int, str,
                         lambda n: COMPLAINT_DAYS_RANGE[0] <= n <= COMPLAINT_DAYS_RANGE[1])

# --- attachments (issue 24) ---

# The largest file a person may attach, in MB: a phone photo is 3-8 MB, a scanned
# multi-page PDF can be 20; anything bigger is most likely a video or a mistake.
ATTACHMENT_MAX_MB_RANGE = (1, 500)
ATTACHMENT_MAX_MB = Setting("attachment_max_mb", 30, int, str,
                            lambda n: ATTACHMENT_MAX_MB_RANGE[0] <= n
                            <= ATTACHMENT_MAX_MB_RANGE[1])
# Keep the cleaned full-size original beside the print-size copy (off: disk and sync
# budgets are small at a village room, and print size is what evaluations ask for).
KEEP_ORIGINALS = _flag("keep_originals", False)

# --- backups ---

BACKUP_DIR = _folder("backup_dir")  # where automatic backups go (None: backups/)

# --- sync (station side) ---

ACKED_SEQ = _count("acked_seq")  # the newest change number the city acknowledged
SYNC_SENT_SEQ = _count("sync_sent_seq")  # the newest change number sent in a package
SYNC_OUT_NO = _count("sync_out_no")  # the newest package number written
SYNC_IN_NO = _count("sync_in_no")  # the newest return package applied
SYNC_EPOCH = _text("sync_epoch")  # the numbering epoch ("" before the first restore)
SYNC_FOLDER = _folder("sync_folder")  # the shared folder of automatic sync
# A package's size budget: the rows always go, the attachments' files fill the rest and
# the others wait for the next package (a stick, a mail attachment, an upload limit).
SYNC_PACKAGE_MB_RANGE = (1, 1900)
SYNC_PACKAGE_MB = Setting("sync_package_mb", 200, int, str,
                          lambda n: SYNC_PACKAGE_MB_RANGE[0] <= n <= SYNC_PACKAGE_MB_RANGE[1])
# The SHA-256 of files in the sync folder this station refused, newest last.
SYNC_REFUSED: Setting[tuple[str, ...]] = Setting(
    "sync_refused", (), _texts, lambda hashes: json.dumps(list(hashes)))
