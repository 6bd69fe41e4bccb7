"""Evidence files in an S3-compatible bucket: moto's standalone server on localhost stands in
for the object storage, reached over real HTTP through django-storages and boto3."""

import hashlib
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tera.evidence.models import Document, DocumentRevision

pytestmark = pytest.mark.django_db
KEYS = {"aws_access_key_id": "tera-uji", "aws_secret_access_key": "tera-uji-rahasia"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"moto's server stopped at start with status {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"moto's server did not answer at {url}")


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{endpoint}/moto-api/", process)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new bucket, and Tera's default storage pointed at it as TERA_S3_BUCKET would."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    name = f"tera-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **KEYS)
    client.create_bucket(Bucket=name)
    options = {
        **settings.S3_STORAGE["OPTIONS"],
        "bucket_name": name,
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        "access_key": KEYS["aws_access_key_id"],
        "secret_key": KEYS["aws_secret_access_key"],
        "addressing_style": "path",
    }
    # Changing STORAGES makes Django forget the storages it built (django.test.signals).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": settings.S3_STORAGE["BACKEND"], "OPTIONS": options},
    }
    return client, name


def objects_in(bucket) -> dict[str, bytes]:
    client, name = bucket
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read()
        for item in listed
    }


def pdf_bytes() -> bytes:
    """A PDF nobody uploaded before: the evidence bank refuses the same bytes twice."""
    return b"%PDF-1.4\n" + uuid.uuid4().hex.encode() * 50 + b"\n%%EOF\n"


def a_pdf(content: bytes | None = None, name: str = "perwali.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or pdf_bytes())


def upload(client, kota, file):
    return client.post(
        reverse("evidence:document_create", args=[kota.pk]),
        {"title": "Perwali SPBE", "category": "kebijakan", "file": file},
    )


def test_an_uploaded_file_is_stored_in_the_bucket_with_its_bytes(client, bucket, kota, koordinator):
    content = pdf_bytes()
    client.force_login(koordinator)
    assert upload(client, kota, a_pdf(content)).status_code == 302
    revision = DocumentRevision.objects.get()
    assert objects_in(bucket) == {revision.file.name: content}
    assert revision.sha256 == hashlib.sha256(content).hexdigest()


def test_the_download_returns_the_bucket_bytes_to_an_authorised_user(
    client, bucket, kota, koordinator, asesor
):
    content = pdf_bytes()
    client.force_login(koordinator)
    upload(client, kota, a_pdf(content))
    client.force_login(asesor)
    response = client.get(reverse("evidence:download", args=[DocumentRevision.objects.get().pk]))
    assert response.status_code == 200
    assert response.getvalue() == content


def test_the_download_is_404_for_an_outsider(client, bucket, kota, koordinator, outsider):
    client.force_login(koordinator)
    upload(client, kota, a_pdf())
    client.force_login(outsider)
    response = client.get(reverse("evidence:download", args=[DocumentRevision.objects.get().pk]))
    assert response.status_code == 404


def test_a_new_revision_adds_an_object_and_keeps_the_first(client, bucket, kota, koordinator):
    client.force_login(koordinator)
    upload(client, kota, a_pdf())
    document = Document.objects.get()
    content = pdf_bytes()
    second = a_pdf(content, "perwali-revisi.pdf")
    client.post(reverse("evidence:revision_create", args=[document.pk]), {"file": second})
    stored = objects_in(bucket)
    assert len(stored) == 2
    newest = document.revisions.first()
    assert stored[newest.file.name] == content


def test_a_refused_file_leaves_no_object(client, bucket, kota, koordinator):
    client.force_login(koordinator)
    disguised = SimpleUploadedFile("perwali.pdf", b"MZ\x90\x00 bukan pdf")
    assert upload(client, kota, disguised).status_code == 400
    assert objects_in(bucket) == {}


def test_an_upload_that_fails_after_the_file_was_written_removes_the_object(
    client, bucket, kota, koordinator, monkeypatch
):
    def broken_log(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("tera.evidence.actions.record", broken_log)
    client.force_login(koordinator)
    with pytest.raises(RuntimeError):
        upload(client, kota, a_pdf())
    assert objects_in(bucket) == {}
    assert not Document.objects.exists()
