"""Scoring throughput and planner latency on the shipped instruments, one core, no Django."""

from __future__ import annotations

import random
import statistics
import time
from decimal import Decimal
from fractions import Fraction

from tera.core.library import load_library
from tera.core.planner import plan
from tera.core.scoring import score

SCORING_BUDGET = 200_000  # indicator answers per second, at least
PLANNER_BUDGET_MS = 50.0  # per plan for the 47-indicator instrument, at most


def scoring_throughput(seconds: float = 2.0) -> dict[str, float]:
    instrument = load_library().get("spbe-2020")
    rng = random.Random(2020)
    numbers = [i.number for i in instrument.indicators]
    answer_sets = [{n: rng.randint(0, 5) for n in numbers} for _ in range(500)]
    answers = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for levels in answer_sets:
            score(instrument, levels, 2024)
        answers += len(answer_sets) * len(numbers)
    elapsed = time.perf_counter() - started
    return {"answers_per_second": answers / elapsed, "budget": SCORING_BUDGET}


def planner_latency(runs: int = 60) -> dict[str, float]:
    instrument = load_library().get("spbe-2020")
    rng = random.Random(47)
    numbers = [i.number for i in instrument.indicators]
    timings = []
    for _ in range(runs):
        levels = {n: rng.randint(1, 3) for n in numbers}
        costs = {n: {lv: Decimal(rng.randint(1, 900)) / 100 for lv in range(2, 6)} for n in numbers}
        target = Fraction(rng.choice(["3.00", "3.50", "4.20", "5.00"]))
        started = time.perf_counter()
        plan(instrument, levels, target, costs, 2024)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
        "budget_ms": PLANNER_BUDGET_MS,
    }
