"""Telling people about the review of an answer: the reviewers that something waits for them,
the OPD of the indicator that its answer came back or was accepted. In Tera and by e-mail,
once per person, and only once the change is committed."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from tera.assessments.models import Answer, Contribution, Period
from tera.notifications.models import Notification
from tera.organizations.models import Membership

logger = logging.getLogger(__name__)
Kind = Notification.Kind
Role = Membership.Role


def contribution_submitted(contribution: Contribution, actor: Any) -> None:
    text = _("%(opd)s submitted its proposal for %(indicator)s; it waits for your answer.") % {
        "opd": contribution.opd.name,
        "indicator": _indicator(contribution.period, contribution.indicator),
    }
    _tell(_reviewers(contribution.period), actor, Kind.ANSWER_WAITING, text, contribution)


def answer_submitted(answer: Answer, actor: Any) -> None:
    text = _("The answer for %(indicator)s is submitted; it waits for your review.") % {
        "indicator": _indicator(answer.period, answer.indicator)
    }
    _tell(_reviewers(answer.period), actor, Kind.ANSWER_WAITING, text, answer)


def answer_returned(answer: Answer, comment: str, actor: Any) -> None:
    text = _("The answer for %(indicator)s was sent back for revision: %(comment)s") % {
        "indicator": _indicator(answer.period, answer.indicator),
        "comment": comment,
    }
    _tell(_opd_members(answer), actor, Kind.ANSWER_RETURNED, text, answer)


def answer_accepted(answer: Answer, actor: Any) -> None:
    text = _("The answer for %(indicator)s was accepted.") % {
        "indicator": _indicator(answer.period, answer.indicator)
    }
    _tell(_opd_members(answer), actor, Kind.ANSWER_ACCEPTED, text, answer)


def _indicator(period: Period, number: int) -> str:
    return f"{number}. {period.definition.indicator_by_number[number].name}"


def _reviewers(period: Period) -> list[Any]:
    memberships = Membership.objects.filter(
        instansi_id=period.instansi_id,
        role__in=(Role.KOORDINATOR, Role.ASESOR),
        user__is_active=True,
    ).select_related("user")
    return [m.user for m in memberships]


def _opd_members(answer: Answer) -> list[Any]:
    opds = Contribution.objects.filter(period=answer.period_id, indicator=answer.indicator)
    memberships = Membership.objects.filter(
        role=Role.OPD, opd__in=opds.values("opd"), user__is_active=True
    ).select_related("user")
    return [m.user for m in memberships]


def _tell(users: Iterable[Any], actor: Any, kind: str, text: str, about: Any) -> None:
    """Once per person (a Koordinator may be an OPD member too), and nobody about what they
    did themselves."""
    people = list({user.pk: user for user in users if user.pk != actor.pk}.values())
    url = reverse("assessments:indicator", args=[about.period_id, about.indicator])
    Notification.objects.bulk_create(
        Notification(user=user, kind=kind, text=text, url=url) for user in people
    )
    addresses = [user.email for user in people if user.email]
    if addresses:
        transaction.on_commit(lambda: mail_workflow_event(addresses, text, url))


@db_task()
def mail_workflow_event(addresses: list[str], text: str, url: str) -> None:
    """Sent by the worker, so that a slow mail server never delays a click. Each person gets
    their own e-mail; a server that is down loses nothing, as the notification is in Tera."""
    link = settings.TERA_BASE_URL.rstrip("/") + url
    body = "\n\n".join([text, _("Open it in Tera: %(url)s") % {"url": link}])
    subject = _("[Tera] %(subject)s") % {"subject": text[:80]}
    for address in addresses:
        try:
            send_mail(subject, body, None, [address])
        except (smtplib.SMTPException, OSError):
            logger.exception("workflow e-mail not sent; it stays in Tera's notifications")
            return
