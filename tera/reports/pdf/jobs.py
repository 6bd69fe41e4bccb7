"""The PDF documents as background jobs: asking for one, and making it in the worker.

Every document is written in Indonesian, whatever the language of whoever asked: it goes to the
leadership, to KemenPANRB, or to be signed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tera.assessments.models import Period
from tera.jobs.models import Job
from tera.jobs.runner import Output, Progress, enqueue
from tera.organizations.access import User
from tera.reports.comparison import comparison_context, province_slug
from tera.reports.pdf.berita_acara import berita_acara
from tera.reports.pdf.leadership import leadership_report
from tera.reports.pdf.render import render_pdf
from tera.reports.workbooks.jobs import _period as period_of_job

DOCUMENT_LANGUAGE = "id"
LEADERSHIP = "tera.reports.pdf.jobs.make_leadership_report"
BERITA_ACARA = "tera.reports.pdf.jobs.make_berita_acara"
COMPARISON = "tera.reports.pdf.jobs.make_comparison"


def start_leadership_report(period: Period, *, user: Any) -> Job:
    title = _("Leadership report of %(period)s (PDF)") % {"period": period.name}
    return enqueue(LEADERSHIP, title=title, user=user, instansi=period.instansi, period=period.pk)


def start_berita_acara(period: Period, *, user: Any) -> Job:
    title = _("Berita Acara of %(period)s (PDF)") % {"period": period.name}
    return enqueue(BERITA_ACARA, title=title, user=user, instansi=period.instansi, period=period.pk)


def start_comparison(province: str, year: int, *, user: Any) -> Job:
    """Made with the rights of whoever asks, checked again when the worker makes it."""
    title = _("Comparison of the province of %(province)s %(year)s (PDF)") % {
        "province": province,
        "year": year,
    }
    return enqueue(COMPARISON, title=title, user=user, province=province, year=year)


def _name(kind: str, period: Period) -> str:
    return f"{kind}-{period.instansi.slug}-{period.year}-{period.pk}.pdf"


def make_leadership_report(job: Job, progress: Progress) -> Output:
    period = period_of_job(job, "reads_everything")
    with translation.override(DOCUMENT_LANGUAGE):
        report = leadership_report(period, timezone.localdate(), progress)
        progress(80, _("Rendering the PDF."))
        content = render_pdf(
            "reports/pdf/leadership.html", {"report": report, "made_on": report.made_on}
        )
    return Output(_name("laporan-pimpinan", period), content)


def make_berita_acara(job: Job, progress: Progress) -> Output:
    period = period_of_job(job, "manages")
    with translation.override(DOCUMENT_LANGUAGE):
        progress(10, _("Gathering the figures."))
        document = berita_acara(period, timezone.localdate())
        progress(80, _("Rendering the PDF."))
        content = render_pdf(
            "reports/pdf/berita_acara.html", {"document": document, "made_on": document.made_on}
        )
    return Output(_name("berita-acara", period), content)


def comparison_pdf(province: str, year: int, user: User) -> bytes:
    """The comparison as the page shows it to `user`: the public one for an anonymous user."""
    with translation.override(DOCUMENT_LANGUAGE):
        context = comparison_context(province, year, user)
        return render_pdf(
            "reports/pdf/comparison.html", {**context, "made_on": timezone.localdate()}
        )


def comparison_name(province: str, year: int) -> str:
    return f"perbandingan-{province_slug(province)}-{year}.pdf"


def make_comparison(job: Job, progress: Progress) -> Output:
    province, year = job.params["province"], job.params["year"]
    progress(10, _("Gathering the figures."))
    content = comparison_pdf(province, year, job.requested_by or AnonymousUser())
    return Output(comparison_name(province, year), content)
