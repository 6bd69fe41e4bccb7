"""A national-size dataset, written in bulk: instansi, OPD, users, periods, answers, evidence.

Scale.NATIONAL is the size the brief names (620 instansi, 25 OPD each, 3 periods each, 47
answers per period, about 4 evidence links per answer, 20,000 users). The rows are made the way
the application makes them, but in bulk: no audit chain is written per row except a few entries
per answer, hashed in order so that `tera audit verify` still passes on the result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from tera.assessments.models import Answer, Contribution, Period, StageScore
from tera.audit.log import GENESIS, chain_key, entry_hash
from tera.audit.models import AuditChain, AuditEntry
from tera.evidence.models import Document, EvidenceLink
from tera.instruments.models import InstrumentVersion
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi

BATCH = 5000
BENCH_PASSWORD = "bench-password-123"
YEARS = (
    (2024, Period.Kind.MANDIRI, 0),
    (2025, Period.Kind.MANDIRI, 0),
    (2026, Period.Kind.SEMESTER, 1),
)
FAKTA = (
    "Peraturan Wali Kota Nomor {n} Tahun {year} tentang penerapan SPBE, pasal {p} ayat (2); "
    "berkas perwal-{n}-{year}.pdf halaman {p}."
)
ANALISIS = (
    "Kebijakan berlaku untuk seluruh perangkat daerah sehingga kriteria tingkat {level} terpenuhi."
)


@dataclass(frozen=True)
class Scale:
    instansi: int
    opd_per_instansi: int = 25
    periods_per_instansi: int = 3
    documents_per_instansi: int = 60
    links_per_answer: int = 4
    users: int = 20_000

    @property
    def users_per_instansi(self) -> int:
        return max(4, self.users // self.instansi)


NATIONAL = Scale(instansi=620)
SMALL = Scale(instansi=20, users=640)


def generate(scale: Scale, seed: int = 620) -> dict[str, int]:
    """Fill the instansi of the registry (which must be imported) up to `scale`."""
    rng = random.Random(seed)
    version = InstrumentVersion.objects.get(code="spbe-2020", is_current=True)
    numbers = [i.number for i in version.instrument.indicators]
    instansi = list(Instansi.objects.filter(opds__isnull=True).order_by("pk")[: scale.instansi])
    password = make_password(BENCH_PASSWORD)
    for chunk in _chunks(instansi, 20):
        with transaction.atomic():
            for one in chunk:
                _fill_instansi(one, scale, version, numbers, password, rng)
    # Bulk-loaded tables have stale planner statistics until autovacuum gets to them; without
    # them PostgreSQL scans every evidence link to count those of one period.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts()


def counts() -> dict[str, int]:
    return {
        "instansi with OPD": Instansi.objects.filter(opds__isnull=False).distinct().count(),
        "opd": Opd.objects.count(),
        "users": get_user_model().objects.count(),
        "periods": Period.objects.count(),
        "answers": Answer.objects.count(),
        "contributions": Contribution.objects.count(),
        "documents": Document.objects.count(),
        "evidence links": EvidenceLink.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _fill_instansi(instansi, scale, version, numbers, password, rng) -> None:
    opds = Opd.objects.bulk_create(
        Opd(instansi=instansi, name=f"OPD {n:02d} {instansi.slug}"[:255], short_name=f"OPD{n:02d}")
        for n in range(1, scale.opd_per_instansi + 1)
    )
    users = _people(instansi, opds, scale, password)
    koordinator = users[0]
    documents = Document.objects.bulk_create(
        Document(
            instansi=instansi,
            opd=rng.choice(opds),
            title=f"Dokumen pendukung {n} {instansi.name}"[:255],
            number=f"{n}/SPBE/{2020 + n % 6}",
            category=rng.choice(Document.Category.values),
            issued_on=date(2021, 1, 1) + timedelta(days=rng.randint(0, 1800)),
            url=f"https://dokumen.example/{instansi.pk}/{n}",
            created_by=koordinator,
        )
        for n in range(scale.documents_per_instansi)
    )
    for year, kind, semester in YEARS[: scale.periods_per_instansi]:
        _period(instansi, version, year, kind, semester, numbers, opds, documents, koordinator, rng)


def _people(instansi, opds, scale, password) -> list:
    User = get_user_model()
    count = scale.users_per_instansi
    users = User.objects.bulk_create(
        User(
            username=f"u{instansi.pk}-{n}",
            password=password,
            email=f"u{instansi.pk}-{n}@bench.example",
        )
        for n in range(count)
    )
    roles = [Membership.Role.KOORDINATOR, Membership.Role.ASESOR, Membership.Role.PIMPINAN]
    memberships = [
        Membership(user=user, instansi=instansi, role=role)
        for user, role in zip(users, roles, strict=False)
    ]
    memberships += [
        Membership(user=user, instansi=instansi, role=Membership.Role.OPD, opd=opds[n % len(opds)])
        for n, user in enumerate(users[len(roles) :])
    ]
    Membership.objects.bulk_create(memberships)
    return users


def _period(instansi, version, year, kind, semester, numbers, opds, documents, koordinator, rng):
    locked = year < 2026
    period = Period.objects.create(
        instansi=instansi,
        instrument=version,
        kind=kind,
        year=year,
        semester=semester,
        name=f"Penilaian {year}" + (f" semester {semester}" if semester else ""),
        status=Period.Status.LOCKED if locked else Period.Status.OPEN,
        answers_due=date(year, 8, 31),
        submission_due=date(year, 9, 30),
        created_by=koordinator,
    )
    now = timezone.now()
    contributions, answers = [], []
    for number in numbers:
        level = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
        for position, opd in enumerate(rng.sample(opds, rng.choice((1, 1, 2)))):
            contributions.append(
                Contribution(
                    period=period,
                    indicator=number,
                    opd=opd,
                    is_lead=position == 0,
                    level=level,
                    fakta=FAKTA.format(n=number, year=year - 1, p=position + 3),
                    analisis=ANALISIS.format(level=level),
                    status=Contribution.Status.SUBMITTED,
                    updated_by=koordinator,
                    updated_at=now,
                )
            )
        status = Answer.Status.LOCKED if locked else rng.choice(Answer.Status.values[:4])
        answers.append(
            Answer(
                period=period,
                indicator=number,
                level=level,
                fakta=FAKTA.format(n=number, year=year - 1, p=2),
                analisis=ANALISIS.format(level=level),
                status=status,
                reviewer_level=level if locked else None,
                version=3,
                updated_by=koordinator,
                updated_at=now,
            )
        )
    Contribution.objects.bulk_create(contributions, batch_size=BATCH)
    answers = Answer.objects.bulk_create(answers, batch_size=BATCH)
    lead = {c.indicator: c for c in contributions if c.is_lead}
    EvidenceLink.objects.bulk_create(
        (
            EvidenceLink(
                answer=answer,
                document=document,
                contribution=lead[answer.indicator],
                added_by=koordinator,
            )
            for answer in answers
            for document in rng.sample(documents, 4)
        ),
        batch_size=BATCH,
    )
    if locked:
        StageScore.objects.bulk_create(
            StageScore(
                period=period,
                indicator=a.indicator,
                stage=StageScore.Stage.FINAL,
                level=max(1, a.level - rng.choice((0, 0, 1))),
                entered_by=koordinator,
                entered_at=now,
            )
            for a in answers
        )
    _audit(period, answers, koordinator, now)


def _audit(period, answers, actor, now) -> None:
    """Three entries per answer, chained in order on the instansi's chain."""
    key = chain_key(period.instansi_id)
    chain, _created = AuditChain.objects.get_or_create(key=key)
    entries, previous, position = [], chain.head_hash or GENESIS, chain.length
    for answer in answers:
        for action in ("answer.save", "answer.submit", "answer.accept"):
            position += 1
            entry = AuditEntry(
                chain=key,
                position=position,
                at=now,
                actor_id=actor.pk,
                actor_name=actor.username,
                action=action,
                object_type="assessments.answer",
                object_id=str(answer.pk),
                instansi_id=period.instansi_id,
                period_id=period.pk,
                indicator=answer.indicator,
                before={"status": "draft"},
                after={"status": "submitted", "level": answer.level},
                previous_hash=previous,
            )
            entry.hash = entry_hash(entry)
            previous = entry.hash
            entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    AuditChain.objects.filter(pk=chain.pk).update(length=position, head_hash=previous)
