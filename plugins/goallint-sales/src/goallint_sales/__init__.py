"""goallint-sales: rules for sales and revenue goals.

Two rules are TOML packs (`rules/*.toml`), one is Python (`coverage.py`, with a fix and an
option). The plugin also makes missing currencies an error by default (`goallint_config_defaults`);
a team's own `goallint.toml` can set it back with `[severity] revenue-currency = "warning"`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goallint.plugin import Rule, hookimpl, load_packs
from goallint_sales.coverage import PipelineCoverageRatio

goallint_api = "1.1"  # the goallint plugin API this plugin is written for (a literal: see docs/plugins.md)

_PACKS = Path(__file__).parent / "rules"


@hookimpl
def goallint_rules() -> list[type[Rule]]:
    return [*load_packs(_PACKS), PipelineCoverageRatio]


@hookimpl
def goallint_config_defaults() -> dict[str, Any]:
    return {"severity": {"revenue-currency": "error"}}
