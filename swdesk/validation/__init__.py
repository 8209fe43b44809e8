"""Validate and normalise what a station worker types into a form or a spreadsheet.

Every public function either returns a clean value or raises ``ValidationError`` with
a message fit to show the worker, in the current language. They never raise anything
else, whatever they are given: spreadsheet imports pass along whatever openpyxl read
from a cell, so None, numbers, dates and odd Unicode all end up here.
"""

from swdesk.validation.codes import check_station_code
from swdesk.validation.ids import (
    ResidentId,
    check_uscc,
    parse_resident_id,
    resident_id_check_digit,
    uscc_check_char,
)
from swdesk.validation.phones import normalize_landline, normalize_mobile, normalize_phone
from swdesk.validation.text import clean_text, text_problem
from swdesk.validation.values import (
    latest_not_future,
    not_before,
    not_in_future,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_hours,
    parse_int,
    require_text,
)

__all__ = [
    "ResidentId",
    "check_station_code",
    "check_uscc",
    "clean_text",
    "latest_not_future",
    "normalize_landline",
    "normalize_mobile",
    "normalize_phone",
    "not_before",
    "not_in_future",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_hours",
    "parse_int",
    "parse_resident_id",
    "require_text",
    "resident_id_check_digit",
    "text_problem",
    "uscc_check_char",
]
