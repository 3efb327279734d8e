"""Follow phoihop's events from another system, with exactly-once effect in your database."""

from phoihop_subscriber.kit import Subscriber
from phoihop_subscriber.ledger import DeadLetter, Ledger

__all__ = ["DeadLetter", "Ledger", "Subscriber"]
