"""Integration events of the letters service."""
