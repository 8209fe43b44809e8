"""The 同步 page: sync status, packages, conflicts."""
