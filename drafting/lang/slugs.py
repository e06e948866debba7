"""ASCII file names from Vietnamese names."""

from __future__ import annotations

import re
import unicodedata

from .numbers import nfc

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10))}
_SLUG_FALLBACK = "dia-ban"
_SLUG_MIN_LENGTH = len("com1-" + _SLUG_FALLBACK)  # room for the longest reserved name with its suffix


def _ascii_words(text: str) -> str:
    # đ has no decomposition; NFKD also turns full-width and circled digits into ASCII
    plain = unicodedata.normalize("NFKD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if unicodedata.category(ch)[0] != "M").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def has_file_name(text: str) -> bool:
    """Whether ``text`` has letters or digits to name a file by ("." or an emoji has none)."""
    return bool(_ascii_words(text))


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII file-name stem: "xã Hưng Nguyên" -> "xa-hung-nguyen"; never empty, reserved or a path."""
    if max_length < _SLUG_MIN_LENGTH:
        raise ValueError(f"max_length must be at least {_SLUG_MIN_LENGTH}")
    slug = _ascii_words(text)
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:max_length]
    if not slug:
        return _SLUG_FALLBACK
    # checked after cutting, since a cut can leave a bare reserved word ("con-cuong..." -> "con")
    return f"{slug}-{_SLUG_FALLBACK}" if slug in _WINDOWS_RESERVED else slug
