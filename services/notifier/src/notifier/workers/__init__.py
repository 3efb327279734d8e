"""The notifier's background workers, started by ``bootstrap.py`` beside the consumers.

``DeliveryWorker`` sends due deliveries over the channels and records every attempt;
``ReminderWorker`` sends the reminder stages the clock's day has reached;
``DigestWorker`` builds the digests whose period ended.
"""

from notifier.workers.delivery_worker import DeliveryWorker
from notifier.workers.digest_worker import DigestWorker
from notifier.workers.reminder_worker import ReminderWorker

__all__ = ["DeliveryWorker", "DigestWorker", "ReminderWorker"]
