"""The delivery path: the outbox, the channel senders and the dispatcher."""

from api.delivery.dispatcher import Dispatcher
from api.delivery.outbox import enqueue
from api.delivery.registry import SenderRegistry

__all__ = ["Dispatcher", "SenderRegistry", "enqueue"]
