"""Forms built from the core's entity descriptions."""
