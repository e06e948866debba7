"""A minimal, deterministic zip writer for .docx packages.

zipfile cannot take data that is already compressed, and it stamps entries
with the saving machine's clock and operating system. Drafts in bulk reuse the
template's unchanged parts compressed once, and every draft must be the same
bytes on any day and machine, so the few fields a zip needs are written here.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

# 1980-01-01 00:00:00 in MS-DOS date and time fields.
_DOS_DATE = (0 << 9) | (1 << 5) | 1
_DOS_TIME = 0
_DEFLATED = 8
_VERSION = 20
_UNIX = 3 << 8  # "made by" a Unix system, always, so Windows gives the same bytes
_EXTERNAL_ATTR = 0o100644 << 16
_UTF8_NAMES = 1 << 11


@dataclass(frozen=True)
class ZipEntry:
    """One part, deflated once: name, compressed bytes, CRC-32 and uncompressed size."""

    name: str
    data: bytes
    crc: int
    size: int

    @classmethod
    def deflate(cls, name: str, raw: bytes) -> ZipEntry:
        return cls(name, deflate_raw(raw), zlib.crc32(raw), len(raw))


def deflate_raw(raw: bytes) -> bytes:
    """A raw deflate stream (negative window bits), at the level zipfile uses by default."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return packer.compress(raw) + packer.flush()


def write_zip(entries: list[ZipEntry]) -> bytes:
    """The zip archive of ``entries``, in their order, with fixed timestamps."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else _UTF8_NAMES
        fields = (_VERSION, flags, _DEFLATED, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, len(name), 0) + name
        chunks += (local, entry.data)
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", _UNIX | _VERSION, *fields, len(name), 0, 0, 0, 0,
                        _EXTERNAL_ATTR, offset) + name
        )
        offset += len(local) + len(entry.data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
