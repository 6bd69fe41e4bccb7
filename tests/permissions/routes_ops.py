"""Routes of operations: the liveness probe and the icon are public and touch no data."""

from tests.permissions.matrix import MOVED, PUBLIC, Route, global_url

ROUTES = [
    Route("ops:healthz", "GET", global_url("ops:healthz"), PUBLIC, scoped=False),
    Route("ops:favicon", "GET", global_url("ops:favicon"), MOVED, scoped=False),
]
