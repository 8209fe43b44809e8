"""Fonts, icons, translations and style shipped with swdesk (found via swdesk.resources)."""
