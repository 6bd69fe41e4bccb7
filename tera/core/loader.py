"""Instrument loader: reads YAML, validates it whole, and reports every error in Indonesian."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from tera.core.instrument import (
    Aspect,
    Band,
    Domain,
    EvaluationYear,
    Indicator,
    Instrument,
    LevelDetail,
    PredikatBand,
    PredikatRule,
    Scale,
    ScaleLevel,
    SourceIndex,
    Status,
)

WEIGHT_TOLERANCE = Decimal("1e-9")
# Keeps the planner exact and small: its table has one cell per 10^-places of index weight.
MAX_DECIMAL_PLACES = 3
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

TOP_KEYS = {
    "schema",
    "id",
    "name",
    "regulation",
    "status",
    "weights_verified",
    "levels",
    "total_weight",
    "scales",
    "predikat",
    "years",
    "domains",
    "aspects",
    "notes",
    "sources",
    "criteria_note",
}
LEVELS_KEYS = {"min", "max"}
SCALE_KEYS = {"id", "name", "levels", "step", "lowest"}
SCALE_LEVEL_KEYS = {"level", "name", "description"}
BAND_KEYS = {"name", "min", "below", "label"}
YEAR_KEYS = {"year", "predikat_from", "note"}
DOMAIN_KEYS = {"number", "name", "weight", "aspects", "note"}
ASPECT_KEYS = {"number", "name", "weight", "indicators", "note", "aliases"}
INDICATOR_KEYS = {
    "number",
    "name",
    "weight",
    "scale",
    "criteria",
    "evidence",
    "note",
    "aliases",
    "description",
    "baseline",
    "source_index",
}
CRITERION_KEYS = {"text", "condition", "evidence", "items"}
SOURCE_INDEX_KEYS = {
    "id",
    "name",
    "agency",
    "min",
    "max",
    "default",
    "linear",
    "bands",
    "verified",
    "note",
}
LINEAR_KEYS = {"offset", "divisor"}
SOURCE_BAND_KEYS = {"from", "value"}
# A scale's step: whole levels, or values to one or two decimals (Pemdi 2026: 1.26).
ALLOWED_STEPS = (Decimal(1), Decimal("0.1"), Decimal("0.01"))


@dataclass(frozen=True)
class InstrumentError:
    source: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.path or '(akar)'}: {self.message}"


class InvalidInstrument(Exception):
    """Raised with every error found in one instrument file."""

    def __init__(self, errors: list[InstrumentError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys instead of silently keeping the last one."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "kunci harus berupa teks atau angka", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"kunci '{key}' muncul dua kali", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def load_file(path: Path) -> Instrument:
    """Read and validate one instrument file; raise InvalidInstrument listing every problem."""
    source = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        error = InstrumentError(source, "", f"berkas tidak dapat dibaca: {exc}")
        raise InvalidInstrument([error]) from None
    return load_text(text, source)


def read_yaml(text: str) -> Any:
    """The document as plain data; nesting too deep for the parser's recursion is a YAML error."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise yaml.YAMLError("susunan bersarang terlalu dalam") from None


def load_text(text: str, source: str = "<teks>") -> Instrument:
    try:
        data = read_yaml(text)
    except yaml.YAMLError as exc:
        raise InvalidInstrument([InstrumentError(source, "", f"YAML tidak valid: {exc}")]) from None
    return parse(data, source)


