"""A workbook part inflated with ISA-L.

A workbook is a zip of deflated XML parts, which Python's zipfile inflates with
zlib. python-isal's ``isal_zlib`` (Intel's ISA-L: the same deflate format, the
same API) inflates about three times faster. Month end inflates the Riwayat part
of every form of the month, a megabyte of XML each: that part is read here;
every other part stays with zipfile as it is.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from isal import isal_zlib

# The local file header: signature, then fixed fields; the name and the extra
# field follow, then the member's data (APPNOTE 4.3.7).
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"


def read_part(path: str | Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of part ``name`` of the workbook at ``path`` (opened as ``archive``):
    a deflated part inflated with ISA-L and its CRC checked, as zipfile checks it;
    any other part read by zipfile itself. KeyError when there is no such part,
    zipfile.BadZipFile when it is damaged."""
    info = archive.getinfo(name)
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:  # encrypted
        return archive.read(info)
    with open(path, "rb") as handle:
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
            raise zipfile.BadZipFile(f"Bad magic number for file header of {name}")
        fields = _LOCAL_HEADER.unpack(header)
        handle.seek(fields[10] + fields[11], 1)  # past the name and the extra field
        packed = handle.read(info.compress_size)
    try:
        data = isal_zlib.decompress(packed, -15, info.file_size or 1)
    except Exception as exc:  # isal_zlib.error (IsalError), typed loosely by its stubs
        raise zipfile.BadZipFile(f"{name}: {exc}") from exc
    if len(data) != info.file_size or isal_zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {name!r}")
    return data
