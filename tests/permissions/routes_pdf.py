"""Routes of the PDF documents: the leadership report, the Berita Acara, the comparison."""

from django.urls import reverse

from tera.assessments.models import Period
from tests.permissions.matrix import LOGIN, MANAGE, PUBLIC, Route
from tests.permissions.routes_comparison import province_url, registry_result

# fmt: off
#               koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
READ_ALL_POST = (302,  302,  302,  403,  403,  302,  302,  302,  LOGIN)
SIGNED_IN_POST = (302,  302,  302,  302,  302,  302,  302,  302,  LOGIN)
# fmt: on


def period_url(name):
    return lambda s: reverse(name, args=[s.period.pk])


def locked(side):
    Period.objects.filter(pk=side.period.pk).update(status=Period.Status.LOCKED)


def with_year(build):
    return lambda s: build(s) + "?year=2024"


ROUTES = [
    # Whoever reads the whole instansi asks for its leadership report; the Koordinator for the
    # Berita Acara of a locked period. Both start a background job.
    Route("reports:leadership_pdf", "POST", period_url("reports:leadership_pdf"), READ_ALL_POST),
    Route(
        "reports:berita_acara_pdf",
        "POST",
        period_url("reports:berita_acara_pdf"),
        MANAGE,
        arrange=locked,
    ),
    # The comparison is public data: made at once for everyone, and in the worker with the
    # asker's own detail for whoever is signed in.
    Route(
        "reports:comparison_pdf",
        "GET",
        with_year(province_url("reports:comparison_pdf")),
        PUBLIC,
        arrange=registry_result,
        scoped=False,
    ),
    Route(
        "reports:comparison_pdf_job",
        "POST",
        with_year(province_url("reports:comparison_pdf_job")),
        SIGNED_IN_POST,
        arrange=registry_result,
        scoped=False,
    ),
]
