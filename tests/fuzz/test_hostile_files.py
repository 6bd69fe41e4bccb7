"""Every hostile file of the corpus against every importer and upload.

Each attempt ends in a clear refusal, with the database and the storage left as they were, or
in a safe acceptance; never in a server error, an unhandled exception or a blown memory. The
readers themselves also run in a child process under a hard memory limit.
"""

from __future__ import annotations

import io
import multiprocessing
import resource
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.forms import BaseForm
from django.urls import reverse

from tera.assessments.periods import start_period
from tera.core.crosswalk import is_crosswalk_file, load_crosswalk_file
from tera.core.loader import load_file
from tera.core.sheets import read_rows
from tera.evidence.files import TYPES, check_upload
from tera.evidence.models import DocumentRevision
from tera.reports.workbooks.reader import read_workbook
from tests.assessments.submission import lock_with_levels
from tests.fuzz.hostile_files import Hostile, corpus, write

pytestmark = pytest.mark.django_db
SECONDS_PER_ATTEMPT = 60
# The corpus holds zip bombs of 2 GiB and more: unpacking any of them would pass this at once.
MEMORY_GROWTH_LIMIT = 512 * 1024 * 1024
CHILD_MEMORY = 768 * 1024 * 1024
ANSWERS = "indikator,tingkat\n1,3\n2,4\n"
BAD_INPUT = 2  # the exit status of every `tera` command refusing its input


@pytest.fixture(scope="module")
def hostile() -> list[Hostile]:
    return corpus()


@dataclass
class World:
    client: Any
    period: Any  # open, with its OPD assigned
    locked: Any  # last year's, locked, for the assessors' stage scores
    folder: Path

    def path_of(self, hostile: Hostile) -> Path:
        return write(self.folder, [hostile])[0]

    @property
    def answers(self) -> Path:
        path = self.folder / "jawaban-baik.csv"
        path.write_text(ANSWERS)
        return path


@pytest.fixture
def world(client, period, koordinator, spbe_2020_version, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    last_year = start_period(
        instansi=period.instansi, instrument=spbe_2020_version, year=2024, user=koordinator
    )
    locked = lock_with_levels(last_year, koordinator, {1: 3, 2: 2, 3: 2})
    client.force_login(koordinator)
    folder = tmp_path / "corpus"
    folder.mkdir()
    return World(client, period, locked, folder)


@dataclass(frozen=True)
class Attempt:
    accepted: bool
    message: str


class Crash(Exception):
    """The attempt ended in neither a refusal nor an acceptance."""


def state(world: World) -> tuple[Any, ...]:
    """What a refused attempt must leave as it was: every table's rows and every stored file."""
    counts = {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower != "sessions.session"
    }
    answers = list(world.period.answers.order_by("pk").values_list("version", "fakta"))
    root = Path(settings.MEDIA_ROOT)
    files = sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []
    return counts, answers, files


def refusal_message(response: Any) -> str:
    """Every error the page shows: form errors, problems listed, the page's own error."""
    texts: list[str] = []
    contexts = response.context if isinstance(response.context, list) else [response.context]
    pairs = [pair for context in contexts if context for pair in context.flatten().items()]
    for key, value in pairs:
        if isinstance(value, BaseForm):
            texts += [str(error) for errors in value.errors.values() for error in errors]
        elif key in ("problems", "error") and value:
            texts += [str(item) for item in value] if isinstance(value, list) else [str(value)]
        elif key == "rejected" and value:
            texts += [str(problem) for problem in value.problems]
    return " ".join(texts)


def judged(response: Any, accepted: tuple[int, ...]) -> Attempt:
    if response.status_code in accepted:
        return Attempt(True, "")
    if response.status_code == 400:
        return Attempt(False, refusal_message(response))
    raise Crash(f"answered {response.status_code}")


def posted(
    url: Callable[[World], str], field: str, extra: dict[str, str], accepted: tuple[int, ...]
) -> Callable[[World, Hostile], Attempt]:
    def attempt(world: World, hostile: Hostile) -> Attempt:
        data = {**extra, field: SimpleUploadedFile(hostile.name, hostile.content)}
        return judged(world.client.post(url(world), data), accepted)

    return attempt


def command(*arguments: Callable[[World, Path], str]) -> Callable[[World, Hostile], Attempt]:
    """A `tera` command; each argument is made from the world and the hostile file's path."""

    def attempt(world: World, hostile: Hostile) -> Attempt:
        path = world.path_of(hostile)
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*(argument(world, path) for argument in arguments), stdout=out, stderr=err)
        except SystemExit as exit_status:
            if exit_status.code != BAD_INPUT:
                raise Crash(f"exit status {exit_status.code}") from None
            return Attempt(False, err.getvalue())
        except CommandError as error:
            if error.returncode != BAD_INPUT:
                raise
            return Attempt(False, str(error))
        return Attempt(True, out.getvalue())

    return attempt


def word(text: str) -> Callable[[World, Path], str]:
    return lambda _world, _path: text


def the_file(_world: World, path: Path) -> str:
    return str(path)


