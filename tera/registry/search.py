"""Finding an instansi by the name a visitor types: "Pangkalpinang" finds "Pemerintah Kota Pangkal
Pinang", "kab sampang" finds "Pemerintah Kab. Sampang", and an old name finds its instansi.

Names are compared without case, spaces or punctuation and without the leading words every name
of its kind carries; a name a visitor types counts when it is part of the instansi's name or of
one of its aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tera.registry.models import Instansi, InstansiAlias

# Leading words of a name, with and without their usual abbreviations.
GOVERNMENT = ("pemerintah", "pemkab", "pemkot", "pemprov")
KINDS = ("kabupaten", "kab", "kota", "provinsi", "prov")
LEADING_WORDS = re.compile(
    rf"^(?:(?:{'|'.join(GOVERNMENT)})\b\W*)?(?:(?:{'|'.join(KINDS)})\b\W*)?", re.IGNORECASE
)
NOT_LETTERS = re.compile(r"[\W_]+")


def compact(text: str) -> str:
    """The letters and digits of a text, without case."""
    return NOT_LETTERS.sub("", text.casefold())


def search_key(query: str) -> str:
    """What a typed name must be part of; the leading words alone ("kota") still search."""
    return compact(LEADING_WORDS.sub("", query.strip())) or compact(query)


def name_keys(name: str) -> tuple[str, str]:
    """A name without its leading words, and whole, for a visitor who searches by those words
    ("Provinsi" lists every province)."""
    return compact(LEADING_WORDS.sub("", name)), compact(name)


def name_matches(query: str, names: Iterable[str]) -> bool:
    key = search_key(query)
    return any(key in variant for name in names for variant in name_keys(name))


def instansi_matching(query: str) -> set[int]:
    """The ids of every instansi one of whose names matches; two queries whatever the count."""
    names: dict[int, list[str]] = {}
    for pk, name in Instansi.objects.values_list("pk", "name"):
        names[pk] = [name]
    for instansi_id, alias in InstansiAlias.objects.values_list("instansi_id", "name"):
        names[instansi_id].append(alias)
    return {pk for pk, known in names.items() if name_matches(query, known)}
