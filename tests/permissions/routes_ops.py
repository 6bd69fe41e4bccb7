"""Routes of operations: the liveness probe is public and touches no data."""

from tests.permissions.matrix import PUBLIC, Route, global_url

ROUTES = [Route("ops:healthz", "GET", global_url("ops:healthz"), PUBLIC, scoped=False)]
