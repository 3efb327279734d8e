"""The base of every integration event and the registry that maps CloudEvents types to models."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

_REGISTRY: dict[str, type[IntegrationEvent]] = {}


class IntegrationEvent(BaseModel):
    """A fact one service publishes for any other system to read.

    Subclasses set ``service`` and ``major``; the class name is the event name.
    Consumers ignore fields they do not know (``extra="ignore"``), so adding an
    optional field keeps the major version.

    Every event may say when its act happened and when it was recorded: offices record
    acts after the day (a meeting held last week, an answer that came by post), and a
    yearly review counts by the day it happened. Both are optional, so events published
    before they existed still validate (``kernel.occurred.stamp`` fills them).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    service: ClassVar[str]
    major: ClassVar[int] = 1

    occurred_on: date | None = Field(
        default=None,
        description="Day the act happened (Vietnamese calendar day), which may be before it "
        "was recorded; absent in events published before this field existed.")
    recorded_at: datetime | None = Field(
        default=None,
        description="When the act was recorded in the service (the stored event's time); "
        "absent in events published before this field existed.")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "service") and not cls.__name__.startswith("_"):
            type_name = cls.cloudevent_type()
            if type_name in _REGISTRY:
                raise TypeError(f"two integration events claim the type {type_name}")
            _REGISTRY[type_name] = cls

    @classmethod
    def event_name(cls) -> str:
        return cls.__name__

    @classmethod
    def cloudevent_type(cls) -> str:
        return f"vn.phoihop.{cls.service}.{cls.event_name()}.v{cls.major}"

    @classmethod
    def schema_path(cls) -> str:
        """Where the committed JSON Schema lives, relative to ``contracts/schemas``."""
        return f"{cls.service}/v{cls.major}/{cls.event_name()}.json"


def event_class_for_type(cloudevent_type: str) -> type[IntegrationEvent] | None:
    # Registration happens on import: without this, a consumer that never imported an
    # event's module would reject that event as unknown.
    _import_all_event_modules()
    return _REGISTRY.get(cloudevent_type)


def registered_events() -> list[type[IntegrationEvent]]:
    """Every integration event of every service, in a stable order."""
    _import_all_event_modules()
    return sorted(_REGISTRY.values(), key=lambda cls: cls.cloudevent_type())


@cache
def _import_all_event_modules() -> None:
    """Imports every ``contracts.<service>.v<major>`` module; importing registers the events."""
    import importlib
    import pkgutil

    import contracts

    for service in pkgutil.iter_modules(contracts.__path__):
        if not service.ispkg:
            continue
        package = importlib.import_module(f"contracts.{service.name}")
        for version in pkgutil.iter_modules(package.__path__):
            if version.name.startswith("v") and version.name[1:].isdigit():
                importlib.import_module(f"contracts.{service.name}.{version.name}")
