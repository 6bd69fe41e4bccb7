"""No secret is committed: keys, tokens and a SECRET_KEY other than the development one."""

import re
import subprocess
from pathlib import Path

from tests.deploy.conftest import ROOT

DEVELOPMENT_KEY = "tera-development-key-not-for-production"
PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret key": re.compile(
        r"(?i)aws_?secret_?access_?key['\"]?\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"
    ),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}"),
    "GitLab token": re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Tera API token": re.compile(r"\btera_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"),
    "Django insecure key": re.compile(r"django-insecure-[^\s'\"]{20,}"),
}
# A SECRET_KEY given a value long enough to be a real key, quoted (Python, YAML, JSON) or in an
# environment file; only the placeholder may be. A variable ($KEY) or <placeholder> is no value.
SECRET_KEY_VALUE = re.compile(r"SECRET_KEY(?:['\"]?\s*[=:]\s*['\"]|=)([^\s'\"$<]{20,})")
SECRET_FILES = re.compile(r"(^|/)(\.env(\.[a-z]+)?|id_(rsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx))$")


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def secrets_in(name: str, text: str) -> list[str]:
    found = [f"{name}: a file of secrets"] if SECRET_FILES.search(name) else []
    for number, line in enumerate(text.splitlines(), 1):
        found += [f"{name}:{number}: {kind}" for kind, p in PATTERNS.items() if p.search(line)]
        key = SECRET_KEY_VALUE.search(line)
        if key and key.group(1) != DEVELOPMENT_KEY:
            found.append(f"{name}:{number}: a SECRET_KEY value")
    return found


def test_no_tracked_file_holds_a_secret():
    found = []
    for path in tracked_files():
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            found += secrets_in(str(path.relative_to(ROOT)), text)
    assert not found, "secrets in the repository:\n" + "\n".join(found)


def test_the_scan_finds_a_key_in_a_file():
    planted = "AKIA" + "Q7" * 8
    assert secrets_in("tera/settings.py", f'AWS_ACCESS_KEY_ID = "{planted}"') == [
        "tera/settings.py:1: AWS access key"
    ]


def test_the_scan_finds_a_secret_key_other_than_the_development_one():
    line = 'SECRET_KEY = "' + "k3y" * 10 + '"'
    assert secrets_in("deploy/env.py", line) == ["deploy/env.py:1: a SECRET_KEY value"]


def test_the_scan_finds_a_secret_key_in_an_environment_file():
    line = "Environment=SECRET_KEY=" + "k3y" * 10
    assert secrets_in("deploy/tera.service", line) == ["deploy/tera.service:1: a SECRET_KEY value"]


def test_a_secret_key_read_from_elsewhere_is_not_a_value():
    for line in ('"SECRET_KEY": secrets.token_urlsafe(50),', "SECRET_KEY=$(cat /etc/tera/key)"):
        assert secrets_in("deploy/run.py", line) == []


def test_the_development_key_is_allowed():
    assert secrets_in("tera/settings.py", f'SECRET_KEY = "{DEVELOPMENT_KEY}"') == []


def test_a_committed_env_file_is_a_secret():
    assert secrets_in("deploy/.env", "") == ["deploy/.env: a file of secrets"]
