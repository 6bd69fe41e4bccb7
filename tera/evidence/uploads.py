"""An upload handler that streams files to disk and stops once a file passes the size limit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.http import HttpRequest

OVERSIZED = "_tera_oversized_upload"


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Never holds a file in memory, and never writes more than the limit to disk."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.TERA_UPLOAD_MAX_BYTES:
            setattr(self.request, OVERSIZED, self.file_name)
            self.file.close()
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


def oversized_upload(request: HttpRequest) -> str | None:
    """The name of a file dropped for being too large, if any."""
    return getattr(request, OVERSIZED, None)
