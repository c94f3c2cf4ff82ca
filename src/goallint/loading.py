"""Reading a user's file, with one clear message for every way that can fail."""

from __future__ import annotations

from pathlib import Path

# A parsed plan takes about 250 bytes of memory per byte of text (bench/parse.py), so this caps
# one file at about 1.3 GB; a 10,000-objective plan is under 3 MB. `--max-file-size` moves it.
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
MEGABYTE = 1024 * 1024


class InputError(Exception):
    """A file goallint cannot read; the message names the path and says what is wrong."""


def too_large(shown: str, size: int | None, max_size: int) -> InputError:
    """The message for a file over the size limit (`size` None: not known, as for standard input)."""
    how_big = f"is {size / MEGABYTE:.1f} MB, more than" if size is not None else "is more than"
    return InputError(
        f"{shown}: {how_big} the {max_size / MEGABYTE:g} MB goallint reads in one file; split it "
        "(one file per team or period), or raise the limit with --max-file-size"
    )


def read_bytes(path: Path, max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The file's bytes. A file over `max_size` bytes is refused before it is read."""
    shown = str(path)
    if not path.exists():
        raise InputError(f"{shown}: no such file")
    if path.is_dir():
        raise InputError(f"{shown}: is a directory, not a goal document")
    if not path.is_file():  # a FIFO, a socket or a device would be read forever, or not at all
        raise InputError(f"{shown}: is {_special_kind(path)}, not a goal document; to check text from a "
                         "pipe, give '-' and send it to standard input")
    try:
        size = path.stat().st_size
        if max_size is not None and size > max_size:
            raise too_large(shown, size, max_size)
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown}: cannot be read ({error.strerror or error})") from None


def _special_kind(path: Path) -> str:
    if path.is_fifo():
        return "a named pipe (FIFO)"
    if path.is_socket():
        return "a socket"
    if path.is_char_device() or path.is_block_device():
        return "a device"
    return "not a regular file"


def read_text(path: Path, max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> str:
    """The file's text: UTF-8, with or without a BOM; CRLF is kept (offsets count it)."""
    shown = str(path)
    data = read_bytes(path, max_size)
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
