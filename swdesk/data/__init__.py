"""Data files shipped with the core (reference lists)."""
