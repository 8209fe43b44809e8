"""Station side of the sync with the city by file packages (docs/package-format.md).

``export`` writes a package, ``apply`` imports the city's return package,
``state`` answers what is synced, ``folder`` moves packages through a
configured sync folder; ``format``, ``crypto``, ``codec`` and ``merge`` are
shared with the city hub (``swdesk.city``).
"""
