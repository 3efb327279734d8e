"""The letters service's HTTP API."""
