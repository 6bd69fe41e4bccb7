"""The files part of a backup: every file of the default storage, local disk or S3 bucket alike,
read and written only through Django's storage API."""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import models

from tera.ops.backup import BackupError
from tera.ops.backup.archive import CHUNK, FILES, Part, Unpacked, add
from tera.ops.backup.database import backed_up_models


def stored_names(folder: str = "") -> Iterator[str]:
    """Every file name in the storage, folder by folder, in a stable order."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # a local storage where nothing was ever uploaded
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name))
    for child in sorted(folders):
        yield from stored_names(str(PurePosixPath(folder, child)))


def referenced_names() -> set[str]:
    """The files that rows name (evidence revisions, job results, any other file field)."""
    names: set[str] = set()
    for model in backed_up_models():
        for field in model._meta.fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.attname: ""})
                names.update(values.values_list(field.attname, flat=True))
    return names


def archive_files(archive: tarfile.TarFile) -> dict[str, Part]:
    parts = {}
    for name in stored_names():
        with default_storage.open(name, "rb") as source:
            parts[name] = add(archive, f"{FILES}/{name}", source, default_storage.size(name))
    return parts


def require_no_conflicts(files: dict[str, Part]) -> None:
    """A file already stored under a name the archive uses must be the same file."""
    different = [
        name for name, part in files.items() if default_storage.exists(name) and _part(name) != part
    ]
    if different:
        raise BackupError(
            f"penyimpanan berkas sudah memuat {len(different)} berkas dengan nama yang sama tetapi "
            f"isi berbeda (misalnya {different[0]}); pulihkan ke penyimpanan yang kosong"
        )


def _part(name: str) -> Part:
    digest, size = hashlib.sha256(), 0
    with default_storage.open(name, "rb") as stored:
        while chunk := stored.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Part(size, digest.hexdigest())


def write(unpacked: Unpacked) -> list[str]:
    """Store every file of the archive not stored yet; the names written, for undoing."""
    written: list[str] = []
    try:
        for name in unpacked.manifest.files:
            if default_storage.exists(name):
                continue  # the same file, as require_no_conflicts made sure
            with unpacked.file(name).open("rb") as source:
                saved = default_storage.save(name, File(source, name=name))
            written.append(saved)
            if saved != name:
                raise BackupError(f"penyimpanan menyimpan {name} dengan nama lain ({saved})")
    except BaseException:
        remove(written)
        raise
    return written


def remove(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
