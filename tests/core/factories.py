"""Small instruments built in the tests themselves, from plain dictionaries."""

from decimal import Decimal

import yaml

from tera.core.loader import load_text

STANDARD_BANDS = [
    {"name": "Memuaskan", "min": 4.2},
    {"name": "Sangat Baik", "min": 3.5, "below": 4.2},
    {"name": "Baik", "min": 2.6, "below": 3.5},
    {"name": "Cukup", "min": 1.8, "below": 2.6},
    {"name": "Kurang", "below": 1.8},
]


def instrument_definition(aspects):
    """One aspect per list of indicator weights (strings); indicators are numbered 1, 2, 3, ..."""
    numbers = iter(range(1, 1000))
    aspect_nodes = []
    for aspect_number, weights in enumerate(aspects, start=1):
        indicators = [
            {"number": next(numbers), "name": "Indikator", "weight": weight, "scale": "s"}
            for weight in weights
        ]
        aspect_nodes.append(
            {
                "number": aspect_number,
                "name": f"Aspek {aspect_number}",
                "weight": str(sum(Decimal(weight) for weight in weights)),
                "indicators": indicators,
            }
        )
    return {
        "schema": 1,
        "id": "mini",
        "name": "Mini",
        "regulation": "Peraturan Uji",
        "status": "official",
        "levels": {"min": 1, "max": 5},
        "scales": [
            {
                "id": "s",
                "name": "Skala",
                "levels": [{"level": n, "name": f"Tingkat {n}"} for n in range(1, 6)],
            }
        ],
        "predikat": STANDARD_BANDS,
        "years": [{"year": 2024, "predikat_from": "unrounded"}],
        "aspects": aspect_nodes,
    }


def build_instrument(aspects):
    """build_instrument([["40", "20"], ["40"]]): two aspects, indicators 1-3."""
    return load_text(yaml.safe_dump(instrument_definition(aspects)), "mini.yaml")
