"""Integration events of the oversight service."""
