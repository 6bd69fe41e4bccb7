"""A demo kota with OPD, a user for each role, its last SPBE period in every state of the flow
and this year's Pemdi 2026 period started from it."""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from tera.assessments import actions
from tera.assessments.models import Answer, Contribution, Period
from tera.assessments.periods import start_period
from tera.core.numbers import format_id
from tera.evidence.actions import add_document, link_document
from tera.evidence.models import Document
from tera.instruments.models import CrosswalkVersion, InstrumentVersion
from tera.organizations.actions import new_password
from tera.organizations.models import Membership, Opd
from tera.registry.models import Instansi

DEMO_NAME = "Pemerintah Kota Contoh (demo)"
DEMO_PROVINCE = "Gorontalo"
OPD_NAMES = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Inspektorat Daerah", "Inspektorat"),
    ("Bagian Organisasi Sekretariat Daerah", "Bag. Organisasi"),
    ("Bagian Hukum Sekretariat Daerah", "Bag. Hukum"),
    ("Bagian Pengadaan Barang dan Jasa Sekretariat Daerah", "Bag. PBJ"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Koperasi, UKM dan Perdagangan", "Diskopdag"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
]
# indicator -> short names of the OPD that answer it, the lead first
ASSIGNMENTS: dict[int, tuple[str, ...]] = {
    **{n: ("Diskominfo", "Bag. Hukum") for n in range(1, 11)},
    11: ("Diskominfo", "Bappeda"),
    12: ("Diskominfo", "Bappeda"),
    13: ("Bappeda", "BPKAD"),
    14: ("Bag. Organisasi",),
    15: ("Diskominfo",),
    16: ("Diskominfo",),
    17: ("Diskominfo",),
    18: ("Diskominfo",),
    19: ("Diskominfo",),
    20: ("Diskominfo", "Bappeda"),
    21: ("Inspektorat", "Diskominfo"),
    22: ("Diskominfo",),
    23: ("Diskominfo", "Bappeda"),
    24: ("BPKAD", "Diskominfo"),
    25: ("BKPSDM",),
    26: ("Bag. Organisasi",),
    27: ("Bag. Organisasi",),
    28: ("Diskominfo",),
    29: ("Inspektorat", "Diskominfo"),
    30: ("Inspektorat", "Diskominfo"),
    31: ("Inspektorat", "Diskominfo"),
    32: ("Bappeda",),
    33: ("BPKAD",),
    34: ("BPKAD",),
    35: ("Bag. PBJ",),
    36: ("BKPSDM",),
    37: ("Dispusip",),
    38: ("BPKAD",),
    39: ("Inspektorat",),
    40: ("Bag. Organisasi",),
    41: ("BKPSDM",),
    42: ("Diskominfo",),
    43: ("Diskominfo", "Bappeda"),
    44: ("Bag. Hukum",),
    45: ("DPMPTSP",),
    46: ("Disdukcapil",),
}
LEVELS = [
    3,
    3,
    2,
    3,
    3,
    2,
    2,
    3,
    2,
    4,
    3,
    3,
    2,
    2,
    3,
    3,
    3,
    2,
    3,
    2,
    2,
    3,
    2,
    2,
    2,
    2,
    1,
    2,
    1,
    1,
    1,
    3,
    4,
    4,
    4,
    3,
    3,
    3,
    3,
    3,
    3,
    4,
    3,
    4,
    3,
    3,
    2,
]
ACCEPTED = range(1, 21)
LAST_SPBE_YEAR = 2025
PEMDI_YEAR = 2026
# Pemdi 2026 indicator -> the value its lead OPD proposes in the demo
PEMDI_VALUES = {1: "2.00", 2: "1.50", 3: "1.26", 4: "1.30", 9: "1.25", 13: "1.17", 17: "2.50"}
PEMDI_ADOPTED = (1, 2, 3, 4)  # the Koordinator has taken these proposals as the answer
SDI_INDICATOR, SDI_VALUE = 5, "62.50"
SUBMITTED = range(21, 26)
REVISION = range(26, 28)
PROPOSED = range(28, 32)
DRAFTED = range(32, 45)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    opd: str = ""


