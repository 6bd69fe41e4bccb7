"""Routes of the crosswalks between instruments and of the compare page."""

from django.urls import reverse

from tera.assessments.periods import start_period
from tera.instruments.library import file_crosswalks, file_library, load_crosswalk_entry, load_entry
from tera.instruments.models import CrosswalkVersion, InstrumentVersion
from tests.permissions.matrix import PUBLIC, READ_ALL, Route, Side, global_url

CROSSWALK = "spbe-2020--pemdi-2026"


def load_crosswalk(_side: Side | None = None) -> tuple[InstrumentVersion, CrosswalkVersion]:
    """Pemdi 2026 and the shipped crosswalk to it (SPBE 2020 is loaded for every period)."""
    pemdi = load_entry(file_library().entry("pemdi-2026"))[0]
    entry = next(e for e in file_crosswalks().entries if e.crosswalk.id == CROSSWALK)
    return pemdi, load_crosswalk_entry(entry)[0]


def start_pemdi(side: Side) -> None:
    """A Pemdi 2026 period carried over from the side's SPBE 2020 period: two to compare."""
    pemdi, crosswalk = load_crosswalk()
    start_period(
        instansi=side.instansi,
        instrument=pemdi,
        year=2026,
        previous=side.period,
        crosswalk=crosswalk,
        user=side.koordinator,
    )


ROUTES = [
    # The crosswalks are public, like the instruments they join.
    Route(
        "instruments:crosswalks", "GET", global_url("instruments:crosswalks"), PUBLIC, scoped=False
    ),
    Route(
        "instruments:crosswalk",
        "GET",
        global_url("instruments:crosswalk", CROSSWALK),
        PUBLIC,
        arrange=load_crosswalk,
        scoped=False,
    ),
    Route(
        "instruments:crosswalk_revision",
        "GET",
        global_url("instruments:crosswalk_revision", CROSSWALK, 1),
        PUBLIC,
        arrange=load_crosswalk,
        scoped=False,
    ),
    # Comparing two periods reads every indicator of both: not for OPD members.
    Route(
        "assessments:compare",
        "GET",
        lambda s: reverse("assessments:compare", args=[s.instansi.pk]),
        READ_ALL,
        arrange=start_pemdi,
    ),
]
