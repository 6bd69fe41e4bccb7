"""Instrument versions: the list, and one version whole (weights as exact strings)."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from tera.api.errors import READ_ERRORS
from tera.api.pagination import Pages
from tera.core.instrument import Aspect, Indicator, Instrument
from tera.core.numbers import exact_string
from tera.instruments.models import InstrumentVersion

router = Router(tags=["instruments"])


class InstrumentVersionOut(Schema):
    id: int
    code: str
    revision: int
    name: str
    status: str
    is_current: bool
    sha256: str
    loaded_at: datetime


class Criterion(Schema):
    level: int
    text: str


class IndicatorOut(Schema):
    number: int
    name: str
    weight: str
    scale: str
    criteria: list[Criterion]
    evidence: str
    note: str


class AspectOut(Schema):
    number: int
    name: str
    weight: str
    domain: int | None
    indicators: list[IndicatorOut]


class DomainOut(Schema):
    number: int
    name: str
    weight: str
    aspects: list[int]


class BandOut(Schema):
    name: str
    lower: str | None
    upper: str | None


class InstrumentOut(InstrumentVersionOut):
    regulation: str
    weights_verified: bool
    min_level: int
    max_level: int
    total_weight: str
    years: list[int]
    predikat_bands: list[BandOut]
    domains: list[DomainOut]
    aspects: list[AspectOut]
    notes: list[str]
    sources: list[str]


@router.get(
    "/instruments",
    response={200: list[InstrumentVersionOut], **READ_ERRORS},
    summary="Loaded instrument versions",
)
@paginate(Pages)
def list_instruments(request: HttpRequest) -> QuerySet[InstrumentVersion]:
    """Every version loaded, newest revision of each code first; `is_current` marks the one in
    use for new periods."""
    return InstrumentVersion.objects.defer("source_text").order_by("code", "-revision")


@router.get(
    "/instruments/{version_id}",
    response={200: InstrumentOut, **READ_ERRORS},
    summary="One instrument version with its domains, aspects, indicators and criteria",
)
def get_instrument(request: HttpRequest, version_id: int) -> dict[str, Any]:
    version = get_object_or_404(InstrumentVersion, pk=version_id)
    return {**_version_fields(version), **_definition(version.instrument)}


def _version_fields(version: InstrumentVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in InstrumentVersionOut.model_fields}


def _definition(instrument: Instrument) -> dict[str, Any]:
    return {
        "regulation": instrument.regulation,
        "weights_verified": instrument.weights_verified,
        "min_level": instrument.min_level,
        "max_level": instrument.max_level,
        "total_weight": exact_string(instrument.total_weight),
        "years": [year.year for year in instrument.years],
        "predikat_bands": [
            {"name": band.name, "lower": _bound(band.lower), "upper": _bound(band.upper)}
            for band in instrument.predikat_bands
        ],
        "domains": [
            {
                "number": domain.number,
                "name": domain.name,
                "weight": exact_string(domain.weight),
                "aspects": [aspect.number for aspect in domain.aspects],
            }
            for domain in instrument.domains
        ],
        "aspects": [_aspect(aspect) for aspect in instrument.aspects],
        "notes": list(instrument.notes),
        "sources": list(instrument.sources),
    }


def _bound(value: Any) -> str | None:
    return None if value is None else exact_string(value)


def _aspect(aspect: Aspect) -> dict[str, Any]:
    return {
        "number": aspect.number,
        "name": aspect.name,
        "weight": exact_string(aspect.weight),
        "domain": aspect.domain_number,
        "indicators": [_indicator(indicator) for indicator in aspect.indicators],
    }


def _indicator(indicator: Indicator) -> dict[str, Any]:
    return {
        "number": indicator.number,
        "name": indicator.name,
        "weight": exact_string(indicator.weight),
        "scale": indicator.scale,
        "criteria": [
            {"level": level, "text": text} for level, text in sorted(indicator.criteria.items())
        ],
        "evidence": indicator.evidence,
        "note": indicator.note,
    }
