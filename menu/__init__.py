"""The custom menu: read from menu.json, checked against WeChat's limits and our router, pushed by `run.py menu`."""
