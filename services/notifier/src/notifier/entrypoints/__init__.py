"""The notifier's HTTP API."""
