"""The deadline surge: many clients saving answers at once, then the lost updates counted.

Each client reads an answer (its version), then saves it with that version through the API, as
the page does. A save either succeeds (200), meets a newer version (409, expected under load) or
is refused by the answer's state (400). A lost update would be a 200 whose change was overwritten
without a 409: every 200 adds exactly one to the answer's version, so the number of successful
saves per answer must equal how far its version moved.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import Pool
from typing import Any

THREADS_PER_PROCESS = 50


@dataclass(frozen=True)
class Target:
    period: int
    indicator: int
    token: str


@dataclass
class Tally:
    saved: dict[tuple[int, int], int] = field(default_factory=dict)
    conflicts: int = 0
    refused: int = 0
    errors: int = 0
    requests: int = 0


def _save_loop(
    host: str,
    port: int,
    targets: list[Target],
    deadline: float,
    seed: int,
    tally: Tally,
    lock: threading.Lock,
) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while time.monotonic() < deadline:
        target = rng.choice(targets)
        path = f"/api/periods/{target.period}/answers/{target.indicator}"
        headers = {"Authorization": f"Bearer {target.token}", "Content-Type": "application/json"}
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            answer = json.loads(response.read() or b"{}")
            body = {
                "version": answer.get("version", 0),
                "level": rng.randint(1, 5),
                "fakta": f"Disimpan oleh klien {seed} pada {time.time():.6f}",
                "analisis": "Uji beban tenggat",
            }
            connection.request("PUT", path, body=json.dumps(body).encode(), headers=headers)
            saved = connection.getresponse()
            saved.read()
        except (OSError, http.client.HTTPException, ValueError):
            with lock:
                tally.errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            continue
        with lock:
            tally.requests += 2
            if saved.status == 200:
                key = (target.period, target.indicator)
                tally.saved[key] = tally.saved.get(key, 0) + 1
            elif saved.status == 409:
                tally.conflicts += 1
            elif saved.status == 400:
                tally.refused += 1
            else:
                tally.errors += 1
    connection.close()


def _process(args: tuple[str, int, list[Target], float, int, int]) -> Tally:
    host, port, targets, seconds, first_seed, threads = args
    tally, lock = Tally(), threading.Lock()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(
            target=_save_loop, args=(host, port, targets, deadline, first_seed + n, tally, lock)
        )
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return tally


def run(host: str, port: int, targets: list[Target], clients: int, seconds: float) -> Tally:
    processes = max(1, clients // THREADS_PER_PROCESS)
    jobs = [
        (
            host,
            port,
            targets,
            seconds,
            n * THREADS_PER_PROCESS,
            min(THREADS_PER_PROCESS, clients - n * THREADS_PER_PROCESS),
        )
        for n in range(processes)
    ]
    with Pool(processes) as pool:
        tallies = pool.map(_process, jobs)
    total = Tally()
    for tally in tallies:
        total.conflicts += tally.conflicts
        total.refused += tally.refused
        total.errors += tally.errors
        total.requests += tally.requests
        for key, count in tally.saved.items():
            total.saved[key] = total.saved.get(key, 0) + count
    return total


def lost_updates(
    tally: Tally,
    versions_before: dict[tuple[int, int], int],
    versions_after: dict[tuple[int, int], int],
) -> int:
    """Successful saves that left no trace in the version counter."""
    return sum(
        max(0, count - (versions_after[key] - versions_before[key]))
        for key, count in tally.saved.items()
    )


def summary(tally: Tally, lost: int, seconds: float) -> dict[str, Any]:
    return {
        "saves": sum(tally.saved.values()),
        "conflicts_409": tally.conflicts,
        "refused_400": tally.refused,
        "errors": tally.errors,
        "lost_updates": lost,
        "requests_per_s": tally.requests / seconds,
    }
