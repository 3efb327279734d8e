"""What the petitions API's routes share: the application, and the command dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chassis.web.commands import Command, command_dependency
from petitions.application import Petitions


def petitions_of(request: Request) -> Petitions:
    petitions: Petitions = request.app.state.petitions
    return petitions


# `async def` although it does no I/O: FastAPI runs a plain `def` dependency in the thread
# pool, and each such hop costs more than the work itself.
async def get_petitions(request: Request) -> Petitions:
    return petitions_of(request)


PetitionsDep = Annotated[Petitions, Depends(get_petitions)]
PetitionCommand = Annotated[Command[Petitions], Depends(command_dependency(petitions_of))]
