"""The instansi dashboard: for everyone who reads the whole instansi, not for OPD members."""

from django.urls import reverse

from tests.permissions.matrix import READ_ALL, Route

ROUTES = [
    Route(
        "reports:instansi_dashboard",
        "GET",
        lambda s: reverse("reports:instansi_dashboard", args=[s.instansi.pk]),
        READ_ALL,
    ),
]