def parse(data: object, source: str = "<data>") -> Instrument:
    parser = _Parser(source)
    instrument = parser.instrument(data)
    if parser.errors or instrument is None:
        raise InvalidInstrument(parser.errors)
    return instrument


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.errors: list[InstrumentError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(InstrumentError(self.source, path, message))

    # -- generic field readers -------------------------------------------------------------

    def mapping(self, value: object, path: str, allowed: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, "harus berupa pemetaan (kunci: nilai)")
            return None
        for key in value:
            if key not in allowed:
                self.error(_join(path, str(key)), f"kunci tidak dikenal '{key}'")
        return value

    def items(self, node: dict[str, Any], key: str, path: str) -> list[Any]:
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.error(_join(path, key), "harus berupa daftar yang tidak kosong")
            return []
        return value

    def text(self, node: dict[str, Any], key: str, path: str, required: bool = True) -> str:
        value = node.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(_join(path, key), "wajib diisi dengan teks")
            return ""
        return value.strip()

    def integer(self, node: dict[str, Any], key: str, path: str) -> int | None:
        value = node.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(_join(path, key), "harus berupa bilangan bulat")
            return None
        return value

    def decimal(self, value: object, path: str, positive: bool = True) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(path, "harus berupa angka")
            return None
        try:
            number = Decimal(repr(value) if isinstance(value, float) else str(value))
        except InvalidOperation:
            self.error(path, f"'{value}' bukan angka")
            return None
        if not number.is_finite() or (positive and number <= 0):
            self.error(path, "harus berupa angka positif")
            return None
        if -int(number.as_tuple().exponent) > MAX_DECIMAL_PLACES:
            self.error(path, f"paling banyak {MAX_DECIMAL_PLACES} angka di belakang koma")
            return None
        return number

    def strings(self, node: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = node.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(_join(path, key), "harus berupa daftar teks")
            return ()
        return tuple(value)

    # -- the instrument ----------------------------------------------------------------------

    def instrument(self, data: object) -> Instrument | None:
        root = self.mapping(data, "", TOP_KEYS)
        if root is None:
            return None
        if root.get("schema") != 1:
            self.error("schema", "versi skema harus 1")
        instrument_id = self.text(root, "id", "")
        if instrument_id and not ID_PATTERN.match(instrument_id):
            self.error("id", "hanya huruf kecil, angka, dan tanda hubung (contoh: spbe-2020)")
        status = self.status(root)
        min_level, max_level = self.level_range(root)
        total = self.decimal(root.get("total_weight", 100), "total_weight") or Decimal(100)
        scales = self.scales(root, min_level, max_level)
        domains, aspects = self.hierarchy(root, {s.id for s in scales}, min_level, max_level)
        self.check_weights(domains, aspects, total)
        bands = self.predikat_bands(root)
        instrument = Instrument(
            id=instrument_id,
            name=self.text(root, "name", ""),
            regulation=self.text(root, "regulation", ""),
            status=status,
            weights_verified=self.boolean(root, "weights_verified"),
            min_level=min_level,
            max_level=max_level,
            total_weight=total,
            scales=scales,
            predikat_bands=bands,
            years=self.years(root),
            domains=domains,
            aspects=aspects,
            notes=self.strings(root, "notes", ""),
            sources=self.strings(root, "sources", ""),
            criteria_note=self.text(root, "criteria_note", "", required=False),
        )
        self.check_values(instrument)
        return instrument

    def check_values(self, instrument: Instrument) -> None:
        """A source index's converted values and default must be values its scale takes."""
        for indicator in instrument.source_indexed:
            source = indicator.source_index
            assert source is not None
            scale = next((s for s in instrument.scales if s.id == indicator.scale), None)
            if scale is None:
                continue
            values = [source.default, *(band.value for band in source.bands)]
            if source.is_linear:
                values += [source.convert(source.lower, scale.places)]
                values += [source.convert(source.upper, scale.places)]
            wrong = [v for v in values if not scale.allows(v)]
            if wrong:
                self.error(
                    f"indikator {indicator.number}.source_index",
                    f"nilai {wrong[0]} di luar nilai skala '{scale.id}' ({scale.range_text()})",
                )

    def boolean(self, node: dict[str, Any], key: str) -> bool:
        value = node.get(key, True)
        if not isinstance(value, bool):
            self.error(key, "harus true atau false")
            return False
        return value

    def status(self, root: dict[str, Any]) -> Status:
        value = root.get("status")
        try:
            return Status(str(value))
        except ValueError:
            allowed = ", ".join(s.value for s in Status)
            self.error("status", f"'{value}' tidak dikenal; pilih salah satu: {allowed}")
            return Status.UNVERIFIED

    def level_range(self, root: dict[str, Any]) -> tuple[int, int]:
        levels = self.mapping(root.get("levels"), "levels", LEVELS_KEYS)
        if levels is None:
            return 1, 5
        low, high = self.integer(levels, "min", "levels"), self.integer(levels, "max", "levels")
        if low is None or high is None:
            return 1, 5
        if not 0 <= low < high <= 10:
            self.error("levels", "harus 0 <= min < max <= 10")
            return 1, 5
        return low, high

    def scales(self, root: dict[str, Any], low: int, high: int) -> tuple[Scale, ...]:
        scales = []
        seen: set[str] = set()
        for index, item in enumerate(self.items(root, "scales", "")):
            path = f"scales[{index}]"
            node = self.mapping(item, path, SCALE_KEYS)
            if node is None:
                continue
            scale_id = self.text(node, "id", path)
            if scale_id in seen:
                self.error(_join(path, "id"), f"skala '{scale_id}' didefinisikan dua kali")
            seen.add(scale_id)
            levels = tuple(self.scale_levels(node, path))
            self.check_level_keys([lv.level for lv in levels], low, high, _join(path, "levels"))
            step, lowest = self.scale_values(node, path, low)
            scales.append(Scale(scale_id, self.text(node, "name", path), levels, step, lowest))
        return tuple(scales)

    def scale_values(self, node: dict[str, Any], path: str, low: int) -> tuple[Decimal, Decimal]:
        """Which values answers on the scale take: by default whole levels from 0."""
        step = self.decimal(node.get("step", 1), _join(path, "step")) or Decimal(1)
        if step not in ALLOWED_STEPS:
            self.error(_join(path, "step"), "harus 1, 0.1 atau 0.01")
            step = Decimal(1)
        lowest = self.decimal(node.get("lowest", 0), _join(path, "lowest"), False)
        if lowest is None or not 0 <= lowest <= low or lowest % step:
            self.error(_join(path, "lowest"), f"harus kelipatan step antara 0 dan {low}")
            lowest = Decimal(0)
        return step, lowest

    def scale_levels(self, node: dict[str, Any], path: str) -> Iterable[ScaleLevel]:
        for index, item in enumerate(self.items(node, "levels", path)):
            level_path = f"{path}.levels[{index}]"
            level_node = self.mapping(item, level_path, SCALE_LEVEL_KEYS)
            if level_node is None:
                continue
            level = self.integer(level_node, "level", level_path)
            if level is not None:
                yield ScaleLevel(
                    level,
                    self.text(level_node, "name", level_path),
                    self.text(level_node, "description", level_path, required=False),
                )

    def check_level_keys(self, levels: list[int], low: int, high: int, path: str) -> None:
        expected = set(range(low, high + 1))
        if len(levels) != len(set(levels)):
            self.error(path, "ada tingkat yang ditulis dua kali")
        missing = sorted(expected - set(levels))
        extra = sorted(set(levels) - expected)
        if missing:
            self.error(path, f"tingkat tidak lengkap, belum ada: {_listing(missing)}")
        if extra:
            self.error(path, f"tingkat di luar rentang {low}-{high}: {_listing(extra)}")

    # -- hierarchy -------------------------------------------------------------------------

    def hierarchy(
        self, root: dict[str, Any], scale_ids: set[str], low: int, high: int
    ) -> tuple[tuple[Domain, ...], tuple[Aspect, ...]]:
        has_domains, has_aspects = "domains" in root, "aspects" in root
        if has_domains == has_aspects:
            self.error("", "isi tepat salah satu: 'domains' (domain > aspek) atau 'aspects'")
            return (), ()
        numbers = _NumberRegistry(self)
        reader = _NodeReader(self, numbers, scale_ids, low, high)
        if has_aspects:
            aspects = tuple(reader.aspects(root, "", None))
            return (), aspects
        domains = tuple(reader.domains(root))
        return domains, tuple(a for d in domains for a in d.aspects)

    def check_weights(
        self, domains: tuple[Domain, ...], aspects: tuple[Aspect, ...], total: Decimal
    ) -> None:
        top: tuple[Domain, ...] | tuple[Aspect, ...] = domains or aspects
        self.check_sum(top, total, "", "bobot total")
        for d_index, domain in enumerate(domains):
            self.check_sum(domain.aspects, domain.weight, f"domains[{d_index}]", "bobot domain")
        for a_index, aspect in enumerate(aspects):
            self.check_sum(
                aspect.indicators,
                aspect.weight,
                _aspect_path(aspects, a_index, domains),
                "bobot aspek",
            )

    def check_sum(
        self,
        children: Iterable[Domain | Aspect | Indicator],
        expected: Decimal,
        path: str,
        what: str,
    ) -> None:
        children = list(children)
        if not children:
            return
        actual = sum((child.weight for child in children), Decimal(0))
        if abs(actual - expected) > WEIGHT_TOLERANCE:
            self.error(path, f"jumlah bobot anak = {actual}, padahal {what} = {expected}")

    # -- predikat and years ----------------------------------------------------------------

    def predikat_bands(self, root: dict[str, Any]) -> tuple[PredikatBand, ...]:
        bands = []
        for index, item in enumerate(self.items(root, "predikat", "")):
            path = f"predikat[{index}]"
            node = self.mapping(item, path, BAND_KEYS)
            if node is None:
                continue
            lower = self.decimal(node["min"], _join(path, "min"), False) if "min" in node else None
            upper = (
                self.decimal(node["below"], _join(path, "below"), False)
                if "below" in node
                else None
            )
            if lower is not None and upper is not None and lower >= upper:
                self.error(path, f"min ({lower}) harus lebih kecil dari below ({upper})")
            bands.append(
                PredikatBand(
                    self.text(node, "name", path),
                    lower,
                    upper,
                    self.text(node, "label", path, required=False),
                )
            )
        self.check_bands(bands)
        return tuple(sorted(bands, key=lambda b: b.lower if b.lower is not None else Decimal(-1)))

    def check_bands(self, bands: list[PredikatBand]) -> None:
        if not bands:
            return
        ordered = sorted(bands, key=lambda b: b.lower if b.lower is not None else Decimal(-1))
        if ordered[0].lower is not None:
            self.error("predikat", f"tidak ada predikat untuk nilai di bawah {ordered[0].lower}")
        if ordered[-1].upper is not None:
            self.error("predikat", f"tidak ada predikat untuk nilai {ordered[-1].upper} ke atas")
        for below, above in zip(ordered, ordered[1:], strict=False):
            if below.upper is None or above.lower is None:
                self.error("predikat", f"rentang '{below.name}' dan '{above.name}' tumpang tindih")
            elif below.upper < above.lower:
                self.error(
                    "predikat",
                    f"celah antara '{below.name}' (di bawah {below.upper}) "
                    f"dan '{above.name}' (mulai {above.lower})",
                )
            elif below.upper > above.lower:
                self.error(
                    "predikat",
                    f"rentang '{below.name}' dan '{above.name}' tumpang tindih "
                    f"({above.lower} sampai {below.upper})",
                )

    def years(self, root: dict[str, Any]) -> tuple[EvaluationYear, ...]:
        years = []
        for index, item in enumerate(root.get("years") or []):
            path = f"years[{index}]"
            node = self.mapping(item, path, YEAR_KEYS)
            if node is None:
                continue
            year = self.integer(node, "year", path)
            try:
                rule = PredikatRule(str(node.get("predikat_from")))
            except ValueError:
                self.error(_join(path, "predikat_from"), "pilih 'unrounded' atau 'rounded'")
                continue
            if year is not None:
                years.append(EvaluationYear(year, rule, self.text(node, "note", path, False)))
        if len({y.year for y in years}) != len(years):
            self.error("years", "ada tahun evaluasi yang ditulis dua kali")
        return tuple(sorted(years, key=lambda y: y.year))


class _NumberRegistry:
    """Detects a number used twice for the same kind of node anywhere in the file."""

    def __init__(self, parser: _Parser):
        self.parser = parser
        self.seen: dict[str, dict[int, str]] = {"domain": {}, "aspek": {}, "indikator": {}}

    def claim(self, kind: str, number: int, path: str) -> None:
        first = self.seen[kind].get(number)
        if first is not None:
            self.parser.error(
                _join(path, "number"), f"nomor {kind} {number} sudah dipakai di {first}"
            )
        else:
            self.seen[kind][number] = path


class _NodeReader:
    def __init__(
        self, parser: _Parser, numbers: _NumberRegistry, scale_ids: set[str], low: int, high: int
    ):
        self.parser, self.numbers = parser, numbers
        self.scale_ids, self.low, self.high = scale_ids, low, high

    def header(
        self, item: object, path: str, keys: set[str], kind: str
    ) -> tuple[dict[str, Any], int, str, Decimal] | None:
        node = self.parser.mapping(item, path, keys)
        if node is None:
            return None
        number = self.parser.integer(node, "number", path)
        name = self.parser.text(node, "name", path)
        weight = self.parser.decimal(node.get("weight"), _join(path, "weight"))
        if number is None or weight is None:
            return None
        self.numbers.claim(kind, number, path)
        return node, number, name, weight

    def domains(self, root: dict[str, Any]) -> Iterable[Domain]:
        for index, item in enumerate(self.parser.items(root, "domains", "")):
            path = f"domains[{index}]"
            header = self.header(item, path, DOMAIN_KEYS, "domain")
            if header is not None:
                node, number, name, weight = header
                yield Domain(number, name, weight, tuple(self.aspects(node, path, number)))

    def aspects(self, parent: dict[str, Any], path: str, domain: int | None) -> Iterable[Aspect]:
        for index, item in enumerate(self.parser.items(parent, "aspects", path)):
            aspect_path = _join(path, f"aspects[{index}]")
            header = self.header(item, aspect_path, ASPECT_KEYS, "aspek")
            if header is not None:
                node, number, name, weight = header
                indicators = tuple(self.indicators(node, aspect_path, number))
                aliases = self.parser.strings(node, "aliases", aspect_path)
            yield Aspect(number, name, weight, indicators, domain, aliases)

    def indicators(
        self, aspect: dict[str, Any], path: str, aspect_number: int
    ) -> Iterable[Indicator]:
        for index, item in enumerate(self.parser.items(aspect, "indicators", path)):
            indicator_path = f"{path}.indicators[{index}]"
            header = self.header(item, indicator_path, INDICATOR_KEYS, "indikator")
            if header is None:
                continue
            node, number, name, weight = header
            scale = self.parser.text(node, "scale", indicator_path)
            if scale and scale not in self.scale_ids:
                self.parser.error(
                    _join(indicator_path, "scale"), f"skala '{scale}' tidak didefinisikan"
                )
            criteria, details = self.criteria(node, indicator_path)
            text = self.parser.text
            yield Indicator(
                number=number,
                name=name,
                weight=weight,
                aspect_number=aspect_number,
                scale=scale,
                criteria=criteria,
                evidence=text(node, "evidence", indicator_path, required=False),
                note=text(node, "note", indicator_path, required=False),
                aliases=self.parser.strings(node, "aliases", indicator_path),
                description=text(node, "description", indicator_path, required=False),
                details=details,
                baseline=text(node, "baseline", indicator_path, required=False),
                source_index=self.source_index(node, indicator_path),
            )

    def criteria(
        self, node: dict[str, Any], path: str
    ) -> tuple[dict[int, str], dict[int, LevelDetail]]:
        """Per level a criterion: a text, or {text, condition, evidence, items} as in Pemdi's."""
        value = node.get("criteria")
        if value is None:
            return {}, {}
        criteria_path = _join(path, "criteria")
        if not isinstance(value, dict):
            self.parser.error(criteria_path, "harus berupa pemetaan tingkat: kriteria")
            return {}, {}
        criteria, details = {}, {}
        for key, entry in value.items():
            if not isinstance(key, int):
                self.parser.error(criteria_path, f"kunci tingkat '{key}' harus bilangan bulat")
                continue
            level_path = f"{criteria_path}.{key}"
            if isinstance(entry, dict):
                criteria[key], details[key] = self.criterion(entry, level_path)
            else:
                criteria[key] = "" if entry is None else str(entry).strip()
            if not criteria[key]:
                self.parser.error(level_path, "kriteria tingkat kosong")
        self.parser.check_level_keys(list(criteria), self.low, self.high, criteria_path)
        return criteria, details

    def criterion(self, entry: dict[str, Any], path: str) -> tuple[str, LevelDetail]:
        node = self.parser.mapping(entry, path, CRITERION_KEYS) or {}
        text = self.parser.text
        items = self.parser.strings(node, "items", path)
        if any(not item.strip() for item in items):
            self.parser.error(_join(path, "items"), "butir data dukung kosong")
        detail = LevelDetail(
            condition=text(node, "condition", path, required=False),
            evidence=text(node, "evidence", path, required=False),
            items=tuple(item.strip() for item in items),
        )
        return text(node, "text", path), detail

    def source_index(self, node: dict[str, Any], path: str) -> SourceIndex | None:
        """The other agency's index the indicator's value is converted from, if any."""
        if "source_index" not in node:
            return None
        path = _join(path, "source_index")
        source = self.parser.mapping(node["source_index"], path, SOURCE_INDEX_KEYS)
        if source is None:
            return None
        number = self.parser.decimal
        lower = number(source.get("min"), _join(path, "min"), False)
        upper = number(source.get("max"), _join(path, "max"), False)
        default = number(source.get("default", self.low), _join(path, "default"), False)
        if lower is None or upper is None or default is None:
            return None
        if lower >= upper:
            self.parser.error(path, f"min ({lower}) harus lebih kecil dari max ({upper})")
        verified = source.get("verified", False)
        if not isinstance(verified, bool):
            self.parser.error(_join(path, "verified"), "harus true atau false")
        has_linear, has_bands = "linear" in source, "bands" in source
        if has_linear == has_bands:
            self.parser.error(path, "isi tepat salah satu: 'linear' atau 'bands'")
            return None
        offset = divisor = None
        bands: tuple[Band, ...] = ()
        if has_linear:
            offset, divisor = self.linear(source["linear"], _join(path, "linear"))
        else:
            bands = self.source_bands(source, path, lower)
        return SourceIndex(
            id=self.parser.text(source, "id", path),
            name=self.parser.text(source, "name", path),
            agency=self.parser.text(source, "agency", path),
            lower=lower,
            upper=upper,
            default=default,
            offset=offset,
            divisor=divisor,
            bands=bands,
            verified=verified is True,
            note=self.parser.text(source, "note", path, required=False),
        )

    def linear(self, value: object, path: str) -> tuple[Decimal | None, Decimal | None]:
        linear = self.parser.mapping(value, path, LINEAR_KEYS)
        if linear is None:
            return None, None
        offset = self.parser.decimal(linear.get("offset"), _join(path, "offset"), False)
        divisor = self.parser.decimal(linear.get("divisor"), _join(path, "divisor"))
        return offset, divisor

    def source_bands(self, source: dict[str, Any], path: str, lower: Decimal) -> tuple[Band, ...]:
        bands = []
        for index, item in enumerate(self.parser.items(source, "bands", path)):
            band_path = f"{path}.bands[{index}]"
            band = self.parser.mapping(item, band_path, SOURCE_BAND_KEYS)
            if band is None:
                continue
            start = self.parser.decimal(band.get("from"), _join(band_path, "from"), False)
            value = self.parser.decimal(band.get("value"), _join(band_path, "value"), False)
            if start is not None and value is not None:
                bands.append(Band(start, value))
        starts = [band.lower for band in bands]
        if starts and (starts != sorted(set(starts)) or starts[0] != lower):
            self.parser.error(
                _join(path, "bands"), f"rentang harus naik dan yang pertama mulai dari {lower}"
            )
        return tuple(bands)


def _aspect_path(aspects: tuple[Aspect, ...], index: int, domains: tuple[Domain, ...]) -> str:
    if not domains:
        return f"aspects[{index}]"
    aspect = aspects[index]
    for d_index, domain in enumerate(domains):
        if aspect in domain.aspects:
            return f"domains[{d_index}].aspects[{domain.aspects.index(aspect)}]"
    return f"aspects[{index}]"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _listing(values: list[int]) -> str:
    return ", ".join(str(v) for v in values)
