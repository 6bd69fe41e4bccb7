"""Explain mode and plain-dict views of scores and plans, shared by the CLI, pages and API."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tera.core.instrument import Instrument
from tera.core.numbers import exact_string, format_id, round_half_up
from tera.core.planner import Plan
from tera.core.scoring import NodeScore, Score, level_gains


@dataclass(frozen=True)
class Term:
    label: str
    value: Fraction
    weight: Decimal
    is_level: bool = False


@dataclass(frozen=True)
class Explanation:
    figure: str
    terms: tuple[Term, ...]
    divisor: Decimal
    result: Fraction

    @property
    def formula(self) -> str:
        products = " + ".join(
            f"{t.value if t.is_level else format_id(t.value)}×{format_weight(t.weight)}"
            for t in self.terms
        )
        return (
            f"{self.figure} = ({products}) / {format_weight(self.divisor)} "
            f"= {format_id(self.result)}"
        )


def format_weight(weight: Decimal) -> str:
    text = format(weight.normalize(), "f")
    return text.replace(".", ",")


def explain(result: Score) -> list[Explanation]:
    """One explanation per aspect, per domain and for the index, in the regulation's order."""
    instrument = result.instrument
    explanations = [
        _aspect_explanation(instrument, result, node)
        for node in result.aspects
        if node.value is not None
    ]
    by_aspect = {node.number: node for node in result.aspects}
    for domain, node in zip(instrument.domains, result.domains, strict=True):
        children = [by_aspect[a.number] for a in domain.aspects]
        explanations.extend(
            _node_explanation(f"Indeks Domain {node.number} ({node.name})", children, "Aspek", node)
        )
    if result.index is not None:
        top = result.domains or result.aspects
        kind = "Domain" if result.domains else "Aspek"
        explanations.append(_node_explanation("Indeks", list(top), kind, None, result.index)[0])
    return explanations


def _aspect_explanation(instrument: Instrument, result: Score, node: NodeScore) -> Explanation:
    aspect = next(a for a in instrument.aspects if a.number == node.number)
    terms = tuple(
        Term(f"Indikator {i.number}", Fraction(result.levels[i.number]), i.weight, is_level=True)
        for i in aspect.indicators
        if i.number in result.levels
    )
    assert node.value is not None
    return Explanation(
        f"Indeks Aspek {node.number} ({node.name})",
        terms,
        sum((t.weight for t in terms), Decimal(0)),
        node.value,
    )


def _node_explanation(
    figure: str,
    children: list[NodeScore],
    kind: str,
    node: NodeScore | None,
    value: Fraction | None = None,
) -> list[Explanation]:
    scored = [child for child in children if child.value is not None]
    result = value if node is None else node.value
    if result is None or not scored:
        return []
    terms = tuple(
        Term(f"{kind} {c.number}", c.value, c.weight) for c in scored if c.value is not None
    )
    return [Explanation(figure, terms, sum((t.weight for t in terms), Decimal(0)), result)]


def figure(value: Fraction | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"exact": exact_string(value), "display": format(round_half_up(value), "f")}


def score_as_dict(result: Score, with_explanation: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "instrument": result.instrument.id,
        "year": result.year,
        "index": None if result.index is None else exact_string(result.index),
        "index_display": None if result.index is None else format(result.index_display, "f"),
        "predikat": result.predikat,
        "coverage": exact_string(result.coverage),
        "final": result.complete,
        "assumed": list(result.assumed),
        "domains": [_node_dict(node) for node in result.domains],
        "aspects": [_node_dict(node) for node in result.aspects],
        "gains": [
            {
                "indicator": g.indicator,
                "from": g.from_level if isinstance(g.from_level, int) else str(g.from_level),
                "to": g.to_level,
                "index_gain": exact_string(g.index_gain),
                "index_after": exact_string(g.index_after),
                "predikat_after": g.predikat_after,
            }
            for g in level_gains(result)
        ],
    }
    if with_explanation:
        data["explanation"] = [e.formula for e in explain(result)]
    return data


def _node_dict(node: NodeScore) -> dict[str, Any]:
    return {
        "number": node.number,
        "name": node.name,
        "weight": format(node.weight.normalize(), "f"),
        "index": figure(node.value),
        "coverage": exact_string(node.coverage),
    }


def plan_as_dict(plan: Plan) -> dict[str, Any]:
    return {
        "reachable": plan.reachable,
        "target": exact_string(plan.target),
        "index_before": exact_string(plan.index_before),
        "index_after": exact_string(plan.index_after),
        "index_after_display": format(round_half_up(plan.index_after), "f"),
        "predikat_after": plan.predikat_after,
        "max_index": exact_string(plan.max_index),
        "total_cost": str(plan.total_cost),
        "steps": [
            {"indicator": s.indicator, "from": s.from_level, "to": s.to_level, "cost": str(s.cost)}
            for s in plan.steps
        ],
        "assumed_minimum": list(plan.assumed_minimum),
    }
