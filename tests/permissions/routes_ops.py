"""Routes of operations: the liveness probe and the icon are public and touch no data."""

from tests.permissions.matrix import PERSONAS, PUBLIC, Route, global_url

MOVED = (301,) * len(PERSONAS)

ROUTES = [
    Route("ops:healthz", "GET", global_url("ops:healthz"), PUBLIC, scoped=False),
    Route("ops:favicon", "GET", global_url("ops:favicon"), MOVED, scoped=False),
]
