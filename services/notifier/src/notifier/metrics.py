"""The notifier's own Prometheus metrics, beside the chassis's at ``/metrics``."""

from prometheus_client import Counter

DELIVERY_ATTEMPTS = Counter(
    "phoihop_notifier_delivery_attempts_total", "Delivery attempts made", ["channel", "outcome"]
)
DELIVERIES_PARKED = Counter(
    "phoihop_notifier_deliveries_parked_total", "Deliveries parked as dead letters", ["channel"]
)
REMINDERS_SENT = Counter(
    "phoihop_notifier_reminder_stages_total", "Reminder stages sent (before, on, after due)"
)
REMINDER_FAILURES = Counter(
    "phoihop_notifier_reminder_failures_total",
    "Reminders a pass could not handle (logged; the others of the pass go on)",
)
