"""The database connection lost in the middle of a request: the change is rolled back whole
(answer and audit entry), the user reads that nothing was saved, and sending it again works.

The connection is "lost" at one chosen query: the database driver's own OperationalError is
raised there, as a dropped connection raises it, after the queries before it have run.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tera.api.actions import create_token
from tera.assessments.models import Answer
from tera.audit.log import verify
from tera.audit.models import AuditChain, AuditEntry
from tera.evidence.models import Document, EvidenceLink
from tera.ops.middleware import unavailable_message
from tests.evidence.samples import pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db(transaction=True)
AUDIT_INSERT = 'INSERT INTO "audit_auditentry"'


class LostConnection:
    """Lets queries through until the first one containing `at`, which fails as if the server
    had gone away; every query after it goes through again, as after a reconnect."""

    def __init__(self, at):
        self.at = at
        self.lost = False
        self.ran_before = []

    def __call__(self, execute, sql, params, many, context):
        if not self.lost and self.at in sql:
            self.lost = True
            with context["connection"].wrap_database_errors:
                raise context["connection"].Database.OperationalError(
                    "server closed the connection unexpectedly"
                )
        if not self.lost:
            self.ran_before.append(sql)
        return execute(sql, params, many, context)


def form(answer, **changes):
    return {
        "answer-version": answer.version,
        "answer-level": 3,
        "answer-fakta": "Perwali 12/2024 tentang SPBE",
        "answer-analisis": "Memenuhi kriteria tingkat 3",
        "answer-level_source": "",
        **changes,
    }


def save_url(answer):
    return reverse("assessments:answer_save", args=[answer.period_id, answer.indicator])


def state(answer):
    answer.refresh_from_db()
    chains = list(AuditChain.objects.values_list("key", "length", "head_hash"))
    return (answer.version, answer.level, answer.fakta), AuditEntry.objects.count(), chains


@pytest.fixture
def answer(period):
    return Answer.objects.get(period=period, indicator=1)


def post_losing_the_connection(client, url, data, **extra):
    lost = LostConnection(AUDIT_INSERT)
    with connection.execute_wrapper(lost):
        response = client.post(url, data, **extra)
    assert lost.lost and any(sql.startswith("UPDATE") for sql in lost.ran_before)
    return response


def test_a_save_that_loses_the_connection_half_way_writes_nothing(client, koordinator, answer):
    before = state(answer)
    client.force_login(koordinator)
    post_losing_the_connection(client, save_url(answer), form(answer))
    assert state(answer) == before
    assert verify() == []


def test_the_user_reads_that_nothing_was_saved(client, koordinator, answer):
    client.force_login(koordinator)
    response = post_losing_the_connection(client, save_url(answer), form(answer))
    assert response.status_code == 503
    assert response["Retry-After"]
    with translation.override("id"):
        assert unavailable_message() in response.text


def test_sending_the_same_form_again_saves_it(client, koordinator, answer):
    client.force_login(koordinator)
    data = form(answer)
    post_losing_the_connection(client, save_url(answer), data)
    response = client.post(save_url(answer), data)
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.level, answer.fakta) == (3, "Perwali 12/2024 tentang SPBE")
    assert AuditEntry.objects.filter(action="answer.save").count() == 1
    assert verify() == []


def test_an_inline_save_puts_the_message_above_the_page_and_keeps_the_form(
    client, koordinator, answer
):
    client.force_login(koordinator)
    response = post_losing_the_connection(
        client, save_url(answer), form(answer), headers={"HX-Request": "true"}
    )
    assert response.status_code == 503
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#main", "afterbegin show:top")
    assert 'role="alert"' in response.text and "<html" not in response.text


def test_an_api_save_that_loses_the_connection_answers_503_and_the_retry_saves(
    client, koordinator, answer
):
    _token, secret = create_token(koordinator, name="uji")
    url = f"/api/periods/{answer.period_id}/answers/{answer.indicator}"
    body = {"version": answer.version, "level": 2, "fakta": "SK Tim SPBE", "analisis": "Cukup"}
    before = state(answer)
    headers = {"Authorization": f"Bearer {secret}"}

    def put():
        return client.put(url, body, content_type="application/json", headers=headers)

    lost = LostConnection(AUDIT_INSERT)
    with connection.execute_wrapper(lost):
        refused = put()
    assert (refused.status_code, set(refused.json())) == (503, {"detail"})
    assert state(answer) == before
    assert put().status_code == 200
    answer.refresh_from_db()
    assert (answer.level, answer.fakta) == (2, "SK Tim SPBE")


def test_an_upload_whose_citation_loses_the_connection_leaves_no_document_and_no_file(
    client, koordinator, period, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(koordinator)
    url = reverse("evidence:upload_for_answer", args=[period.pk, 2])

    def data():
        return {
            "upload-title": "SK Tim SPBE",
            "upload-category": "kebijakan",
            "upload-file": upload("sk-tim.pdf", pdf_bytes("SK Tim SPBE")),
        }

    lost = LostConnection('INSERT INTO "evidence_evidencelink"')
    with connection.execute_wrapper(lost):
        response = client.post(url, data())
    assert lost.lost and response.status_code == 503
    assert Document.objects.count() == EvidenceLink.objects.count() == 0
    assert stored_files(tmp_path) == [] and verify() == []
    assert client.post(url, data()).status_code == 302
    assert (Document.objects.count(), EvidenceLink.objects.count()) == (1, 1)
    assert len(stored_files(tmp_path)) == 1
