"""Where the data files shipped with goallint live.

In a wheel, `grammar/` and `rules/` are installed inside the package; in a source checkout
they stand at the top of the repository. Both are looked up here, and only here.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def grammar_path(name: str) -> Path:
    return _data_dir("grammar") / name


def rules_dir() -> Path:
    return _data_dir("rules")
