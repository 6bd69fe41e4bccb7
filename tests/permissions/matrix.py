"""The building blocks of the permission matrix: personas, one instansi's objects, routes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution, Period
from tera.evidence import actions as evidence
from tera.evidence.models import Document, DocumentRevision, EvidenceLink
from tera.jobs.models import Job
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi, OfficialResult
from tests.conftest import make_user

LOGIN = "login"
PERSONAS = (
    "koordinator",
    "asesor",
    "pimpinan",
    "opd_member",
    "other_opd_member",
    "provincial",
    "outsider",
    "admin_user",
    "anonymous",
)
# api/ is the REST API: tests/api/test_permissions.py gives every operation its own rows.
IGNORED_PREFIXES = ("admin/", "i18n/", "static/", "api/")
JOB_KIND = "tests.test_permissions.no_report"  # stored on jobs only: no test runs a job


@dataclass
class Side:
    """One instansi's objects, built the same way in Kota Satu and Kota Dua."""

    instansi: Instansi
    period: Period
    koordinator: Any
    kominfo: Opd
    bappeda: Opd
    contribution: Contribution  # Diskominfo on indicator 1 (the lead)
    bappeda_contribution: Contribution  # Bappeda on indicator 1
    unassignable: Contribution  # Bappeda on indicator 2, empty, so it can be removed
    document: Document  # Diskominfo's file, cited on indicator 1 by its contribution
    revision: DocumentRevision
    link: EvidenceLink
    answer_link: EvidenceLink  # a URL cited on indicator 1 by the instansi's answer itself
    bappeda_document: Document  # Bappeda's file, cited on indicator 2 only
    bappeda_revision: DocumentRevision
    spare: dict[int, Document]  # an uncited URL document per OPD
    membership: Membership  # an asesor who can be removed
    job: Job  # the Koordinator's finished report, with its file
    failed_job: Job  # the Koordinator's report that failed and can be tried again


Build = Callable[[Side], str]
Data = Callable[[Side, "Opd | None"], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    url: Build
    expect: tuple[int | str, ...]
    data: Data | None = None
    arrange: Callable[[Side], Any] | None = None
    label: str = ""
    scoped: bool = True  # False for pages that belong to no instansi
    writes: bool = True  # False for a POST that changes nothing stored, even when allowed

    @property
    def id(self) -> str:
        return self.name.replace(":", ".") + (f"[{self.label}]" if self.label else "")


# Helpers the table uses: objects in their current state, files, and the states routes need.


def registry_result(side: Side) -> None:
    """An official result, so that the instansi and its province are public."""
    OfficialResult.objects.create(
        instansi=side.instansi, year=2024, published_name=side.instansi.name, index="3.10",
        predikat="Baik",
    )  # fmt: skip


def answer_in(period: Period, number: int) -> Answer:
    return Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )


def answer_of(side: Side, number: int) -> Answer:
    return answer_in(side.period, number)


def fresh(contribution: Contribution) -> Contribution:
    return Contribution.objects.select_related("period__instansi", "period__instrument").get(
        pk=contribution.pk
    )


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    """A PDF nobody uploaded before: the evidence bank refuses the same bytes twice."""
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + uuid.uuid4().hex.encode() + b"\n%%EOF\n")


def fill_contribution(side: Side) -> None:
    contribution = fresh(side.contribution)
    actions.save_contribution(
        contribution,
        version=contribution.version,
        level=2,
        fakta="Perwali 12/2023",
        analisis="Memenuhi tingkat 2",
        user=side.koordinator,
    )


def fill_answer(side: Side) -> Answer:
    answer = answer_of(side, 1)
    return actions.save_answer(
        answer,
        version=answer.version,
        level=2,
        fakta="Perwali 12/2023",
        analisis="Memenuhi tingkat 2",
        level_source=None,
        user=side.koordinator,
    )


def submit_answer(side: Side) -> None:
    answer = fill_answer(side)
    actions.submit_answer(answer, version=answer.version, user=side.koordinator)


def indicator_url(name: str, number: int) -> Build:
    return lambda s: reverse(name, args=[s.period.pk, number])


def answer_data(s: Side, _opd: Opd | None) -> dict[str, Any]:
    return {
        "answer-version": answer_of(s, 1).version,
        "answer-level": 3,
        "answer-fakta": "SK Tim SPBE",
        "answer-analisis": "Memenuhi tingkat 3",
        "answer-level_source": "",
    }


def review_data(s: Side, _opd: Opd | None) -> dict[str, Any]:
    """A revision request: every reviewer may make it, even the Koordinator who submitted the
    answer (who may not accept it while the side has an asesor: actions.self_review)."""
    return {
        "review-version": answer_of(s, 1).version,
        "review-decision": "revision",
        "review-comment": "Lampirkan SK",
    }


def contribution_data(contribution: Callable[[Side], Contribution]) -> Data:
    def data(s: Side, _opd: Opd | None) -> dict[str, Any]:
        current = fresh(contribution(s))
        prefix = f"c{current.pk}"
        return {
            f"{prefix}-version": current.version,
            f"{prefix}-level": 3,
            f"{prefix}-fakta": "Perwali 12/2023 pasal 4",
            f"{prefix}-analisis": "Memenuhi tingkat 3",
        }

    return data


def own_contribution(s: Side, opd: Opd | None) -> str:
    """An OPD member cites for their OPD's contribution; the others for the answer itself."""
    if opd is None:
        return ""
    return str(s.period.contributions.get(indicator=1, opd=opd).pk)


def upload_data(s: Side, opd: Opd | None) -> dict[str, Any]:
    return {
        "upload-title": "Laporan reviu SPBE",
        "upload-category": "reviu",
        "upload-file": pdf("reviu.pdf"),
        "contribution": own_contribution(s, opd),
    }


