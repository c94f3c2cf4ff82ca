"""`check_text` and `config_from_table`: what the language server and the HTTP service call."""

from __future__ import annotations

import pytest

from goallint.checking import UNNAMED, check_text
from goallint.config import Config, ConfigError, config_from_table
from goallint.engine.plugins import load_plugins

PLUGINS = load_plugins()
ONE_KR = "Objective: Grow the business\n  KR: Increase retention from 70% to 80% by end of Q3 2026\n"


def codes(text: str, config: Config, path: str | None = None) -> list[str]:
    return [finding.rule for finding in check_text(text, path, config, PLUGINS)[1]]


def test_check_text_parses_and_checks_one_text() -> None:
    document, findings = check_text(ONE_KR, None, Config(), PLUGINS)
    assert document.path == UNNAMED
    measure = document.objectives[0].key_results[0].measure  # parsed, not the empty default
    assert (measure.direction, measure.baseline and measure.baseline.value, measure.target and measure.target.value) \
        == ("increase", 70, 80)
    assert [(f.rule, f.span.start.line, f.path) for f in findings] == [("kr-count", 1, UNNAMED)]


def test_inline_directives_apply_to_unnamed_text() -> None:
    assert codes("# goallint: disable-file=kr-count\n" + ONE_KR, Config()) == []


def test_markdown_is_chosen_by_the_path() -> None:
    markdown = "## Objective: Grow the business\n\n- KR: Increase retention from 70% to 80% by end of Q3 2026\n"
    document, _ = check_text(markdown, "goals.md", Config(), PLUGINS)
    assert document.format == "md"
    assert len(document.objectives[0].key_results) == 1


def test_config_from_table_applies_like_a_file() -> None:
    assert codes(ONE_KR, config_from_table({"ignore": ["kr-count"]}, PLUGINS)) == []
    assert codes(ONE_KR, config_from_table({"rules": {"kr-count": {"min": 1}}}, PLUGINS)) == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ignor": []}, "<request>: unknown key 'ignor'; did you mean 'ignore'?"),
        ({"ignore": ["kr-cuont"]}, "kr-cuont"),
        ([1, 2], "<request>: must be a table of settings"),
    ],
)
def test_config_from_table_names_the_problem(table: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config_from_table(table, PLUGINS, source="<request>")  # type: ignore[arg-type]
    assert message in str(raised.value)
