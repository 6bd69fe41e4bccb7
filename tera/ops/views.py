"""Operations endpoints: a liveness probe for the reverse proxy and the load balancer, and the
icon that browsers ask for at /favicon.ico whatever the page says."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Touches nothing but Django itself, so it is also the benchmarks' bare baseline."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponsePermanentRedirect(static("tera/favicon.svg"))