TARGETS: dict[str, Callable[[World, Hostile], Attempt]] = {
    "evidence upload": posted(
        lambda w: reverse("evidence:document_create", args=[w.period.instansi_id]),
        "file",
        {"title": "Bukti", "category": "lainnya"},
        accepted=(302,),
    ),
    "evidence upload on an indicator": posted(
        lambda w: reverse("evidence:upload_for_answer", args=[w.period.pk, 1]),
        "upload-file",
        {"upload-title": "Bukti", "upload-category": "lainnya"},
        accepted=(302,),
    ),
    "people import": posted(
        lambda w: reverse("organizations:people_import", args=[w.period.instansi_id]),
        "sheet",
        {},
        accepted=(200,),
    ),
    "stage score sheet": posted(
        lambda w: reverse("assessments:stage_import", args=[w.locked.pk]),
        "sheet",
        {"stage": "dokumen"},
        accepted=(302,),
    ),
    "cost sheet": posted(
        lambda w: reverse("planning:costs_upload", args=[w.period.pk]),
        "sheet",
        {},
        accepted=(302,),
    ),
    "period workbook": posted(
        lambda w: reverse("reports:workbook_import", args=[w.period.pk]),
        "workbook",
        {},
        accepted=(302,),
    ),
    "tera instruments validate": command(word("instruments"), word("validate"), the_file),
    "tera score": command(word("score"), the_file),
    "tera plan (answers)": command(word("plan"), the_file, word("--target"), word("3.00")),
    "tera plan --costs": command(
        word("plan"),
        lambda world, _path: str(world.answers),
        word("--target"),
        word("3.00"),
        word("--costs"),
        the_file,
    ),
    "tera results import --file": command(
        word("results"), word("import"), word("--file"), the_file
    ),
}


class TimeUp(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """A guard against a reader that never ends, not a measure of speed."""

    def stop(_signal: int, _frame: Any) -> None:
        raise TimeUp(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def peak_memory() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def problems_with(world: World, target: str, hostile: Hostile) -> list[str]:
    before = state(world)
    try:
        with time_limit(SECONDS_PER_ATTEMPT):
            attempt = TARGETS[target](world, hostile)
    except Exception as exc:  # Crash, TimeUp, or whatever escaped the importer
        return [f"{hostile.name} ({hostile.attack}): {type(exc).__name__}: {str(exc)[:200]}"]
    if attempt.accepted:
        return safety_problems(world, target, hostile)
    problems = []
    if not attempt.message.strip():
        problems.append(f"{hostile.name}: refused without a message")
    if state(world) != before:
        problems.append(f"{hostile.name}: refused, yet the database or the storage changed")
    return problems


def safety_problems(world: World, target: str, hostile: Hostile) -> list[str]:
    """An accepted evidence file is kept byte for byte as one of the allowed kinds."""
    if not target.startswith("evidence"):
        return []
    revision = DocumentRevision.objects.filter(original_name=hostile.name).first()
    if revision is None:  # the same bytes were in the bank already: that document is used
        return []
    kinds = {file_type.content_type for file_type in TYPES.values()}
    with revision.file.open("rb") as stored:
        intact = stored.read() == hostile.content
    if revision.content_type in kinds and intact:
        return []
    return [f"{hostile.name}: accepted as {revision.content_type}, intact={intact}"]


@pytest.mark.parametrize("target", TARGETS)
def test_every_hostile_file_is_refused_clearly_or_accepted_safely(target, world, hostile):
    peak_before = peak_memory()
    problems = [problem for file in hostile for problem in problems_with(world, target, file)]
    assert problems == []
    assert peak_memory() - peak_before < MEMORY_GROWTH_LIMIT


def test_the_corpus_holds_at_least_thirty_hostile_files(hostile):
    assert len({file.name for file in hostile}) == len(hostile) >= 30


# The readers under a hard limit: a child process that may not map more than CHILD_MEMORY.

READERS: dict[str, Callable[[Path], object]] = {
    "sheet": lambda path: list(read_rows(path)),
    "workbook": lambda path: read_workbook(path.read_bytes()),
    "instrument": load_file,
    "crosswalk": lambda path: is_crosswalk_file(path) and load_crosswalk_file(path, None),
    "evidence check": lambda path: check_upload(
        SimpleUploadedFile(path.name, path.read_bytes()), 25 * 1024 * 1024
    ),
}


def _address_space() -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def _read_all_under_the_limit(path: Path, report: Any) -> None:
    """In the child: every reader on one file; anything but a refusal or a result is reported."""
    limit = _address_space() + CHILD_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS_PER_ATTEMPT, SECONDS_PER_ATTEMPT))
    found = []
    for name, reader in READERS.items():
        try:
            reader(path)
        except Exception as exc:
            # Tera's own refusals (SheetError, InvalidInstrument, WorkbookRejected, RejectedFile)
            # are the expected answer; anything else (MemoryError above all) is not.
            if not type(exc).__module__.startswith("tera."):
                found.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
    report.send(found)


def test_no_reader_needs_more_memory_than_its_limit_for_any_hostile_file(hostile, tmp_path):
    context = multiprocessing.get_context("fork")
    problems = []
    for path in write(tmp_path, hostile):
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_read_all_under_the_limit, args=(path, sending))
        child.start()
        child.join(SECONDS_PER_ATTEMPT * 3)
        if child.is_alive():
            child.kill()
            child.join()
        if receiving.poll():
            problems += [f"{path.name}: {problem}" for problem in receiving.recv()]
        else:
            problems.append(f"{path.name}: the reader died (exit status {child.exitcode})")
    assert problems == []
