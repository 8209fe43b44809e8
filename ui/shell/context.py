"""What every page needs to know: who is signed in, where the data lives, how to navigate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.handle import StationHandle
from swdesk.services.actor import Actor


@dataclass
class AppContext:
    actor: Actor
    data_dir: Path
    display_name: str = ""
    # Set by the main window: open a row of an entity on its page ("client", 12).
    open_row: Callable[[str, int], None] = field(default=lambda entity, row_id: None)
    # Set by the main window: something was saved, refresh the status bar.
    data_changed: Callable[[], None] = field(default=lambda: None)
    # Set by the main window: show a rail page by its key ("worker", "settings" …).
    go: Callable[[str], object] = field(default=lambda key: None)
    # Set by the main window: the language changed, rebuild the pages.
    language_changed: Callable[[str], None] = field(default=lambda lang: None)
    # The station with this actor, for export, printing and backups (made at start;
    # the main window makes it from its open station if the caller did not).
    station: StationHandle | None = None

    def handle(self) -> StationHandle:
        if self.station is None:
            raise RuntimeError("no station handle: the main window makes one at start")
        return self.station
