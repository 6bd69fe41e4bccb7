"""Why an action was refused: a state rule, or a concurrent change by someone else."""

from __future__ import annotations

from django.db import models


class ActionRefused(Exception):
    """The action cannot be done in the current state; the message says why, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Conflict(Exception):
    """Someone else saved this object since the form was opened; `current` is their version."""

    def __init__(self, current: models.Model):
        super().__init__("conflict")
        self.current = current
