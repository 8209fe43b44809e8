"""Core services: every action a user can take, callable without a window."""
