"""Small reusable widgets: charts, pickers, banners."""
