"""The pages of the navigation rail: dashboard, lists, client, case, record, settings."""
