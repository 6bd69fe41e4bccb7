"""The core must stay plain Python: the CLI, web app, tests and benchmarks share it."""

import subprocess
import sys


def test_core_imports_without_django():
    code = (
        "import sys, pkgutil, importlib, tera.core\n"
        "for m in pkgutil.iter_modules(tera.core.__path__):\n"
        "    importlib.import_module(f'tera.core.{m.name}')\n"
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
