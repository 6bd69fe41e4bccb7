"""Pages that browse the loaded instruments (structure, weights, criteria) and crosswalks."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tera.core.crosswalk import rows, unmapped_old
from tera.core.instrument import Aspect, Domain, Instrument
from tera.instruments.models import CrosswalkVersion, InstrumentVersion


def instrument_list(request: HttpRequest) -> HttpResponse:
    versions = InstrumentVersion.objects.defer("source_text").order_by("code", "-revision")
    return render(request, "instruments/instrument_list.html", {"versions": versions})


def instrument_detail(request: HttpRequest, code: str, revision: int | None = None) -> HttpResponse:
    version = _version(code, revision)
    instrument = version.instrument
    return render(
        request,
        "instruments/instrument_detail.html",
        {
            "version": version,
            "instrument": instrument,
            "groups": _groups(instrument),
            "revisions": InstrumentVersion.objects.filter(code=code).defer("source_text"),
        },
    )


def indicator_detail(request: HttpRequest, code: str, revision: int, number: int) -> HttpResponse:
    version = _version(code, revision)
    instrument = version.instrument
    indicator = instrument.indicator_by_number.get(number)
    if indicator is None:
        raise Http404
    scale = instrument.scale_of(indicator)
    levels = [
        {
            "level": level.level,
            "name": level.name,
            "meaning": level.description,
            "criterion": indicator.criteria.get(level.level, ""),
        }
        for level in scale.levels
    ]
    aspect = next(a for a in instrument.aspects if a.number == indicator.aspect_number)
    return render(
        request,
        "instruments/indicator_detail.html",
        {
            "version": version,
            "instrument": instrument,
            "indicator": indicator,
            "aspect": aspect,
            "scale": scale,
            "levels": levels,
        },
    )


def crosswalk_list(request: HttpRequest) -> HttpResponse:
    versions = list(CrosswalkVersion.objects.defer("source_text").order_by("code", "-revision"))
    codes = {code for v in versions for code in (v.from_code, v.to_code)}
    current = InstrumentVersion.objects.filter(code__in=codes, is_current=True)
    names = dict(current.values_list("code", "name"))
    listing = [
        (v, names.get(v.from_code, v.from_code), names.get(v.to_code, v.to_code)) for v in versions
    ]
    return render(request, "instruments/crosswalk_list.html", {"listing": listing})


def crosswalk_detail(request: HttpRequest, code: str, revision: int | None = None) -> HttpResponse:
    """Every new indicator with the old ones mapped to it, read in the current instruments."""
    version = _crosswalk_version(code, revision)
    crosswalk = version.crosswalk
    instruments = {
        v.code: v
        for v in InstrumentVersion.objects.filter(
            code__in=(version.from_code, version.to_code), is_current=True
        )
    }
    if len(instruments) != 2:
        raise Http404
    old, new = instruments[version.from_code], instruments[version.to_code]
    return render(
        request,
        "instruments/crosswalk_detail.html",
        {
            "version": version,
            "crosswalk": crosswalk,
            "old": old,
            "new": new,
            "rows": rows(crosswalk, old.instrument, new.instrument),
            "unmapped": unmapped_old(crosswalk, old.instrument),
            "revisions": CrosswalkVersion.objects.filter(code=code).defer("source_text"),
        },
    )


def _crosswalk_version(code: str, revision: int | None) -> CrosswalkVersion:
    versions = CrosswalkVersion.objects.filter(code=code)
    if revision is None:
        return get_object_or_404(versions, is_current=True)
    return get_object_or_404(versions, revision=revision)


def _version(code: str, revision: int | None) -> InstrumentVersion:
    versions = InstrumentVersion.objects.filter(code=code)
    if revision is None:
        return get_object_or_404(versions, is_current=True)
    return get_object_or_404(versions, revision=revision)


def _groups(instrument: Instrument) -> list[tuple[Domain | None, tuple[Aspect, ...]]]:
    """Domains with their aspects, or one group without a domain (Pemdi has only aspects)."""
    if instrument.domains:
        return [(domain, domain.aspects) for domain in instrument.domains]
    return [(None, instrument.aspects)]
