"""How the world reaches the sessions service: its HTTP API (``entrypoints.http``)."""
