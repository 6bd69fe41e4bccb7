"""Fetching action items for a user: an OPD member reaches only the items their OPD owns."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tera.assessments.models import Period
from tera.organizations.access import Access, User, access_for
from tera.planning.models import ActionItem


def visible_items(period: Period, access: Access) -> QuerySet[ActionItem]:
    items = ActionItem.objects.filter(period=period)
    if access.reads_everything:
        return items
    return items.filter(owner_id__in=access.opd_ids)


def may_work_on(access: Access, item: ActionItem) -> bool:
    """The Koordinator works on every item; an OPD member on the items of their OPD."""
    return access.manages or (item.owner_id is not None and item.owner_id in access.opd_ids)


def get_item_for_user(user: User, pk: int) -> tuple[ActionItem, Access]:
    item = get_object_or_404(
        ActionItem.objects.select_related("period__instansi", "period__instrument", "owner"), pk=pk
    )
    access = access_for(user, item.period.instansi)
    if not (access.reads_everything or item.owner_id in access.opd_ids):
        raise Http404
    return item, access