USERS = [
    DemoUser("koordinator", "Rina Kusumawati", Membership.Role.KOORDINATOR),
    DemoUser("asesor", "Budi Hartono", Membership.Role.ASESOR),
    DemoUser("pimpinan", "Drs. Hasan Lamatenggo (Sekda)", Membership.Role.PIMPINAN),
    DemoUser("kominfo", "Sri Wahyuni", Membership.Role.OPD, "Diskominfo"),
    DemoUser("bappeda", "Andi Pratama", Membership.Role.OPD, "Bappeda"),
    DemoUser("inspektorat", "Yusuf Mahmud", Membership.Role.OPD, "Inspektorat"),
    DemoUser("hukum", "Nurul Aini", Membership.Role.OPD, "Bag. Hukum"),
]


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF showing one line of text."""
    stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_png(seed: int) -> bytes:
    """A valid 2x2 PNG whose colour depends on `seed`, so that each file hashes differently."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixel = bytes([seed % 256, 90, 160])
    raw = b"".join(b"\x00" + pixel * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


DOCUMENTS = [
    # key, title, number, category, issued, file name (or URL), indicators
    (
        "perwali",
        "Peraturan Wali Kota tentang Sistem Pemerintahan Berbasis Elektronik",
        "Perwali No. 12 Tahun 2023",
        Document.Category.KEBIJAKAN,
        date(2023, 3, 14),
        "perwali-12-2023-spbe.pdf",
        range(1, 11),
    ),
    (
        "tim",
        "Keputusan Wali Kota tentang Tim Koordinasi SPBE",
        "Kepwal No. 188.45/77/2024",
        Document.Category.KEBIJAKAN,
        date(2024, 2, 1),
        "kepwal-tim-koordinasi-spbe.pdf",
        (10, 19),
    ),
    (
        "reviu",
        "Laporan Reviu Kebijakan dan Penerapan SPBE",
        "LAP/REV/SPBE/2025",
        Document.Category.REVIU,
        date(2025, 11, 20),
        "laporan-reviu-spbe-2025.pdf",
        (10, 33, 34, 35),
    ),
    (
        "arsitektur",
        "Arsitektur SPBE Kota Contoh 2023-2027",
        "Perwali No. 30 Tahun 2023",
        Document.Category.KEBIJAKAN,
        date(2023, 9, 1),
        "arsitektur-spbe-2023-2027.pdf",
        (11, 12),
    ),
    (
        "audit",
        "Laporan Audit Keamanan SPBE",
        "LHA/INSP/2022/09",
        Document.Category.AUDIT,
        date(2022, 9, 15),
        "laporan-audit-keamanan-2022.pdf",
        (31,),
    ),
    (
        "risiko",
        "SOP Manajemen Risiko SPBE",
        "SOP/DISKOMINFO/04/2025",
        Document.Category.KEBIJAKAN,
        date(2025, 1, 10),
        "sop-manajemen-risiko-spbe.pdf",
        (21,),
    ),
    (
        "lapor",
        "Tangkapan layar layanan pengaduan SP4N-LAPOR!",
        "",
        Document.Category.LAYANAN,
        date(2026, 6, 2),
        "tangkapan-layar-lapor.png",
        (42,),
    ),
    (
        "satudata",
        "Portal Satu Data Kota Contoh",
        "",
        Document.Category.LAYANAN,
        date(2025, 5, 20),
        "https://data.kota-contoh.example/",
        (43,),
    ),
]


def demo_exists() -> bool:
    return Instansi.objects.filter(name=DEMO_NAME).exists()


@transaction.atomic
def build_demo() -> list[tuple[str, str, str]]:
    """Create the demo and return (user name, password, role) for each log-in, shown once."""
    instansi = Instansi.objects.create(
        name=DEMO_NAME, slug="demo-kota-contoh", kind=Instansi.Kind.KOTA, province=DEMO_PROVINCE
    )
    opds = {
        short: Opd.objects.create(instansi=instansi, name=name, short_name=short)
        for name, short in OPD_NAMES
    }
    logins, users = _users(instansi, opds)
    period = start_period(
        instansi=instansi,
        instrument=InstrumentVersion.objects.get(code="spbe-2020", is_current=True),
        kind=Period.Kind.SEMESTER,
        year=LAST_SPBE_YEAR,
        semester=2,
        dates=_dates(),
        user=users["koordinator"],
    )
    _fill(period, opds, users)
    documents = _documents(period, users)
    for number in [*ACCEPTED, *SUBMITTED, *REVISION]:
        _answer(period, number, documents, users["koordinator"], users["asesor"])
    _pemdi(period, users)
    return logins


def _dates() -> dict[str, date]:
    today = timezone.localdate()
    return {
        "starts_on": today - timedelta(days=30),
        "answers_due": today + timedelta(days=14),
        "review_due": today + timedelta(days=28),
        "submission_due": today + timedelta(days=42),
    }


def _users(
    instansi: Instansi, opds: dict[str, Opd]
) -> tuple[list[tuple[str, str, str]], dict[str, Any]]:
    User = get_user_model()
    logins, users = [], {}
    for demo in USERS:
        password = new_password()
        first, _space, last = demo.full_name.partition(" ")
        user = User.objects.create_user(
            demo.username, password=password, first_name=first, last_name=last
        )
        Membership.objects.create(
            user=user, instansi=instansi, role=demo.role, opd=opds.get(demo.opd)
        )
        users[demo.username] = user
        logins.append((demo.username, password, str(Membership.Role(demo.role).label)))
    province = Instansi.objects.filter(kind=Instansi.Kind.PROVINSI, province=DEMO_PROVINCE).first()
    if province is not None:
        password = new_password()
        user = User.objects.create_user(
            "provinsi", password=password, first_name="Koordinator Provinsi"
        )
        Membership.objects.create(user=user, instansi=province, role=Membership.Role.PROVINSI)
        logins.append(("provinsi", password, str(Membership.Role.PROVINSI.label)))
    password = new_password()
    User.objects.create_superuser("admin", password=password)
    logins.append(("admin", password, "Admin platform"))
    return logins, users


def _opd_user(users: dict[str, Any], opd: Opd) -> Any:
    for demo in USERS:
        if demo.opd == opd.short_name:
            return users[demo.username]
    return users["koordinator"]


def _fill(period: Period, opds: dict[str, Opd], users: dict[str, Any]) -> None:
    koordinator = users["koordinator"]
    texts = random.Random(2026)
    for number, shorts in ASSIGNMENTS.items():
        for position, short in enumerate(shorts):
            actions.assign_opd(period, number, opds[short], lead=position == 0, user=koordinator)
    for number in [*ACCEPTED, *SUBMITTED, *REVISION, *PROPOSED, *DRAFTED]:
        lead = Contribution.objects.get(period=period, indicator=number, is_lead=True)
        author = _opd_user(users, lead.opd)
        level = LEVELS[number - 1]
        lead = actions.save_contribution(
            lead,
            version=lead.version,
            level=level,
            fakta=_fact(number, texts),
            analisis=f"Kriteria tingkat {level} terpenuhi: berlaku di seluruh perangkat daerah.",
            user=author,
        )
        if number not in DRAFTED:
            actions.submit_contribution(lead, version=lead.version, user=author)
            lead.refresh_from_db()


def _fact(number: int, texts: random.Random) -> str:
    page = texts.randint(2, 40)
    return f"Dokumen pendukung indikator {number} tersedia; lihat halaman {page} dan lampiran."


def _documents(
    period: Period, users: dict[str, Any]
) -> dict[str, tuple[Document, tuple[int, ...]]]:
    documents = {}
    for position, (key, title, number, category, issued, source, indicators) in enumerate(
        DOCUMENTS
    ):
        upload, url = None, ""
        if source.startswith("https://"):
            url = source
        elif source.endswith(".png"):
            upload = SimpleUploadedFile(source, tiny_png(position), "image/png")
        else:
            upload = SimpleUploadedFile(source, tiny_pdf(f"{number} {title}"), "application/pdf")
        document = add_document(
            period.instansi,
            user=users["koordinator"],
            title=title,
            number=number,
            category=category,
            issued_on=issued,
            upload=upload,
            url=url,
        )
        documents[key] = (document, tuple(indicators))
    return documents


def _answer_of(period: Period, number: int) -> Answer:
    return Answer.objects.select_related("period__instansi", "period__instrument").get(
        period=period, indicator=number
    )


def _answer(
    period: Period, number: int, documents: dict[str, Any], koordinator: Any, asesor: Any
) -> None:
    answer = _answer_of(period, number)
    lead = Contribution.objects.get(period=period, indicator=number, is_lead=True)
    for document, indicators in documents.values():
        if number in indicators:
            link_document(answer, document, contribution=lead, user=koordinator)
    answer = actions.save_answer(
        answer,
        version=answer.version,
        level=lead.level,
        fakta=lead.fakta,
        analisis=lead.analisis,
        level_source=lead,
        user=koordinator,
    )
    answer = actions.submit_answer(answer, version=answer.version, user=koordinator)
    if number in REVISION:
        actions.request_revision(
            answer,
            version=answer.version,
            comment="Lampirkan bukti penerapan di seluruh OPD, bukan hanya di Diskominfo.",
            user=asesor,
        )
    elif number in ACCEPTED:
        reviewer_level = answer.level - 1 if number in (2, 7, 12) else answer.level
        actions.accept_answer(
            answer, version=answer.version, reviewer_level=reviewer_level, comment="", user=asesor
        )


def _pemdi(previous: Period, users: dict[str, Any]) -> None:
    """This year's Pemdi 2026 self-assessment, started from the SPBE period through the
    crosswalk: OPD proposals with decimal values, and the Indeks SDI of indicator 5."""
    koordinator = users["koordinator"]
    period = start_period(
        instansi=previous.instansi,
        instrument=InstrumentVersion.objects.get(code="pemdi-2026", is_current=True),
        year=PEMDI_YEAR,
        dates=_dates(),
        previous=previous,
        crosswalk=CrosswalkVersion.objects.get(code="spbe-2020--pemdi-2026", is_current=True),
        user=koordinator,
    )
    leads = Contribution.objects.filter(period=period, is_lead=True, indicator__in=PEMDI_VALUES)
    for lead in leads.select_related("opd"):
        author = _opd_user(users, lead.opd)
        value = Decimal(PEMDI_VALUES[lead.indicator])
        lead = actions.save_contribution(
            lead,
            version=lead.version,
            level=value,
            fakta=lead.fakta,
            analisis=f"Nilai {format_id(value)} menurut kriteria Modul Indikator Pemdi 2026.",
            user=author,
        )
        lead = actions.submit_contribution(lead, version=lead.version, user=author)
        if lead.indicator in PEMDI_ADOPTED:
            answer = _answer_of(period, lead.indicator)
            actions.save_answer(
                answer,
                version=answer.version,
                level=lead.level,
                fakta=lead.fakta,
                analisis=lead.analisis,
                level_source=lead,
                user=koordinator,
            )
    answer = _answer_of(period, SDI_INDICATOR)
    certificate = add_document(
        period.instansi,
        user=koordinator,
        title="Hasil Penilaian Indeks Satu Data Indonesia 2025",
        category=Document.Category.REVIU,
        issued_on=date(PEMDI_YEAR, 3, 14),
        url="https://data.kota-contoh.example/indeks-sdi-2025",
    )
    link_document(answer, certificate, user=koordinator, note="Nilai Indeks SDI")
    actions.save_answer(
        answer,
        version=answer.version,
        level=None,
        source_value=Decimal(SDI_VALUE),
        fakta=f"Indeks SDI {SDI_VALUE.replace('.', ',')} menurut hasil penilaian Bappenas.",
        analisis="Nilai indikator dikonversi dari Indeks SDI: 1 + SDI / 25.",
        level_source=None,
        user=koordinator,
    )
