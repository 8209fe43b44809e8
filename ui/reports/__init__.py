"""The 报表 page and the print buttons of records, cases and volunteers."""
