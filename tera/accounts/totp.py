"""Time-based one-time codes (RFC 6238) and recovery codes, without any state of their own."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

import pyotp
import segno

ISSUER = "Tera"
RECOVERY_CODES = 10
# 16 base32 characters are 80 random bits: too many to try even against a stolen hash, which
# is why a plain SHA-256 is enough here where a password needs a slow hash.
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECOVERY_LENGTH = 16
CODE_PATTERN = re.compile(r"^\d{6}$")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    """What the authenticator app reads from the QR code (or from the text, typed in)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str, title: str) -> str:
    """The QR code as inline SVG drawn on the server: no script, no image from elsewhere."""
    code = segno.make(uri, error="m")
    svg: str = code.svg_inline(scale=4, border=4, light="#fff", title=title, svgclass="qr")
    return svg


def matching_step(secret: str, code: str, after_step: int, at: datetime) -> int | None:
    """The time step the 6-digit code belongs to, allowing one step of clock drift either way.

    Steps up to `after_step` were used already, so a code overheard or replayed is refused.
    """
    code = code.strip()
    if not CODE_PATTERN.match(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at)
    for step in (current - 1, current, current + 1):
        if step > after_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Codes in groups of four characters, without the letters and digits that look alike."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4)))
    return codes


def recovery_digest(code: str) -> str:
    """Typed with or without dashes or spaces, in any case, a code gives the same digest."""
    plain = re.sub(r"[\s-]", "", code).upper()
    return hashlib.sha256(plain.encode()).hexdigest()
