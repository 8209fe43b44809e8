"""``python -m swdesk``: the command line without the window."""

from swdesk.cli import main

raise SystemExit(main())
