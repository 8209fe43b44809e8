"""Errors the core raises on purpose. Anything else is a bug and gets logged."""

from __future__ import annotations


class SwdeskError(Exception):
    """An expected failure with a message fit to show a station worker."""


class ValidationError(SwdeskError):
    """Input that breaks a rule. ``errors`` maps field key -> message.

    The field key ``""`` holds messages about the whole record.
    """

    def __init__(self, errors: dict[str, str] | str, field: str = "") -> None:
        if isinstance(errors, str):
            errors = {field: errors}
        self.errors: dict[str, str] = dict(errors)
        super().__init__("；".join(self.errors.values()))


class NotFoundError(SwdeskError):
    """A record the user named does not exist (or was deleted)."""


class DatabaseError(SwdeskError):
    """The database cannot be opened or used (locked, damaged, too new …)."""


class NotLocalError(DatabaseError):
    """The data dir is on a network or removable drive: the live database may not be there."""


class AlreadyOpenError(DatabaseError):
    """Another swdesk process holds the data dir for writing."""


class AuthError(SwdeskError):
    """A sign-in or password check failed (wrong password, locked, disabled)."""


class PermissionDeniedError(SwdeskError):
    """The signed-in user's role does not allow this action or this data."""
