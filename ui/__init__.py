"""The PySide6 desktop front end. It calls the core (``swdesk``) and holds no SQL or rules."""
