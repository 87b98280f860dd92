"""Receipt codes (mã hồ sơ): unique, not guessable, easy to read out on the phone.

“HT-7KQ4-M9XP”: the province prefix and 8 symbols drawn with ``secrets`` from
an alphabet without look-alikes (no 0/O, 1/I/L, U/V), so about 39 bits of
randomness. A code alone reveals nothing: lookups also need the applicant's
phone or email and are rate-limited.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "HT"
RANDOM_LENGTH = 8
_CLEAN = re.compile(r"[^0-9A-Z]")


def generate_receipt_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def normalise_receipt_code(text: str) -> str:
    """Accept what people type: lower case, spaces, missing dashes."""
    raw = _CLEAN.sub("", (text or "").upper())
    if raw.startswith(PREFIX):
        raw = raw[len(PREFIX) :]
    if len(raw) != RANDOM_LENGTH:
        return ""
    return f"{PREFIX}-{raw[:4]}-{raw[4:]}"
