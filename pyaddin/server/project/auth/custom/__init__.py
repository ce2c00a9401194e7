"""The ``custom`` auth provider: the person whose ``token_sha256`` in the office
config is the digest of the ``Authorization`` header (DESIGN.md §14). The token
is never logged; an unknown one is a 401 with a sentence for the message box."""

from __future__ import annotations

from fastapi import HTTPException, status
from xlwings_server.models import User

from pyaddin.engine.messages import t
from pyaddin.engine.tokens import account_name, person_for_token
from pyaddin.server.office import office


async def validate_token(token_string: str) -> User:
    """The acting person as xlwings Server's user (``id``: their username)."""
    person = person_for_token(office(), token_string)
    if person is None:
        key = "server.no_token" if not token_string else "server.bad_token"
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=t(key))
    return User(id=account_name(person), name=person.nama, roles=[person.jabatan])
