"""Django-side access to the instrument library files and to loaded versions."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction

from tera.core.crosswalk import CrosswalkEntry, CrosswalkLibrary, load_crosswalks
from tera.core.library import Library, LibraryEntry, load_library
from tera.instruments.models import CrosswalkVersion, InstrumentVersion

Version = TypeVar("Version", InstrumentVersion, CrosswalkVersion)


@lru_cache(maxsize=1)
def file_library() -> Library:
    """The YAML files of the shipped library plus TERA_INSTRUMENT_DIRS, read once per process."""
    return load_library(settings.TERA_INSTRUMENT_DIRS)


@lru_cache(maxsize=1)
def file_crosswalks() -> CrosswalkLibrary:
    """The crosswalk files of the same folders, checked against the instruments of the files."""
    return load_crosswalks(file_library(), settings.TERA_INSTRUMENT_DIRS)


def load_entry(entry: LibraryEntry) -> tuple[InstrumentVersion, bool]:
    """Store one validated instrument file; returns the version and whether it was new."""
    instrument = entry.instrument
    return _store(
        InstrumentVersion,
        entry.path,
        instrument.id,
        name=instrument.name,
        regulation=instrument.regulation,
        status=instrument.status.value,
    )


def load_crosswalk_entry(entry: CrosswalkEntry) -> tuple[CrosswalkVersion, bool]:
    """Store one validated crosswalk file; returns the version and whether it was new."""
    crosswalk = entry.crosswalk
    return _store(
        CrosswalkVersion,
        entry.path,
        crosswalk.id,
        from_code=crosswalk.from_instrument,
        to_code=crosswalk.to_instrument,
        status=crosswalk.status.value,
    )


def _store(model: type[Version], path: Path, code: str, **fields: Any) -> tuple[Version, bool]:
    """A file whose content is already stored is left alone; changed content is a new revision."""
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = model.objects.filter(code=code, sha256=digest).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        previous = model.objects.select_for_update().filter(code=code)
        revision = 1 + max((v.revision for v in previous), default=0)
        previous.update(is_current=False)
        version = model.objects.create(
            code=code,
            revision=revision,
            source_text=text,
            sha256=digest,
            source_file=path.name,
            is_current=True,
            **fields,
        )
    return version, True
