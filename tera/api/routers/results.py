"""The official results published by KemenPANRB: the filtered table and one instansi's history."""

from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from tera.api.cache import public_json
from tera.api.errors import READ_ERRORS
from tera.api.pagination import Pages, page_of, paged
from tera.api.schemas import WITHOUT_NUL, InstansiOut
from tera.registry.models import Instansi, OfficialResult

router = Router(tags=["official results"])


class DomainValues(Schema):
    kebijakan: str | None
    tata_kelola: str | None
    manajemen: str | None
    layanan: str | None


class ResultRow(Schema):
    year: int
    published_name: str
    index: str
    predikat: str
    domains: DomainValues
    problems: list[str]
    notes: list[str]
    source: str

    @staticmethod
    def resolve_index(result: OfficialResult) -> str:
        return str(result.index)

    @staticmethod
    def resolve_domains(result: OfficialResult) -> dict[str, str | None]:
        return {name: _text(getattr(result, name)) for name in DomainValues.model_fields}


class ResultOut(ResultRow):
    instansi: InstansiOut


class HistoryOut(InstansiOut):
    aliases: list[str]
    results: list[ResultRow]

    @staticmethod
    def resolve_aliases(instansi: Instansi) -> list[str]:
        return [alias.name for alias in instansi.aliases.all()]

    @staticmethod
    def resolve_results(instansi: Instansi) -> list[OfficialResult]:
        return list(instansi.results.all())


class ResultFilter(Schema):
    year: int | None = None
    province: str | None = Field(None, pattern=WITHOUT_NUL)
    kind: Instansi.Kind | None = None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


ResultPage = paged(ResultOut)


@router.get(
    "/results",
    response={200: ResultPage, **READ_ERRORS},
    summary="Official results, filtered by year, province and type of instansi",
)
def list_results(
    request: HttpRequest, filters: Query[ResultFilter], pages: Query[Pages.Input]
) -> HttpResponse:
    """Newest year first, then highest index. Every row keeps its check problems and notes."""
    results = OfficialResult.objects.select_related("instansi")
    if filters.year is not None:
        results = results.filter(year=filters.year)
    if filters.province:
        results = results.filter(instansi__province=filters.province)
    if filters.kind:
        results = results.filter(instansi__kind=filters.kind)
    ordered = results.order_by("-year", "-index", "instansi__name")
    shown = (filters.year, filters.province, filters.kind, pages.offset, pages.limit)
    return public_json(request, shown, ResultPage, lambda: page_of(ordered, pages))


@router.get(
    "/results/instansi/{slug}",
    response={200: HistoryOut, **READ_ERRORS},
    summary="One instansi's official results over the years",
)
def instansi_history(request: HttpRequest, slug: str) -> Instansi:
    queryset = Instansi.objects.prefetch_related(
        "aliases", Prefetch("results", OfficialResult.objects.order_by("-year"))
    )
    return get_object_or_404(queryset, slug=slug)
