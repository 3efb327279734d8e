"""Messaging: the outbox relay, the tracked JetStream consumer, dead letters, streams and
the NATS connection (embedded server included)."""
