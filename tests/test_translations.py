"""The Indonesian catalogue is complete and compiled, and a visitor sees Indonesian first."""

import ast
import gettext
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "tera" / "locale" / "id" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"


def po_entries(path):
    """Each entry of a .po file as {"flags": [...], "msgid": ..., "msgstr[0]": ..., ...}."""
    entries, entry, key = [], {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip() or line.startswith("#~"):
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry.setdefault("flags", []).extend(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, text = line.partition(" ")
            entry[key] = ast.literal_eval(text)
    return [entry for entry in entries if entry["msgid"]]  # the header has an empty msgid


def load_catalog(mo_path):
    with mo_path.open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def test_every_entry_has_an_indonesian_translation():
    untranslated = [
        entry["msgid"]
        for entry in po_entries(PO_FILE)
        if not all(text for key, text in entry.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []


def test_no_entry_is_left_fuzzy():
    fuzzy = [entry["msgid"] for entry in po_entries(PO_FILE) if "fuzzy" in entry.get("flags", [])]
    assert fuzzy == []


def test_committed_mo_file_is_compiled_from_the_po_file(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO_FILE)], check=True)
    assert load_catalog(MO_FILE) == load_catalog(fresh), (
        "django.mo is stale: run `manage.py compilemessages -l id` and commit it"
    )


def test_login_page_is_indonesian_even_for_an_english_browser(client):
    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "<title>Masuk · Tera</title>" in page
    assert "<h1>Masuk ke Tera</h1>" in page


def test_choosing_english_in_the_language_form_makes_the_page_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert response.status_code == 302
    page = client.get("/masuk/").content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Log in to Tera</h1>" in page


@pytest.mark.parametrize("language, title", [("id", "Masuk"), ("en", "Log in")])
def test_language_cookie_decides_the_language(client, language, title):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<title>{title} · Tera</title>" in page
