"""Routes of the period workbook, its import, and the CSV/JSON exports of results."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tera.reports.workbooks.writer import build_workbook
from tests.permissions.matrix import LOGIN, MANAGE, PUBLIC, READ_ALL, Route, global_url

# fmt: off
#               koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
READ_ALL_POST = (302,  302,  302,  403,  403,  302,  302,  302,  LOGIN)
# fmt: on


def period_url(name):
    return lambda s: reverse(name, args=[s.period.pk])


def unedited_workbook(side, _opd):
    """The period's own workbook, as downloaded: valid, so an allowed upload starts the job."""
    content = build_workbook(side.period)
    return {"workbook": SimpleUploadedFile("lembar-kerja.xlsx", content)}


ROUTES = [
    # The workbook holds every indicator: for those who read everything. Only the Koordinator
    # imports; making it and importing it both start a background job.
    Route("reports:workbook", "GET", period_url("reports:workbook"), READ_ALL),
    Route("reports:workbook_export", "POST", period_url("reports:workbook_export"), READ_ALL_POST),
    Route(
        "reports:workbook_import",
        "POST",
        period_url("reports:workbook_import"),
        MANAGE,
        data=unedited_workbook,
    ),
    Route("reports:period_csv", "GET", period_url("reports:period_csv"), READ_ALL),
    Route("reports:period_json", "GET", period_url("reports:period_json"), READ_ALL),
    # The official results are public, like the results page they come from.
    Route("reports:registry_csv", "GET", global_url("reports:registry_csv"), PUBLIC, scoped=False),
    Route(
        "reports:registry_json", "GET", global_url("reports:registry_json"), PUBLIC, scoped=False
    ),
]
