"""`make bench`: the engine alone, then the web application on PostgreSQL at national size.

Prints one table and writes bench/results.json; exits 1 when a budget is missed. The web part
needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/tera_bench).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from bench.engine import planner_latency, scoring_throughput

RESULTS = Path(__file__).resolve().parent / "results.json"
Row = tuple[str, str, str, bool]


def engine_rows(results: dict[str, Any]) -> list[Row]:
    scoring = results["scoring"] = scoring_throughput()
    planner = results["planner"] = planner_latency()
    return [
        (
            "scoring: answers/s",
            f"{scoring['answers_per_second']:,.0f}",
            f">= {scoring['budget']:,.0f}",
            scoring["answers_per_second"] >= scoring["budget"],
        ),
        (
            "planner 47 indicators: p50 / max ms",
            f"{planner['p50_ms']:.1f} / {planner['max_ms']:.1f}",
            f"max <= {planner['budget_ms']:.0f}",
            planner["max_ms"] <= planner["budget_ms"],
        ),
    ]


def web_rows(results: dict[str, Any]) -> list[Row]:
    from bench import web

    url = web.database_url()
    if not web.reachable(url):
        results["web"] = f"PostgreSQL not reachable at {url}"
        return [("web benchmarks", "no PostgreSQL", url, False)]
    os.environ["DATABASE_URL"] = url
    os.environ.update(web.PRODUCTION_OVER_HTTP)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tera.settings")
    import django

    django.setup()
    from bench.runs import run_web

    return run_web(results)


def main() -> int:
    results: dict[str, Any] = {}
    rows = engine_rows(results) + web_rows(results)
    print(f"\n{'measure':<52}{'value':>26}  {'budget':<18}result")
    for name, value, budget, ok in rows:
        print(f"{name:<52}{value:>26}  {budget:<18}{'ok' if ok else 'MISSED'}")
    RESULTS.write_text(json.dumps(results, indent=2, default=str))
    print(f"written: {RESULTS}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
