"""Prometheus metrics every service exposes at ``/metrics``."""

from prometheus_client import Counter, Gauge, Histogram

COMMANDS = Counter(
    "phoihop_commands_total", "Commands handled over HTTP", ["service", "command", "outcome"]
)
REQUEST_SECONDS = Histogram(
    "phoihop_http_request_seconds", "HTTP request latency", ["service", "method", "route"]
)
EVENTS_RELAYED = Counter(
    "phoihop_events_relayed_total", "Integration events published to JetStream", ["service"]
)
RELAY_LAG = Gauge(
    "phoihop_relay_lag_events", "Stored notifications not yet published", ["service"]
)
MESSAGES_CONSUMED = Counter(
    "phoihop_messages_consumed_total", "Messages processed by tracked consumers",
    ["consumer", "outcome"],
)
CONSUMER_LAG = Gauge(
    "phoihop_consumer_lag_messages", "Messages pending for a tracked consumer", ["consumer"]
)
DEAD_LETTERS = Counter(
    "phoihop_dead_letters_total", "Messages parked as dead letters", ["consumer"]
)
PROJECTION_SKIPPED = Counter(
    "phoihop_projection_events_skipped_total",
    "Events a persisted projection could not prepare (logged; the log goes on past them)",
    ["projection"],
)
