"""Django-side access to the instrument library files and to loaded versions."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django.conf import settings
from django.db import transaction

from tera.core.library import Library, LibraryEntry, load_library
from tera.instruments.models import InstrumentVersion


@lru_cache(maxsize=1)
def file_library() -> Library:
    """The YAML files of the shipped library plus TERA_INSTRUMENT_DIRS, read once per process."""
    return load_library(settings.TERA_INSTRUMENT_DIRS)


def load_entry(entry: LibraryEntry) -> tuple[InstrumentVersion, bool]:
    """Store one validated file; returns the version and whether it was new."""
    text = entry.path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    code = entry.instrument.id
    existing = InstrumentVersion.objects.filter(code=code, sha256=digest).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        previous = InstrumentVersion.objects.select_for_update().filter(code=code)
        revision = 1 + max((v.revision for v in previous), default=0)
        previous.update(is_current=False)
        version = InstrumentVersion.objects.create(
            code=code,
            revision=revision,
            name=entry.instrument.name,
            regulation=entry.instrument.regulation,
            status=entry.instrument.status.value,
            source_text=text,
            sha256=digest,
            source_file=entry.path.name,
            is_current=True,
        )
    return version, True
