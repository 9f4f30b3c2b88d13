"""Staff template notices: build them from the shared queries, log each event once, send through WeChat."""
