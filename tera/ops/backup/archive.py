"""The archive's layout and manifest: writing its parts with their SHA-256, and reading them
back into a folder, checked against the manifest before anything else is touched."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from tera.ops.backup import BackupError

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
FILES = "files"
CHUNK = 1024 * 1024
# Room left for the database and the system while an archive is unpacked.
SPARE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    size: int
    sha256: str


@dataclass
class Manifest:
    tera_version: str
    created_at: str
    database_vendor: str
    migrations: dict[str, list[str]]
    counts: dict[str, int]
    database: Part
    files: dict[str, Part] = field(default_factory=dict)
    # Files that rows name but the storage did not have when the backup was made.
    missing_files: list[str] = field(default_factory=list)
    # Broken audit entries found when the backup was made; a restore may not add any.
    audit_problems: int = 0
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, content: bytes) -> Manifest:
        try:
            data = json.loads(content)
            version = data.pop("format")
            if version != FORMAT:
                raise BackupError(f"format arsip {version!r} tidak dikenal oleh Tera ini")
            data["database"] = Part(**data["database"])
            data["files"] = {name: Part(**part) for name, part in data["files"].items()}
            return cls(**data)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise BackupError(f"{MANIFEST} rusak atau bukan manifes cadangan Tera") from None


class Hashing(io.RawIOBase):
    """Reads through to `source`, keeping the SHA-256 and the size of what was read."""

    def __init__(self, source: IO[bytes]):
        self.source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.source.read(len(buffer))
        buffer[: len(data)] = data
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    def part(self) -> Part:
        return Part(self.size, self.digest.hexdigest())


def add(archive: tarfile.TarFile, name: str, source: IO[bytes], size: int) -> Part:
    """Stream `size` bytes of `source` into the archive; a source that ends early is an error."""
    member = tarfile.TarInfo(name)
    member.size, member.mode = size, 0o600
    reader = Hashing(source)
    archive.addfile(member, reader)
    return reader.part()


def add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    add(archive, name, io.BytesIO(content), len(content))


@dataclass
class Unpacked:
    """An archive unpacked into `folder` and checked: every part is what the manifest says."""

    folder: Path
    manifest: Manifest

    @property
    def database(self) -> Path:
        return self.folder / DATABASE

    def file(self, name: str) -> Path:
        return self.folder / FILES / name


def unpack(path: Path, folder: Path) -> Unpacked:
    """Unpack the archive into `folder`, then refuse it unless every part matches its manifest."""
    try:
        with tarfile.open(path, "r|gz") as archive:
            found = dict(_extract(archive, folder))
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{path.name} bukan arsip cadangan yang utuh ({exc})") from None
    if MANIFEST not in found:
        raise BackupError(f"{path.name} tidak berisi {MANIFEST}; ini bukan cadangan Tera")
    manifest = Manifest.from_json((folder / MANIFEST).read_bytes())
    _check(manifest, found)
    return Unpacked(folder, manifest)


def _extract(archive: tarfile.TarFile, folder: Path) -> Iterator[tuple[str, Part]]:
    seen: set[str] = set()
    room, needed = shutil.disk_usage(folder).free - SPARE_BYTES, 0
    for member in archive:
        name = _member_name(member)
        if name in seen:
            raise BackupError(f"arsip memuat {member.name} dua kali")
        seen.add(name)
        needed += member.size
        if needed > room:
            raise BackupError(
                f"ruang kosong di {folder.parent} tidak cukup untuk membuka arsip "
                f"(lebih dari {needed / 1024**3:.1f} GB diperlukan); arahkan TMPDIR ke disk "
                "yang lebih lega. Tidak ada yang dipulihkan"
            )
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = archive.extractfile(member)
        if source is None:
            raise BackupError(f"{member.name} di arsip tidak dapat dibaca")
        reader = Hashing(source)
        with target.open("wb") as out:
            while chunk := reader.read(CHUNK):
                out.write(chunk)
        yield name, reader.part()


def _member_name(member: tarfile.TarInfo) -> str:
    """Only plain files, at names that stay inside the folder: never links, devices or '..'."""
    path = PurePosixPath(member.name)
    inside = not path.is_absolute() and all(part not in ("", ".", "..") for part in path.parts)
    known = member.name in (MANIFEST, DATABASE) or (len(path.parts) > 1 and path.parts[0] == FILES)
    if not (member.isfile() and inside and known and "\\" not in member.name):
        raise BackupError(f"arsip memuat {member.name!r}, yang bukan bagian cadangan Tera")
    return member.name


def _check(manifest: Manifest, found: dict[str, Part]) -> None:
    expected = {DATABASE: manifest.database}
    expected.update({f"{FILES}/{name}": part for name, part in manifest.files.items()})
    found = {name: part for name, part in found.items() if name != MANIFEST}
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(name for name in set(expected) & set(found) if expected[name] != found[name])
    problems = [
        *(f"{name} tercatat di manifes tetapi tidak ada di arsip" for name in missing),
        *(f"{name} ada di arsip tetapi tidak tercatat di manifes" for name in extra),
        *(f"{name} tidak sama dengan SHA-256 di manifes (berkas diubah)" for name in changed),
    ]
    if problems:
        shown = "; ".join(problems[:5])
        more = f"; dan {len(problems) - 5} lagi" if len(problems) > 5 else ""
        raise BackupError(f"arsip tidak utuh, tidak ada yang dipulihkan: {shown}{more}")
