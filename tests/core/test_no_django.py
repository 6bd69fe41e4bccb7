"""The core stays plain Python: the CLI, web app, tests and benchmarks all share it."""

import subprocess
import sys

CORE_MODULES = [
    "tera.core.explain",
    "tera.core.instrument",
    "tera.core.library",
    "tera.core.loader",
    "tera.core.numbers",
    "tera.core.planner",
    "tera.core.scoring",
    "tera.core.sheets",
]

SCRIPT = """
import importlib, pkgutil, sys
import tera.core
names = sorted(f"tera.core.{m.name}" for m in pkgutil.iter_modules(tera.core.__path__))
for name in names:
    importlib.import_module(name)
print(",".join(names))
print("django" in sys.modules)
"""


def run_fresh_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_every_core_module_is_imported_by_the_check():
    modules, _ = run_fresh_interpreter()
    assert set(CORE_MODULES) <= set(modules.split(","))


def test_importing_every_core_module_leaves_django_unloaded():
    _, django_loaded = run_fresh_interpreter()
    assert django_loaded == "False"
