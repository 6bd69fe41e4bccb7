"""Routes of targets, what-if, the planner, action items and the leadership monitoring view."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tera.planning.basis import basis_levels
from tera.planning.models import ActionItem, StepCost
from tera.planning.plans import fingerprint, plan_for
from tera.planning.targets import parse_goal
from tests.permissions.matrix import LOGIN, MANAGE, MANAGE_PAGE, READ, READ_ALL, Route

PLAN_TARGET = "1,2"  # every indicator unanswered stands at level 1: a few raises reach it
# fmt: off
#             koordinator asesor pimpinan opd_member other_opd provincial outsider admin anonymous
NOT_BAPPEDA =  (200,  200,  200,  200,  404,  200,  200,  200,  LOGIN)
KOMINFO_ITEM = (302,  403,  403,  302,  404,  403,  302,  302,  LOGIN)
# fmt: on


def kominfo_item(side):
    """Diskominfo's item on indicator 1, made on first use: a URL is built before its request."""
    item, _created = ActionItem.objects.get_or_create(
        period=side.period,
        indicator=1,
        owner=side.kominfo,
        defaults={
            "title": "Tetapkan Perwali Tata Kelola SPBE",
            "from_level": 1,
            "target_level": 3,
            "due_on": date(2026, 6, 30),
            "source": ActionItem.Source.MANUAL,
        },
    )
    return item


def item_url(name):
    return lambda s: reverse(name, args=[kominfo_item(s).pk])


def on_item(data):
    """POST data that first makes the item: the refusal test snapshots before building the URL."""

    def build(s, opd):
        kominfo_item(s)
        return data(s, opd)

    return build


def period_url(name):
    return lambda s: reverse(name, args=[s.period.pk])


def accept_data(s, _opd):
    period = s.period
    result = plan_for(
        period, basis_levels(period), parse_goal(PLAN_TARGET, period.definition).value(
            period.definition, period.year
        ),
    )  # fmt: skip
    return {"target": PLAN_TARGET, "fingerprint": fingerprint(result), "due_on": "2026-06-30"}


def sheet_costs(s):
    StepCost.objects.create(period=s.period, indicator=5, to_level=2, cost=4)


def cost_sheet(_s, _opd):
    return {"sheet": SimpleUploadedFile("biaya.csv", b"indicator,cost\n1,3\n")}


def recommendation(s, _opd):
    return {
        "indicator": 3,
        "recommendation": "Susun kebijakan manajemen data dan tetapkan walidata.",
        "target_level": 3,
        "owner": s.kominfo.pk,
        "due_on": "2026-06-30",
    }


ROUTES = [
    # Reading: what-if, the planner and the monitoring view for those who read everything.
    Route("planning:whatif", "GET", period_url("planning:whatif"), READ_ALL),
    Route("planning:planner", "GET", period_url("planning:planner"), READ_ALL),
    Route("planning:monitoring", "GET", period_url("planning:monitoring"), READ_ALL),
    # The target, the costs and accepting a plan: the Koordinator's.
    Route(
        "planning:target",
        "POST",
        period_url("planning:target"),
        MANAGE,
        data=lambda s, o: {"index": "3,00"},
    ),
    Route(
        "planning:costs",
        "POST",
        period_url("planning:costs"),
        MANAGE,
        data=lambda s, o: {"cost-1": "2"},
    ),
    Route(
        "planning:caps",
        "POST",
        period_url("planning:caps"),
        MANAGE,
        data=lambda s, o: {"cap-1": "2"},
    ),
    Route(
        "planning:costs_upload",
        "POST",
        period_url("planning:costs_upload"),
        MANAGE,
        data=cost_sheet,
    ),
    Route(
        "planning:costs_clear",
        "POST",
        period_url("planning:costs_clear"),
        MANAGE,
        arrange=sheet_costs,
    ),
    Route("planning:accept", "POST", period_url("planning:accept"), MANAGE, data=accept_data),
    # Action items: every member lists the items they may see; the Koordinator adds them.
    Route("planning:items", "GET", period_url("planning:items"), READ),
    Route("planning:item_create", "GET", period_url("planning:item_create"), MANAGE_PAGE),
    Route(
        "planning:item_create",
        "POST",
        period_url("planning:item_create"),
        MANAGE,
        data=recommendation,
        label="post",
    ),
    # One item of Diskominfo: its OPD works on it, the readers of everything read it.
    Route("planning:item", "GET", item_url("planning:item"), NOT_BAPPEDA),
    Route(
        "planning:item_status",
        "POST",
        item_url("planning:item_status"),
        KOMINFO_ITEM,
        data=on_item(lambda s, o: {"status": "in_progress"}),
    ),
    Route(
        "planning:item_note",
        "POST",
        item_url("planning:item_note"),
        KOMINFO_ITEM,
        data=on_item(lambda s, o: {"text": "Rancangan Perwali sudah dibahas bagian hukum."}),
    ),
    Route(
        "planning:item_evidence",
        "POST",
        item_url("planning:item_evidence"),
        KOMINFO_ITEM,
        data=on_item(lambda s, o: {"document": s.spare[s.kominfo.pk].pk}),
    ),
]
