"""Reading a user's file, with one clear message for every way that can fail."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file goallint cannot read; the message names the path and says what is wrong."""


def read_text(path: Path) -> str:
    """The file's text: UTF-8, with or without a BOM; CRLF is kept (offsets count it)."""
    shown = str(path)
    if not path.exists():
        raise InputError(f"{shown}: no such file")
    if path.is_dir():
        raise InputError(f"{shown}: is a directory, not a goal document")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown}: cannot be read ({error.strerror or error})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{shown}: looks like a binary file, not a goal document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{shown}:{line}: is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8"
        ) from None
