"""How a delivery leaves the notifier: signed webhooks, e-mail; and the public Atom feed."""

from notifier.channels.base import Channel

__all__ = ["Channel"]
