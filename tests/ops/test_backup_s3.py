"""A backup of evidence kept in an S3 bucket (moto's server standing in for it) restores into the
emptied bucket byte for byte: backup and restore go only through Django's storage API."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tera.evidence.actions import add_document
from tera.evidence.models import DocumentRevision
from tests.deploy.test_s3 import bucket, objects_in, pdf_bytes, s3_endpoint  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_of_a_bucket_restores_every_file_byte_for_byte(
    bucket,  # noqa: F811  (the fixture imported above)
    kota,
    koordinator,
    tmp_path,
):
    for number in range(3):
        add_document(
            kota,
            user=koordinator,
            title=f"Perwali {number}",
            category="kebijakan",
            upload=SimpleUploadedFile(f"perwali-{number}.pdf", pdf_bytes()),
        )
    stored = objects_in(bucket)
    archive = tmp_path / "cadangan.tar.gz"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    client, name = bucket
    for key in stored:
        client.delete_object(Bucket=name, Key=key)
    call_command("restore", str(archive))
    assert objects_in(bucket) == stored
    assert {r.file.name: r.sha256 for r in DocumentRevision.objects.all()} == {
        key: hashlib.sha256(content).hexdigest() for key, content in stored.items()
    }
