"""The what-if page: change levels and see the index, predikat and breakdown move at once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tera.assessments.access import get_period_for_user
from tera.planning.basis import basis_levels
from tera.planning.compare import Comparison
from tera.planning.forms import LevelsForm

TEMPLATE = "planning/whatif.html"


@login_required
def whatif(request: HttpRequest, pk: int) -> HttpResponse:
    """A GET, since trying levels stores nothing; htmx asks for the result region only."""
    period, access = get_period_for_user(request.user, pk)
    access.require(access.reads_everything)
    definition = period.definition
    basis = basis_levels(period)
    chosen = any(f"i{indicator.number}" in request.GET for indicator in definition.indicators)
    # An indicator the address leaves out keeps its basis level; an empty choice clears it.
    data = {f"i{number}": str(level) for number, level in basis.levels.items()}
    data.update(request.GET.dict())
    form = LevelsForm(data if chosen else None, instrument=definition, basis=basis.levels)
    levels = form.levels() if chosen and form.is_valid() else basis.levels
    changes = [
        (number, basis.levels.get(number), levels.get(number))
        for number in sorted(set(basis.levels) | set(levels))
        if basis.levels.get(number) != levels.get(number)
    ]
    context = {
        "period": period,
        "access": access,
        "basis": basis,
        "form": form,
        "groups": [
            (
                aspect,
                [(form[f"i{i.number}"], basis.levels.get(i.number)) for i in aspect.indicators],
            )
            for aspect in definition.aspects
        ],
        "comparison": Comparison(basis.score(period), basis.score(period, levels)),
        "changes": changes,
    }
    template = f"{TEMPLATE}#whatif-result" if request.htmx else TEMPLATE
    return render(request, template, context)
