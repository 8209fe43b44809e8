"""The error for a command line that cannot be right: shown as one line, exit code 2."""

from __future__ import annotations

from swdesk.errors import SwdeskError


class UsageError(SwdeskError):
    """Options missing, unknown or wrong together (``init`` with neither station nor file)."""
