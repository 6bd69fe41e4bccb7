"""The kinds of evidence file an instance accepts are set with TERA_UPLOAD_TYPES."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tera.evidence.files import RejectedFile, check_upload
from tera.ops.checks import upload_types_are_known

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LIMIT = 1024 * 1024


def test_every_known_kind_is_accepted_without_a_list(settings):
    settings.TERA_UPLOAD_TYPES = []
    assert check_upload(SimpleUploadedFile("denah.png", PNG), LIMIT).file_type.key == "png"


def test_a_kind_left_off_the_list_is_refused_naming_the_accepted_kinds(settings):
    settings.TERA_UPLOAD_TYPES = ["pdf", "docx"]
    with pytest.raises(RejectedFile) as refused:
        check_upload(SimpleUploadedFile("denah.png", PNG), LIMIT)
    assert "PDF, Word" in refused.value.message


def test_a_kind_on_the_list_is_accepted(settings):
    settings.TERA_UPLOAD_TYPES = ["png"]
    assert check_upload(SimpleUploadedFile("denah.png", PNG), LIMIT).file_type.key == "png"


def test_an_unknown_kind_on_the_list_fails_the_system_check(settings):
    settings.TERA_UPLOAD_TYPES = ["pdf", "exe"]
    [error] = upload_types_are_known(None)
    assert error.id == "tera.E001"
    assert "exe" in error.msg
