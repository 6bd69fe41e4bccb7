"""Run every benchmark, print a table, write bench/results.json; exit 1 if a budget is missed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.engine import planner_latency, scoring_throughput

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> int:
    scoring = scoring_throughput()
    planner = planner_latency()
    rows = [
        (
            "scoring: answers/s",
            f"{scoring['answers_per_second']:,.0f}",
            f">= {scoring['budget']:,.0f}",
            scoring["answers_per_second"] >= scoring["budget"],
        ),
        (
            "planner 47 indicators: max ms",
            f"{planner['max_ms']:.1f}",
            f"<= {planner['budget_ms']:.0f}",
            planner["max_ms"] <= planner["budget_ms"],
        ),
        ("planner 47 indicators: p50 ms", f"{planner['p50_ms']:.1f}", "", True),
    ]
    print(f"{'measure':<34}{'value':>14}  {'budget':<12}result")
    for name, value, budget, ok in rows:
        print(f"{name:<34}{value:>14}  {budget:<12}{'ok' if ok else 'MISSED'}")
    RESULTS.write_text(json.dumps({"scoring": scoring, "planner": planner}, indent=2))
    print(f"written: {RESULTS}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
