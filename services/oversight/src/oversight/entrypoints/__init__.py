"""The oversight service's HTTP API."""
