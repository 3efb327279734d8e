"""The notifier's use cases (the ``Notifier`` application), its read model and reminders."""

from notifier.application.notifier import Notifier
from notifier.application.readmodel import DeliveryJob, NotifierReadModel

__all__ = ["DeliveryJob", "Notifier", "NotifierReadModel"]
