"""Attachments in the window: the strip of thumbnails a page shows, the viewer, the
dialog that picks one day's photos from a camera card (issue 24)."""
