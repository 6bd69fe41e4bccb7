"""The load generator: client processes that request URLs for a while and time every response.

Plain standard library (http.client, multiprocessing), so it adds nothing to the project and
runs the same on any machine. Each client keeps one connection open, as a browser does.
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


@dataclass
class Outcome:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _send(connection: http.client.HTTPConnection, request: Request) -> http.client.HTTPResponse:
    """One request, its response read to the end so that the connection can be used again."""
    connection.request(request.method, request.path, body=request.body, headers=request.headers)
    response = connection.getresponse()
    response.read()
    return response


def _client(args: tuple[str, int, Sequence[Request], float, int]) -> Outcome:
    host, port, requests, seconds, seed = args
    rng = random.Random(seed)
    outcome = Outcome()
    connection = http.client.HTTPConnection(host, port, timeout=60)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        request = rng.choice(requests)
        started = time.perf_counter()
        try:
            response = _send(connection, request)
        except (OSError, http.client.HTTPException):
            outcome.errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            continue
        outcome.latencies_ms.append((time.perf_counter() - started) * 1000)
        outcome.statuses[response.status] = outcome.statuses.get(response.status, 0) + 1
        if response.status >= 500:
            outcome.errors += 1
    connection.close()
    return outcome


def _warm_client(args: tuple[str, int, Sequence[Request]]) -> None:
    host, port, requests = args
    connection = http.client.HTTPConnection(host, port, timeout=60)
    for request in requests:
        _send(connection, request)
    connection.close()


def warm(host: str, port: int, requests: Sequence[Request], clients: int) -> None:
    """Every client requests every URL once, so that each server process has most likely drawn
    what it caches: the run that follows measures pages that are visited again."""
    with Pool(clients) as pool:
        pool.map(_warm_client, [(host, port, requests)] * clients)


def run(
    host: str, port: int, requests: Sequence[Request], clients: int, seconds: float
) -> dict[str, Any]:
    """Latency percentiles and throughput of `clients` concurrent clients over `seconds`."""
    with Pool(clients) as pool:
        outcomes = pool.map(
            _client, [(host, port, requests, seconds, seed) for seed in range(clients)]
        )
    latencies = sorted(x for outcome in outcomes for x in outcome.latencies_ms)
    statuses: dict[int, int] = {}
    for outcome in outcomes:
        for status, count in outcome.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    return {
        "requests": len(latencies),
        "throughput_per_s": len(latencies) / seconds,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "mean_ms": statistics.fmean(latencies) if latencies else 0.0,
        "errors": sum(outcome.errors for outcome in outcomes),
        "statuses": statuses,
    }


def percentile(values: Sequence[float], rank: float) -> float:
    if not values:
        return 0.0
    position = max(0, min(len(values) - 1, round(rank / 100 * len(values) + 0.5) - 1))
    return values[position]


def json_body(data: Any) -> bytes:
    return json.dumps(data).encode()
