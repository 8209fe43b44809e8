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
# The exit code of a command whose reader went away (``swdesk … | head -1``): what a
# shell reports for a tool ended by SIGPIPE (128 + 13).
PIPE_CLOSED = 141


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


def output_closed() -> int:
    """The reader of our output is gone: stop quietly, as standard tools do.

    What is still buffered goes nowhere (otherwise Python reports the broken pipe again
    when it flushes stdout at exit). Returns the exit code for it.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        sys.stdout = _safe(None)  # (no file descriptor: a stream to nowhere)
    finally:
        os.close(devnull)
    return PIPE_CLOSED
