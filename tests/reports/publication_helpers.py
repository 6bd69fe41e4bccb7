"""Periods with an official result, and the public pages as an anonymous visitor finds them."""

import io
import re
from collections import deque
from html import unescape

from openpyxl import load_workbook

from tera.assessments.models import Period
from tera.assessments.periods import start_period
from tera.assessments.stages import Entry, record_stage_scores
from tera.core.numbers import format_id
from tera.core.scoring import score
from tests.assessments.submission import lock_with_levels

# Pages a visitor without log-in never reaches, or that are not Tera's own public pages.
NOT_PUBLIC = ("/static/", "/masuk/", "/keluar/", "/i18n/", "/api/", "/admin/", "/akun/")
MOST_PAGES = 400


def official_period(instansi, koordinator, instrument, levels, year=2025):
    """A locked period whose final stage gave these levels (all indicators, at least one above 1).

    The self-assessment is level 1 everywhere; the assessors' final result overrides it.
    """
    period = start_period(instansi=instansi, instrument=instrument, year=year, user=koordinator)
    locked = lock_with_levels(period, koordinator, dict.fromkeys(levels, 1))
    record_stage_scores(
        locked, "final", {n: Entry(level) for n, level in levels.items()}, user=koordinator
    )
    return Period.objects.select_related("instansi", "instrument").get(pk=period.pk)


def self_assessed_period(instansi, koordinator, instrument, levels, year=2025):
    """An open period with these self-assessed levels and no external stage."""
    period = start_period(instansi=instansi, instrument=instrument, year=year, user=koordinator)
    for number, level in levels.items():
        period.answers.filter(indicator=number).update(level=level)
    return period


def index_text(period, levels):
    return format_id(score(period.definition, levels, period.year).index)


def levels_with(usual, other, every):
    """The 47 indicators of SPBE 2020 at the usual level, every n-th at the other one."""
    return {number: other if number % every == 0 else usual for number in range(1, 48)}


def text_of(response):
    """What a visitor reads in a response: the page, or every cell of a workbook."""
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def crawl(client, start="/"):
    """Every page reachable by links from `start` without logging in: url -> its text."""
    seen, found = {start}, {}
    queue = deque([start])
    while queue and len(found) < MOST_PAGES:
        url = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue
        text = text_of(response)
        found[url] = text
        for link in re.findall(r'(?:href|hx-get)="([^"#]+)"', text):
            link = unescape(link)
            if link.startswith("?"):
                link = response.request["PATH_INFO"] + link
            if link.startswith("/") and not link.startswith(NOT_PUBLIC) and link not in seen:
                seen.add(link)
                queue.append(link)
    return found
