"""The window's frame: first run, sign-in, main window pieces, the page registry."""
