"""The city hub: ingests station packages into a city database, writes return packages,
finds people registered at several stations, and reports city-wide."""
