"""Integration events of the sessions service."""
