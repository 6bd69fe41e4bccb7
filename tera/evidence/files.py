"""What an uploaded file really is, a safe name for it, and its SHA-256, read in chunks."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from tera.core.sheets import unpacked_size
from tera.errors import ActionRefused

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (OLE2, "ole"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x1f\x8b", "gzip"),
)


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extensions: frozenset[str]
    label: str


TYPES = {
    t.key: t
    for t in (
        FileType("pdf", "application/pdf", frozenset({"pdf"}), "PDF"),
        FileType("png", "image/png", frozenset({"png"}), "PNG"),
        FileType("jpeg", "image/jpeg", frozenset({"jpg", "jpeg"}), "JPEG"),
        FileType("gif", "image/gif", frozenset({"gif"}), "GIF"),
        FileType("webp", "image/webp", frozenset({"webp"}), "WebP"),
        FileType(
            "ole", "application/x-ole-storage", frozenset({"doc", "xls", "ppt"}), "Office 97-2003"
        ),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            frozenset({"docx"}),
            "Word",
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            frozenset({"xlsx"}),
            "Excel",
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            frozenset({"pptx"}),
            "PowerPoint",
        ),
        FileType(
            "odf",
            "application/vnd.oasis.opendocument",
            frozenset({"odt", "ods", "odp"}),
            "OpenDocument",
        ),
        FileType("zip", "application/zip", frozenset({"zip"}), "ZIP"),
        FileType("7z", "application/x-7z-compressed", frozenset({"7z"}), "7-Zip"),
        FileType("rar", "application/vnd.rar", frozenset({"rar"}), "RAR"),
        FileType("gzip", "application/gzip", frozenset({"gz", "tgz"}), "GZIP"),
    )
}
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ZIP_KINDS = frozenset({"zip", "docx", "xlsx", "pptx", "odf"})
# No evidence needs more once unpacked; a few MB that claim more are a zip bomb for whoever opens
# them. The server itself never unpacks an upload.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
CHUNK = 1024 * 1024


class RejectedFile(ActionRefused):
    """The upload is not accepted; the message tells the user why, in their language."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    size: int
    sha256: str
    file_type: FileType


def detect(handle: IO[bytes]) -> FileType | None:
    """The file's type from its content alone; None when it is not on the allow-list."""
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return TYPES["webp"]
    key = next((key for signature, key in SIGNATURES if head.startswith(signature)), None)
    if key == "zip":
        key = _zip_kind(handle)
    return TYPES[key] if key else None


def _zip_kind(handle: IO[bytes]) -> str | None:
    """Office files are ZIP archives; only the directory is read, nothing is decompressed."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            is_odf = "mimetype" in names and archive.getinfo("mimetype").file_size < 100
            odf_mime = archive.read("mimetype") if is_odf else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return None
    finally:
        handle.seek(0)
    if odf_mime.startswith(b"application/vnd.oasis.opendocument"):
        return "odf"
    if "[Content_Types].xml" in names:
        for prefix, kind in OOXML_PARTS.items():
            if any(name.startswith(prefix) for name in names):
                return kind
    return "zip"


def safe_name(name: str) -> str:
    """The last part of the name only, in plain characters, never empty or hidden."""
    name = unicodedata.normalize("NFKC", name or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[^\w.()\- ]+", "_", name, flags=re.ASCII)
    name = re.sub(r"[ _]{2,}", "_", name).rstrip(" ._")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem[:100].strip(" ._") or "berkas"
    return f"{stem}.{extension[:10].lower()}" if extension else stem


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def accepted_types() -> list[FileType]:
    """The kinds this instance accepts (TERA_UPLOAD_TYPES), or every kind Tera knows."""
    return [TYPES[key] for key in settings.TERA_UPLOAD_TYPES or TYPES]


def not_accepted() -> RejectedFile:
    if not settings.TERA_UPLOAD_TYPES:
        return RejectedFile(
            _("This kind of file is not accepted. Upload PDF, Office, image or archive files.")
        )
    kinds = ", ".join(sorted({file_type.label for file_type in accepted_types()}))
    return RejectedFile(
        _("This kind of file is not accepted. Accepted kinds: %(kinds)s.") % {"kinds": kinds}
    )


def check_upload(upload: UploadedFile, max_bytes: int) -> CheckedFile:
    """Refuse empty, oversized, disguised or unlisted files; hash the rest in chunks."""
    name = safe_name(upload.name or "")
    if not upload.size:
        raise RejectedFile(_("The file is empty."))
    if upload.size > max_bytes:
        raise RejectedFile(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": _megabytes(upload.size, math.ceil),
                "limit": _megabytes(max_bytes, math.floor),
            }
        )
    file_type = detect(upload.file)
    if file_type is None or file_type not in accepted_types():
        raise not_accepted()
    extension = extension_of(name)
    if extension not in file_type.extensions:
        raise RejectedFile(
            _("The name ends in .%(extension)s but the content is %(kind)s; rename or convert it.")
            % {"extension": extension or "?", "kind": file_type.label}
        )
    if file_type.key in ZIP_KINDS and (unpacked_size(upload.file) or 0) > MAX_UNPACKED_BYTES:
        raise RejectedFile(
            _("The file unpacks to more than %(limit)s GB, which no evidence needs.")
            % {"limit": MAX_UNPACKED_BYTES // 1024 // 1024 // 1024}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name, upload.size, digest.hexdigest(), file_type)


def _megabytes(size: int, rounding: Callable[[float], int]) -> str:
    """Rounded so that a file just over the limit never reads as equal to it."""
    tenths = rounding(size * 10 / 1024 / 1024)
    return f"{tenths // 10},{tenths % 10}"
