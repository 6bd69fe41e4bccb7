"""`tera backup` and `tera restore`: the database and every stored file in one checked archive.

The archive is a .tar.gz holding `database.jsonl` (every row, as Django's JSON lines), `files/`
(every file of the default storage, under its storage name) and `manifest.json` (what the
archive holds, with the SHA-256 of each part), written last.
"""

from __future__ import annotations


class BackupError(Exception):
    """The backup or the restore was refused or failed; nothing was changed. The message says
    why, for the person at the console."""
