"""swdesk core: the station's data, rules and services. Never imports Qt."""

from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    """The installed package's version, read when first asked for: importlib.metadata
    costs every window start about 30 ms, and only the About box and packages need it."""
    # (imported here for that reason)
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("swdesk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":  # ``from swdesk import __version__`` still works
        return version()
    raise AttributeError(f"module 'swdesk' has no attribute {name!r}")
