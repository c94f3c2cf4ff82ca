"""The files `goallint init` writes: a configuration with its defaults, and an example plan."""

from __future__ import annotations

from pathlib import Path

CONFIG = """\
# goallint configuration: every key is optional, and the values shown are the defaults.
# See docs/configuration.md, and `goallint explain RULE` for a rule's options.

# select = ["GL"]                    # only these rules (names, codes or code prefixes); default: every rule
# extend-select = []                 # and these too
# ignore = []                        # but never these, for example ["missing-deadline"]
# fail-on = "warning"                # exit 1 at this severity or worse: error, warning, info, never
# fiscal-year-start = 1              # month the fiscal year starts (1-12): with 4, FY27 Q1 is April-June 2026
# output-format = "text"             # text, json, sarif, github, junit, or a plugin's format

# [severity]                         # report a rule's findings at another severity
# kr-count = "error"

# [rules.kr-count]                   # a rule's options
# min = 3
# max = 5

# [per-file-ignores]                 # globs relative to this file's directory
# "drafts/**" = ["GL2"]
"""

EXAMPLE = """\
title: Example team goals
period: 2026-Q3
owner: Example team

Objective 1: Make onboarding effortless [committed]
  KR1: Grow weekly active teams from 1,200 to 2,000 by Sept 30
  KR2: Cut median time to first project from 3 days to 1 day by end of Q3
  KR3: Raise onboarding CSAT from 72% to 85% by end of Q3
"""

FILES = {"goallint.toml": CONFIG, "goals.okr": EXAMPLE}


class StarterExists(Exception):
    """A file `goallint init` would write is already there."""


def write_starter(directory: Path, force: bool = False) -> list[Path]:
    """Write the starter files into `directory` (created if missing) and return their paths.

    Raises `StarterExists`, writing nothing, when one of them exists and `force` is false.
    """
    targets = [directory / name for name in FILES]
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        names = ", ".join(str(path) for path in existing)
        raise StarterExists(f"{names} already exist{'s' if len(existing) == 1 else ''}; use --force to overwrite")
    directory.mkdir(parents=True, exist_ok=True)
    for path in targets:
        path.write_text(FILES[path.name], encoding="utf-8")
    return targets
