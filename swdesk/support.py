"""Who a station calls for help: the one place the city fills in before it builds the
installer (docs/install.md). The About box shows it; left empty, About says plainly that
it has not been filled in rather than show a made-up number."""

from __future__ import annotations

# The city's support contact as About should show it, e.g. a team's name, phone and hours.
SUPPORT_CONTACT = ""
