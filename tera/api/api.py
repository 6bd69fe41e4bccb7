"""The REST API at /api/: one NinjaAPI, a router per resource, bearer tokens only."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from tera.api.auth import BearerToken
from tera.api.errors import install_handlers
from tera.api.routers import (
    answers,
    contributions,
    evidence,
    instruments,
    periods,
    results,
    scores,
)

DESCRIPTION = """\
Tera's data for programs: instruments, official results, periods, answers, contributions,
evidence metadata and scores. Every call acts with the rights of the token's owner, exactly as
the web pages do: what the owner cannot see is 404, what their role may not change is 403.

* **Authentication**: `Authorization: Bearer <token>`; make a token on the page "Token API" of
  the user menu, or with `tera api token create <username>`. Without a valid token: 401.
* **Lists**: `limit` (default 50, at most 500) and `offset`; the answer is `{"items": [...],
  "count": N}`.
* **Changes**: send the `version` you read. If someone saved since, the answer is 409 with the
  version now stored in `current`; a change the current state does not allow is 400.
* **Errors**: always `{"detail": ...}`, in Indonesian; bad input is 422 with each field named.
* **Numbers**: indices are exact decimal strings (`index`) beside the display (`3,28`).
"""

api = NinjaAPI(
    title="Tera API",
    version="1",
    description=DESCRIPTION,
    auth=BearerToken(),
    urls_namespace="api",
    # No third-party hosts: Swagger UI comes from ninja's static files and its online
    # validator badge is turned off.
    docs=Swagger(settings={"validatorUrl": None}),
)
install_handlers(api)
for module in (instruments, results, periods, answers, contributions, evidence, scores):
    api.add_router("", module.router)