def period_data(s: Side, _opd: Opd | None) -> dict[str, Any]:
    return {"instrument": s.period.instrument_id, "kind": "mandiri", "year": 2026, "semester": 0}


def people_sheet(_s: Side, _opd: Opd | None) -> dict[str, Any]:
    rows = "opd,singkatan,username,nama,email,peran\nDinas Baru,DB,staf-baru,Staf Baru,,opd\n"
    return {"sheet": SimpleUploadedFile("orang.csv", rows.encode())}


def global_url(name: str, *args: Any) -> Build:
    return lambda _s: reverse(name, args=args)


def instrument_url(name: str, *, revision: bool = False, indicator: bool = False) -> Build:
    def build(s: Side) -> str:
        version = s.period.instrument
        args: list[Any] = [version.code]
        if revision:
            args.append(version.revision)
        if indicator:
            args.append(1)
        return reverse(name, args=args)

    return build


# fmt: off
#               koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
PUBLIC =        (200,  200,  200,  200,  200,  200,  200,  200,  200)
MOVED =         (301,  301,  301,  301,  301,  301,  301,  301,  301)
SIGNED_IN =     (200,  200,  200,  200,  200,  200,  200,  200,  LOGIN)
READ =          (200,  200,  200,  200,  200,  200,  200,  200,  LOGIN)
READ_ALL =      (200,  200,  200,  403,  403,  200,  200,  200,  LOGIN)
NOT_DIKOMINFO = (200,  200,  200,  404,  200,  200,  200,  200,  LOGIN)
NOT_OPD =       (200,  200,  200,  404,  404,  200,  200,  200,  LOGIN)
MANAGE_PAGE =   (200,  403,  403,  403,  403,  403,  200,  200,  LOGIN)
MANAGE =        (302,  403,  403,  403,  403,  403,  302,  302,  LOGIN)
MANAGE_200 =    (200,  403,  403,  403,  403,  403,  200,  200,  LOGIN)
REVIEW =        (302,  302,  403,  403,  403,  403,  302,  302,  LOGIN)
KOMINFO =       (302,  403,  403,  302,  403,  403,  302,  302,  LOGIN)
BAPPEDA =       (302,  403,  403,  403,  302,  403,  302,  302,  LOGIN)
BAPPEDA_ONLY =  (302,  403,  403,  404,  302,  403,  302,  302,  LOGIN)
CONTRIBUTE =    (302,  302,  403,  302,  302,  403,  302,  302,  LOGIN)
# fmt: on


def build_side(period: Period, koordinator: Any, kominfo: Opd, bappeda: Opd) -> Side:
    instansi = period.instansi
    contributions = {
        (c.indicator, c.opd_id): c
        for c in period.contributions.select_related("period__instansi", "period__instrument")
    }
    first, second = answer_in(period, 1), answer_in(period, 2)
    document = evidence.add_document(
        instansi,
        user=koordinator,
        title="Perwali SPBE",
        category="kebijakan",
        opd=kominfo,
        upload=pdf("perwali.pdf"),
    )
    contribution = contributions[(1, kominfo.pk)]
    link = evidence.link_document(first, document, contribution=contribution, user=koordinator)
    answer_document = evidence.add_document(
        instansi,
        user=koordinator,
        title="Situs SPBE",
        category="layanan",
        url="https://spbe.example.go.id/",
    )
    answer_link = evidence.link_document(first, answer_document, user=koordinator)
    bappeda_document = evidence.add_document(
        instansi,
        user=koordinator,
        title="Renstra Bappeda",
        category="kebijakan",
        opd=bappeda,
        upload=pdf("renstra.pdf"),
    )
    evidence.link_document(second, bappeda_document, user=koordinator)
    spare = {
        opd.pk: evidence.add_document(
            instansi,
            user=koordinator,
            title=f"SOP {opd}",
            category="kebijakan",
            opd=opd,
            url=f"https://{opd.pk}.example.go.id/sop",
        )
        for opd in (kominfo, bappeda)
    }
    leaving = make_user(f"asesor-lama-{instansi.slug}")
    job, failed_job = (
        Job.objects.create(
            kind=JOB_KIND, title="Laporan periode", instansi=instansi, requested_by=koordinator,
            status=status,
        )
        for status in (Job.Status.DONE, Job.Status.FAILED)
    )  # fmt: skip
    job.result.save(f"jobs/{job.pk}/laporan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return Side(
        instansi=instansi,
        period=period,
        koordinator=koordinator,
        kominfo=kominfo,
        bappeda=bappeda,
        contribution=contribution,
        bappeda_contribution=contributions[(1, bappeda.pk)],
        unassignable=contributions[(2, bappeda.pk)],
        document=document,
        revision=document.revisions.get(),
        link=link,
        answer_link=answer_link,
        bappeda_document=bappeda_document,
        bappeda_revision=bappeda_document.revisions.get(),
        spare=spare,
        membership=Membership.objects.create(
            user=leaving, instansi=instansi, role=Membership.Role.ASESOR
        ),
        job=job,
        failed_job=failed_job,
    )


@dataclass
class World:
    users: dict[str, Any]
    kota_satu: Side
    kota_dua: Side

    def side(self, persona: str, which: str) -> Side:
        home, away = self.kota_satu, self.kota_dua
        if persona == "outsider":
            home, away = away, home
        return home if which in ("own", "global") else away

    def opd(self, persona: str, side: Side) -> Opd | None:
        return {"opd_member": side.kominfo, "other_opd_member": side.bappeda}.get(persona)
