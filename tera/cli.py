"""The `tera` console command: the same actions as `manage.py`, without the file."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tera.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tera", *sys.argv[1:]])
