"""Every API operation against every persona, with tokens: the pages' permissions hold.

Like tests/permissions/test_matrix.py (same world, same personas and columns), each row builds
its path parameters from one instansi's objects and says what each persona gets on their own
side; on the other instansi everyone gets 404 but the admin. Without a token the answer is 401.
A refused change leaves the database as it was, an allowed one changes it. Every response is
checked against its operation's schema in /api/openapi.json.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import token_for
from tests.permissions.matrix import PERSONAS, Side, answer_of, fresh
from tests.permissions.test_matrix import state

Params = Callable[[Side], dict[str, Any]]
Body = Callable[[Side], dict[str, Any]]

# fmt: off
#               koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
EVERYONE =      (200,  200,  200,  200,  200,  200,  200,  200,  401)
READ_ALL =      (200,  200,  200,  403,  403,  200,  200,  200,  401)
NOT_DIKOMINFO = (200,  200,  200,  404,  200,  200,  200,  200,  401)
REVIEW =        (200,  200,  403,  403,  403,  403,  200,  200,  401)
KOMINFO =       (200,  403,  403,  200,  403,  403,  200,  200,  401)
BAPPEDA_ONLY =  (200,  403,  403,  404,  200,  403,  200,  200,  401)
# fmt: on


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    params: Params
    expect: tuple[int, ...]
    body: Body | None = None
    label: str = ""
    scoped: bool = True  # False for what belongs to no instansi

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}" + (f" [{self.label}]" if self.label else "")


def nothing(_side: Side) -> dict[str, Any]:
    return {}


def period(side: Side) -> dict[str, Any]:
    return {"period_id": side.period.pk}


def indicator(number: int) -> Params:
    return lambda side: {"period_id": side.period.pk, "indicator": number}


def answer_change(side: Side) -> dict[str, Any]:
    return {
        "version": answer_of(side, 1).version,
        "level": 3,
        "fakta": "SK Tim SPBE",
        "analisis": "Memenuhi tingkat 3",
    }


def contribution_change(contribution: Callable[[Side], Any]) -> Body:
    def body(side: Side) -> dict[str, Any]:
        return {
            "version": fresh(contribution(side)).version,
            "level": 3,
            "fakta": "Perwali 12/2023 pasal 4",
            "analisis": "Memenuhi tingkat 3",
        }

    return body


def kominfo_contribution(side: Side) -> Any:
    return side.contribution


def bappeda_contribution(side: Side) -> Any:
    return side.unassignable


OPERATIONS = [
    Operation("GET", "/instruments", nothing, EVERYONE, scoped=False),
    Operation(
        "GET",
        "/instruments/{version_id}",
        lambda s: {"version_id": s.period.instrument_id},
        EVERYONE,
        scoped=False,
    ),
    Operation("GET", "/results", nothing, EVERYONE, scoped=False),
    Operation(
        "GET",
        "/results/instansi/{slug}",
        lambda s: {"slug": s.instansi.slug},
        EVERYONE,
        scoped=False,
    ),  # fmt: skip
    Operation("GET", "/periods", nothing, EVERYONE, scoped=False),
    Operation("GET", "/periods/{period_id}", period, EVERYONE),
    Operation("GET", "/periods/{period_id}/score", period, READ_ALL),
    Operation("GET", "/periods/{period_id}/answers", period, EVERYONE),
    Operation("GET", "/periods/{period_id}/answers/{indicator}", indicator(1), EVERYONE),
    Operation(
        "GET",
        "/periods/{period_id}/answers/{indicator}",
        indicator(2),
        NOT_DIKOMINFO,
        label="Bappeda's indicator",
    ),  # fmt: skip
    Operation(
        "PUT", "/periods/{period_id}/answers/{indicator}", indicator(1), REVIEW, answer_change
    ),
    Operation(
        "GET", "/periods/{period_id}/answers/{indicator}/contributions", indicator(1), EVERYONE
    ),
    Operation(
        "GET",
        "/periods/{period_id}/answers/{indicator}/contributions",
        indicator(2),
        NOT_DIKOMINFO,
        label="Bappeda's indicator",
    ),  # fmt: skip
    Operation(
        "GET",
        "/contributions/{contribution_id}",
        lambda s: {"contribution_id": s.contribution.pk},
        EVERYONE,
    ),  # fmt: skip
    Operation(
        "GET",
        "/contributions/{contribution_id}",
        lambda s: {"contribution_id": s.unassignable.pk},
        NOT_DIKOMINFO,
        label="Bappeda's indicator",
    ),  # fmt: skip
    Operation(
        "PUT",
        "/contributions/{contribution_id}",
        lambda s: {"contribution_id": s.contribution.pk},
        KOMINFO,
        contribution_change(kominfo_contribution),
        label="Diskominfo's",
    ),  # fmt: skip
    Operation(
        "PUT",
        "/contributions/{contribution_id}",
        lambda s: {"contribution_id": s.unassignable.pk},
        BAPPEDA_ONLY,
        contribution_change(bappeda_contribution),
        label="Bappeda's indicator",
    ),  # fmt: skip
    Operation("GET", "/periods/{period_id}/answers/{indicator}/evidence", indicator(1), EVERYONE),
    Operation(
        "GET",
        "/periods/{period_id}/answers/{indicator}/evidence",
        indicator(2),
        NOT_DIKOMINFO,
        label="Bappeda's indicator",
    ),  # fmt: skip
    Operation(
        "GET",
        "/instansi/{instansi_id}/documents",
        lambda s: {"instansi_id": s.instansi.pk},
        EVERYONE,
    ),  # fmt: skip
    Operation(
        "GET",
        "/documents/{document_id}",
        lambda s: {"document_id": s.document.pk},
        EVERYONE,
        label="cited on indicator 1",
    ),  # fmt: skip
    Operation(
        "GET",
        "/documents/{document_id}",
        lambda s: {"document_id": s.bappeda_document.pk},
        NOT_DIKOMINFO,
        label="cited on indicator 2 only",
    ),  # fmt: skip
]


def expected_status(operation: Operation, persona: str, which: str) -> int:
    own = operation.expect[PERSONAS.index(persona)]
    if which != "other" or persona in ("admin_user", "anonymous"):
        return own
    return 404


def cases() -> list[Any]:
    return [
        pytest.param(operation, persona, which, id=f"{operation.id}-{persona}-{which}")
        for operation in OPERATIONS
        for persona in PERSONAS
        for which in (("own", "other") if operation.scoped else ("global",))
    ]


def stored() -> dict[str, Any]:
    """The database and files, less the tokens' last use, which every call may stamp."""
    rows = state()
    rows.pop("api.ApiToken")
    return rows


@pytest.mark.parametrize(("operation", "persona", "which"), cases())
def test_permission(api, world, operation, persona, which):
    side = world.side(persona, which)
    user = world.users[persona]
    token = token_for(user) if user is not None else None
    body = operation.body(side) if operation.body else None
    before = stored()
    response = api.call(
        operation.method, operation.path, token=token, body=body, **operation.params(side)
    )
    expected = expected_status(operation, persona, which)
    assert response.status_code == expected
    assert (stored() != before) == (operation.method != "GET" and expected == 200)


def test_every_api_operation_has_rows_in_the_table(openapi):
    documented = {
        (method.upper(), path.removeprefix("/api"))
        for path, operations in openapi["paths"].items()
        for method in operations
    }
    tested = {(operation.method, operation.path) for operation in OPERATIONS}
    assert documented - tested == set(), "add rows to OPERATIONS for these operations"
    assert tested <= documented


def test_every_case_has_its_own_id():
    ids = [case.id for case in cases()]
    assert len(ids) == len(set(ids))
