"""Decoding a package's JSON Lines files, a chunk of lines at a time.

Lines come from a file an attacker may have made: a line that is no JSON, or that nests
deeper than MAX_DEPTH, refuses the package (``LineRefused``) before anything is
applied. Fast where the lines are as swdesk writes them (one orjson call a chunk),
exactly as ``json.loads`` reads them otherwise.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate
from typing import Any, BinaryIO

import orjson

from swdesk.i18n import _
from swdesk.sync.refusal import PackageRefused

MAX_DEPTH = 8  # nesting of one JSON value: rows need 3, the manifest 2
# What decoding a line can raise (not JSON, not UTF-8, too deep for the parser, a
# number of 5,000 digits): each is a line that is no JSON, never a crash.
_NOT_JSON = (ValueError, RuntimeError, OverflowError, MemoryError, TypeError, KeyError,
             IndexError)


class LineRefused(PackageRefused):
    """A line of a package's file that is no JSON or nests too deep: the package is
    refused."""


def line_chunks(stream: BinaryIO, size: int, most: int) -> Iterator[list[bytes]]:
    """The lines of ``stream``, each with its line break, ``size`` at a time, or fewer
    where they reach ``most`` bytes (the line that reaches it ends the chunk).

    Read a few thousand lines at a time by ``readlines`` (in C): a loop over the lines in
    Python was a large part of the hub's own time in an ingest."""
    pending: list[bytes] = []
    held = lines = read = 0  # bytes in pending; lines and bytes read so far
    at_end = False
    while True:
        while not at_end and len(pending) < size and held < most:
            per_line = read // lines if lines else 256
            got = stream.readlines(max(1, min((size - len(pending)) * per_line, most - held)))
            got_bytes = sum(map(len, got))
            pending += got
            held, lines, read = held + got_bytes, lines + len(got), read + got_bytes
            at_end = not got
        if not pending:
            return
        ends = list(accumulate(map(len, pending[:size])))
        cut = min(len(ends), bisect_left(ends, most) + 1)
        chunk = pending[:cut]
        del pending[:cut]
        held -= ends[cut - 1]
        yield chunk


def decode_lines(raws: list[bytes], name: str = "", first: int = 1) -> list[Any]:
    """The JSON values of ``raws``, lines of the file ``name`` from line number ``first``
    on (blank lines hold none); LineRefused names the first line that is no JSON or
    is nested deeper than MAX_DEPTH."""
    joined = b"".join(raws)
    deep = _too_deep(raws, joined)
    if deep is not None:
        raise LineRefused(_("包内文件 {} 第 {} 行不是有效的 JSON，或嵌套超过 {} 层",
                            "Line {1} of {0} in the package is not valid JSON or is "
                            "nested more than {2} levels deep").format(
            name, first + deep, MAX_DEPTH))
    # orjson (several times faster) gives what json.loads gives, except that it reads an
    # integer beyond 64 bits (19 digits or more) as a float, and refuses what only json
    # reads (NaN, lone surrogates): such chunks go line by line.
    if _LONG_NUMBER not in joined.translate(_DIGITS):
        try:
            return list(map(orjson.loads, raws))
        except orjson.JSONDecodeError:
            pass  # a blank line, or one that only json reads (or nobody)
    out = []
    for number, raw in enumerate(raws, first):
        if raw.strip():
            try:
                out.append(_loads(raw))
            except _NOT_JSON:  # not JSON, not UTF-8, a number of 5,000 digits …
                raise LineRefused(_("包内文件 {} 第 {} 行不是有效的 JSON",
                                    "Line {1} of {0} in the package is not valid "
                                    "JSON").format(name, number)) from None
    return out


_DIGITS = bytes(ord("0") if chr(b).isdigit() and b < 128 else ord(" ") for b in range(256))
_LONG_NUMBER = b"0" * 19
# Nesting, measured before parsing: the brackets outside strings, taken away pair by
# innermost pair. A line with few opening brackets at all is shallow enough unread.
_OPENINGS = bytes(b for b in range(256) if b not in b"[{\n")  # (bytes to delete)
_NOT_OPENINGS = bytes(b for b in range(256) if b not in b"[{")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STRING = re.compile(rb'"(?:[^"\\\n]|\\.)*"')
_PAIR = re.compile(rb"[\[{][\]}]")
_MANY_OPENINGS = re.compile(rb"[\[{]{%d}" % (MAX_DEPTH + 1))


def _too_deep(raws: list[bytes], joined: bytes) -> int | None:
    """The index of the first of ``raws`` (``joined``: them, joined) nested deeper than
    MAX_DEPTH, if any (or whose brackets do not pair up: no valid JSON either)."""
    # (two C-level passes over the chunk: the opening brackets of each line, then a line
    # with more than MAX_DEPTH of them)
    if not _MANY_OPENINGS.search(joined.translate(None, _OPENINGS)):
        return None
    for index, raw in enumerate(raws):
        if len(raw.translate(None, _NOT_OPENINGS)) > MAX_DEPTH and not nesting_fits(raw):
            return index
    return None


def nesting_fits(data: bytes) -> bool:
    """Whether the JSON text ``data`` nests MAX_DEPTH levels at most (False also where
    its brackets do not pair up)."""
    shape = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    for _level in range(MAX_DEPTH):
        if not shape:
            return True
        shape = _PAIR.sub(b"", shape)
    return not shape


def _loads(raw: bytes) -> Any:
    """One line as json.loads reads it, with orjson where that gives the same."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)
    # orjson reads an integer beyond 64 bits as a float: let json read any line with a
    # float (package rows hold none; money travels as text).
    return json.loads(raw) if _has_float(value) else value


def _has_float(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        values: Any = value.values()
    elif kind is list:
        values = value
    else:
        return kind is float
    kinds = set(map(type, values))  # one C-level pass over this level
    if float in kinds:
        return True
    if dict not in kinds and list not in kinds:
        return False
    for v in values:
        kind = type(v)
        if (kind is dict or kind is list) and v and _has_float(v):
            return True
    return False
