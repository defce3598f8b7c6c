"""A small, strict reader of OLE2 compound files (MS-CFB): the directory, and the first bytes of a stream.

That is all `sniff` needs to tell a Word 97–2003 document (a "WordDocument" stream, which WPS files have too)
from an Excel 97–2003 workbook ("Workbook" or "Book") or a password-protected OOXML file ("EncryptionInfo"
and "EncryptedPackage" streams).

Every offset is checked against the data before it is read; a sector chain may not leave the file, visit a
sector twice or run longer than the file has sectors; the directory holds at most `MAX_ENTRIES` entries. So a
corrupt or hostile file raises `UnreadableInput` with a one-line reason, never another exception, in time
and memory linear in the file's size.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

from perfform.errors import UnreadableInput

MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES: Final = 65_536
"""Directory entries read at most (a .doc has a few dozen)."""

STORAGE: Final = 1
STREAM: Final = 2
ROOT: Final = 5

_HEADER: Final = struct.Struct("<8s16xHHHHH6xIIIIIIIII")  # 0x00 … 0x4B, the 109 DIFAT slots follow
_HEADER_DIFAT: Final = 109
_MAX_REGULAR: Final = 0xFFFFFFFA
_END_OF_CHAIN: Final = 0xFFFFFFFE
_FREE: Final = 0xFFFFFFFF
_ENTRY_SIZE: Final = 128
_ENTRY: Final = struct.Struct("<64sHB")  # name, name length in bytes, object type
_START_AND_SIZE: Final = struct.Struct("<IQ")  # at 0x74 in an entry


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    type: int
    """`STORAGE`, `STREAM` or `ROOT`."""
    start: int
    """First sector of the stream (in the mini stream when `size` is under the cutoff)."""
    size: int


class CompoundFile:
    """The directory of an OLE2 file; the constructor raises `UnreadableInput` when it cannot be read."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        if len(data) < 512 or not data.startswith(MAGIC):
            raise _corrupt(
                "shorter than its 512-byte header" if data.startswith(MAGIC) else "no OLE2 signature"
            )
        fields = _HEADER.unpack_from(data)
        order, shift, n_fat, first_dir, cutoff, first_difat, n_difat = (
            fields[i] for i in (3, 4, 7, 8, 10, 13, 14)
        )
        if order != 0xFFFE:
            raise _corrupt(f"byte-order mark {order:#06x} is not 0xfffe")
        if shift not in (9, 12):
            raise _corrupt(f"sector size 2**{shift} is neither 512 nor 4096")
        self.sector_size: int = 1 << shift
        self.cutoff: int = cutoff
        self.sectors: int = len(data) // self.sector_size - 1  # whole sectors after the header sector
        if self.sectors < 1:
            raise _corrupt("no sector after the header")
        if n_fat > self.sectors or n_difat > self.sectors:
            raise _corrupt(f"header declares {n_fat} FAT sectors, more than the file holds")
        self._fat = self._fat_sectors(n_fat, first_difat, n_difat)
        self.entries = self._directory(first_dir)

    def find(self, name: str) -> Entry | None:
        """The first stream or storage of that name (compared case-insensitively, as OLE2 does)."""
        wanted = name.casefold()
        for entry in self.entries:
            if entry.type in (STREAM, STORAGE) and entry.name.casefold() == wanted:
                return entry
        return None

    def verify(self) -> None:
        """Check that the sector chain of every regular stream, and of the mini stream, is as long as the
        stream and lies within the file, no sector used twice: a truncated file fails here."""
        seen: set[int] = set()
        for entry in self.entries:
            if entry.type == ROOT or (entry.type == STREAM and entry.size >= self.cutoff):
                sector = entry.start
                for _ in range(-(-entry.size // self.sector_size)):
                    if sector in seen or not 0 <= sector < self.sectors:
                        raise _corrupt(f"stream {entry.name!r} is cut short or overlaps another: truncated?")
                    seen.add(sector)
                    sector = self._next(sector)

    def head(self, entry: Entry, size: int) -> bytes:
        """The first `size` bytes of a regular (not mini-stream) stream, within its first sector; b"" if the
        stream is in the mini stream or its first sector is outside the file."""
        if entry.size < self.cutoff or not 0 <= entry.start < self.sectors:
            return b""
        size = min(size, entry.size, self.sector_size)
        offset = self._offset(entry.start)
        return self.data[offset : offset + size]

    def _offset(self, sector: int) -> int:
        return (sector + 1) * self.sector_size

    def _sector(self, sector: int, what: str) -> int:
        """The offset of a whole sector in the file, checked."""
        if not 0 <= sector < self.sectors:
            raise _corrupt(f"{what} points to sector {sector:#x}, outside the file")
        return self._offset(sector)

    def _fat_sectors(self, n_fat: int, first_difat: int, n_difat: int) -> list[int]:
        slots = struct.unpack_from(f"<{_HEADER_DIFAT}I", self.data, _HEADER.size)
        fat = list(slots[: min(n_fat, _HEADER_DIFAT)])
        per_sector = self.sector_size // 4 - 1  # the last slot of a DIFAT sector chains to the next one
        sector, seen = first_difat, set[int]()
        while len(fat) < n_fat:
            if len(seen) >= n_difat or sector in seen:
                raise _corrupt("the DIFAT chain ends or loops before listing every FAT sector")
            seen.add(sector)
            offset = self._sector(sector, "the DIFAT chain")
            slots = struct.unpack_from(f"<{per_sector + 1}I", self.data, offset)
            fat.extend(slots[: min(per_sector, n_fat - len(fat))])
            sector = slots[per_sector]
        for sector in fat:
            self._sector(sector, "the FAT sector list")
        return fat

    def _next(self, sector: int) -> int:
        per_sector = self.sector_size // 4
        index = sector // per_sector
        if index >= len(self._fat):
            raise _corrupt(f"sector {sector:#x} is not covered by the FAT")
        offset = self._offset(self._fat[index]) + 4 * (sector % per_sector)
        return int.from_bytes(self.data[offset : offset + 4], "little")

    def _directory(self, first: int) -> list[Entry]:
        entries: list[Entry] = []
        sector, seen = first, set[int]()
        while sector != _END_OF_CHAIN:
            if sector > _MAX_REGULAR or sector in seen:
                raise _corrupt("the directory chain loops or holds a reserved sector number")
            seen.add(sector)
            offset = self._sector(sector, "the directory chain")
            for at in range(offset, offset + self.sector_size, _ENTRY_SIZE):
                raw_name, length, kind = _ENTRY.unpack_from(self.data, at)
                if kind not in (STORAGE, STREAM, ROOT):
                    continue  # unused slot
                if length > 64 or length % 2:
                    raise _corrupt(f"directory entry {len(entries)} has a name length of {length} bytes")
                start, size = _START_AND_SIZE.unpack_from(self.data, at + 0x74)
                if self.sector_size == 512:
                    size &= 0xFFFFFFFF  # version 3 files may leave garbage in the high half
                name = raw_name[: max(length - 2, 0)].decode("utf-16-le", errors="replace")
                entries.append(Entry(name, kind, start, size))
                if len(entries) > MAX_ENTRIES:
                    raise _corrupt(f"more than {MAX_ENTRIES} directory entries")
            sector = self._next(sector)
        if not entries or entries[0].type != ROOT:
            raise _corrupt("the directory does not start with a root entry")
        return entries


def _corrupt(reason: str) -> UnreadableInput:
    return UnreadableInput(f"corrupt OLE2 compound file: {reason}")
