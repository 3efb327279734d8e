"""The letters domain: pure, on kernel, contracts and eventsourcing only."""
