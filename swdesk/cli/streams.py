"""Console streams that never fail the command over a character or a missing console.

A redirected or piped console on Chinese Windows encodes cp936 (GBK), which has
no 䶮, 𠮷 or U+FFFD: a strict stream would raise after the command's change was
already committed. The windowed exe has no console at all (``sys.stdout`` and
``sys.stderr`` are None).
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import TextIO

_WHOLE_UNICODE = {"utf-8", "utf-16", "utf-32", "utf-8-sig"}


def make_safe() -> None:
    """Give the process output streams that replace what their encoding cannot hold."""
    sys.stdout = _safe(sys.stdout)
    sys.stderr = _safe(sys.stderr)


def _safe(stream: TextIO | None) -> TextIO:
    if stream is None:  # no console: what would be printed goes nowhere, not to an error
        return open(os.devnull, "w", encoding="utf-8")
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    if name in _WHOLE_UNICODE or not isinstance(stream, io.TextIOWrapper):
        return stream
    stream.reconfigure(errors="replace")
    return stream
