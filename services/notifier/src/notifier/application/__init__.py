"""The notifier's use cases, read model and workers."""

from notifier.application.notifier import Notifier
from notifier.application.readmodel import DeliveryJob, NotifierReadModel

__all__ = ["DeliveryJob", "Notifier", "NotifierReadModel"]
