"""Screens that guard access: the idle lock (sign-in itself is ui/shell/sign_in.py)."""
