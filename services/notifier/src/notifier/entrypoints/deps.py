"""What the notifier's routes share: the application, its settings, the command
dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chassis.web.commands import Command, command_dependency
from notifier.application import Notifier
from notifier.settings import NotifierSettings


def notifier_of(request: Request) -> Notifier:
    notifier: Notifier = request.app.state.notifier
    return notifier


# `async def` although they do no I/O: FastAPI runs a plain `def` dependency in the thread
# pool, and each such hop costs more than the work itself.
async def get_notifier(request: Request) -> Notifier:
    return notifier_of(request)


async def get_settings(request: Request) -> NotifierSettings:
    settings: NotifierSettings = request.app.state.settings
    return settings


NotifierDep = Annotated[Notifier, Depends(get_notifier)]
SettingsDep = Annotated[NotifierSettings, Depends(get_settings)]
NotifierCommand = Annotated[Command[Notifier], Depends(command_dependency(notifier_of))]
