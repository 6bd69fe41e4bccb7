"""Background jobs: result, progress, failures with a clear message, and trying again."""

from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone

from tera.jobs.models import Job
from tera.jobs.runner import enqueue, mark_stale_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def run(kind, user, instansi=None, **params):
    job = enqueue(
        f"tests.jobs.handlers.{kind}", title="Uji", user=user, instansi=instansi, **params
    )
    return job


def test_a_finished_job_keeps_its_result_file(koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = run("count_words", koordinator, text="satu dua tiga")
    job.refresh_from_db()
    assert (job.status, job.progress, job.result_name) == (Job.Status.DONE, 100, "jumlah.txt")
    assert job.result.read() == b"3"
    assert job.message == "Berkas sudah siap."  # not the status again ("Selesai Selesai.")


def test_a_job_waits_for_its_transaction_to_commit(koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = run("count_words", koordinator, text="satu")
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


def test_a_crashing_job_fails_with_a_message_and_keeps_nothing(
    koordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = run("crash", koordinator)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "disk penuh" not in job.message  # the user sees a plain message, the log the detail
    assert job.message
    assert not job.result


def test_a_refused_job_shows_the_reason(koordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = run("refuse", koordinator)
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, "Periode ini belum dikunci.")


def test_a_job_whose_worker_died_is_marked_failed(koordinator):
    job = Job.objects.create(
        kind="tests.jobs.handlers.count_words",
        title="Uji",
        requested_by=koordinator,
        status=Job.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(minutes=10),
    )
    assert mark_stale_jobs() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message


def test_trying_a_failed_job_again_runs_it_anew(
    client, koordinator, django_capture_on_commit_callbacks
):
    failed = Job.objects.create(
        kind="tests.jobs.handlers.count_words",
        title="Uji",
        params={"text": "a b"},
        requested_by=koordinator,
        status=Job.Status.FAILED,
    )
    client.force_login(koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:retry", args=[failed.pk]))
    again = Job.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == reverse("jobs:job", args=[again.pk])
    assert (again.status, again.result.read()) == (Job.Status.DONE, b"2")


def test_the_job_page_polls_until_the_job_is_finished(client, koordinator):
    job = Job.objects.create(kind="x", title="Laporan", requested_by=koordinator)
    client.force_login(koordinator)
    response = client.get(reverse("jobs:job", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in response.text
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    response = client.get(reverse("jobs:job", args=[job.pk]), headers={"HX-Request": "true"})
    assert "every 1s" not in response.text


def test_another_instansi_cannot_follow_or_download_a_job(
    client, koordinator, kota, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = run("count_words", koordinator, instansi=kota, text="a")
    client.force_login(outsider)
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_instansi_readers_can_download_a_job_of_their_instansi(
    client, koordinator, kota, pimpinan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = run("count_words", koordinator, instansi=kota, text="a b c d")
    client.force_login(pimpinan)
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"4"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_reader_who_may_not_retry_is_not_offered_the_button(client, koordinator, kota, pimpinan):
    job = Job.objects.create(
        kind="x", title="Laporan", requested_by=koordinator, instansi=kota, status=Job.Status.FAILED
    )
    client.force_login(pimpinan)
    assert (
        reverse("jobs:retry", args=[job.pk])
        not in client.get(reverse("jobs:job", args=[job.pk])).text
    )
    client.force_login(koordinator)
    assert (
        reverse("jobs:retry", args=[job.pk]) in client.get(reverse("jobs:job", args=[job.pk])).text
    )


class FullDisk(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(28, "No space left on device")


def test_a_result_that_cannot_be_stored_fails_the_job_and_a_retry_succeeds(
    settings, koordinator, django_capture_on_commit_callbacks
):
    storages = settings.STORAGES
    settings.STORAGES = {**storages, "default": {"BACKEND": "tests.jobs.test_runner.FullDisk"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = run("count_words", koordinator, text="satu dua")
    job.refresh_from_db()
    assert (job.status, job.result_name) == (Job.Status.FAILED, "")
    assert "tidak dapat disimpan" in job.message and not job.result
    settings.STORAGES = storages
    with django_capture_on_commit_callbacks(execute=True):
        again = run("count_words", koordinator, text="satu dua")
    again.refresh_from_db()
    assert (again.status, again.result.read()) == (Job.Status.DONE, b"2")
