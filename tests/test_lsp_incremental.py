"""The language server's incremental checking gives exactly what `goallint check` gives.

Random edits (characters, new lines, objective and KPI lines, header fields, directives) are
made one after another to plans; after each, the incremental result (document and findings) must
equal a whole check of the same text. Also the UTF-16 positions the server reports.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from goallint.checking import check_text
from goallint.config import Config, config_from_table
from goallint.engine.plugins import Plugins, load_plugins
from goallint.lsp.incremental import DocumentChecker, split_blocks
from goallint.lsp.positions import LineIndex
from goallint.model import Position, Span

ROOT = Path(__file__).resolve().parent.parent

SNIPPETS = [
    "a", "7", " ", "\n", "%", "€", "😀", "≥ ", "\nO9: Win the market\n", "\nObjective: Grow\n  KR: Ship it\n",
    "\n  KR: Raise NPS from 30 to 45 by Q3\n", "\nKPI: Uptime – target ≥ 99.9%, weekly, source: Pingdom\n",
    "\n  KPI: Churn\n    target: < 3%\n", "\nperiod: 2026-Q4\n", "\nowner: Dana\n", "  # goallint: disable=kr-count",
    "\n# goallint: disable=missing-baseline\n", "\n# a comment\n", "O1. ", "\n    owner: Sam\n", "[KPI]", "20000",
]


def _generate(lines: int, seed: int) -> str:
    spec = importlib.util.spec_from_file_location("goallint_bench_parse", ROOT / "bench" / "parse.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(lines, seed)
    return text


def _edit(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3 and text:
        return text[:at] + text[at + rng.randint(1, 12):]  # delete a few characters, perhaps a line end
    return text[:at] + rng.choice(SNIPPETS) + text[at:]


def _same(checker: DocumentChecker, text: str, config: Config, plugins: Plugins) -> bool:
    incremental = checker.check(text, config, plugins)
    document, findings = check_text(text, checker.path, config, plugins, "okr")
    assert incremental.document.model_dump() == document.model_dump()
    assert incremental.findings == findings  # the same findings, in the same order
    return incremental.incremental


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return load_plugins()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_give_what_a_whole_check_gives(plugins: Plugins, seed: int) -> None:
    rng = random.Random(seed)
    text = _generate(200, seed)
    config = config_from_table({"severity": {"kr-count": "error"}, "rules": {"kr-count": {"min": 2}}}, plugins)
    checker = DocumentChecker("plan.okr", "okr")
    incremental = [_same(checker, text, config, plugins)]
    for _ in range(120):
        text = _edit(text, rng)
        incremental.append(_same(checker, text, config, plugins))
    assert sum(incremental) >= 0.8 * len(incremental), "most edits are checked incrementally"


HOUSE_PACKS = {
    "words.toml": 'kind = "forbidden-words"\n[[words]]\nword = "synergy"\nsuggestion = "Say what changes."\n'
                  'replacement = "teamwork"\n',
    "period.toml": 'kind = "required-words"\nwhen = ["revenue"]\nwords = ["per quarter"]\nsatisfied_by = ["deadline"]\n'
                   'message = "m"\nsuggestion = "s"\n',
    "fields.toml": 'kind = "required-fields"\nfields = ["owner"]\n',
    "units.toml": 'kind = "unit-required"\nwhen = ["revenue"]\nunits = ["currency"]\nsuggestion = "s"\n',
    "krs.toml": 'kind = "child-count"\nparent = "objective"\nchildren = "key_results"\nmax = 3\n',
    "objectives.toml": 'kind = "child-count"\nparent = "document"\nchildren = "objectives"\nmax = 12\n',
}
PACK_SNIPPETS = [
    "\n  KR: Use synergy to grow revenue to 2M\n", "\nObjective: Win\n  KR: Grow revenue to $2M per quarter\n",
    "synergy ", "\n    owner: Sam\n", "\n  KR: Lift NPS from 30 to 45\n",
]


@pytest.mark.parametrize("seed", [3, 4])
def test_packs_checked_per_objective_give_what_a_whole_check_gives(tmp_path: Path, seed: int) -> None:
    """Packs that judge one statement or objective at a time are re-run only on the edited
    objective; one that counts a plan's objectives runs on the whole plan each time."""
    from goallint.config import ConfigFinder
    from goallint.lsp.incremental import _split_selection

    for number, (name, body) in enumerate(HOUSE_PACKS.items(), start=1):
        (tmp_path / name).write_text(body + f'[rule]\ncode = "HOUSE{number}"\nname = "house-{number}"\nsummary = "s"\n',
                                     encoding="utf-8")
    (tmp_path / "goallint.toml").write_text(f"packs = {sorted(HOUSE_PACKS)!r}\n", encoding="utf-8")
    plugins = load_plugins()
    config = ConfigFinder(plugins).for_path(tmp_path / "plan.okr")
    local, rest = _split_selection(config.selection(plugins))
    per_objective = {rule.name for rule in local.rules if rule.name.startswith("house-")}
    assert per_objective == {"house-1", "house-2", "house-3", "house-4", "house-5"}
    assert "house-6" in {rule.name for rule in rest.rules}

    rng = random.Random(seed)
    text = _generate(150, seed).replace("owner: Leadership\n", "")  # so that required-fields has work
    checker = DocumentChecker(str(tmp_path / "plan.okr"), "okr")
    incremental = [_same(checker, text, config, plugins)]
    fired: set[str] = set()
    for _ in range(100):
        if rng.random() < 0.5:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(PACK_SNIPPETS) + text[at:]
        else:
            text = _edit(text, rng)
        incremental.append(_same(checker, text, config, plugins))
        fired |= {f.rule for f in checker.check(text, config, plugins).findings}
    assert sum(incremental) >= 0.8 * len(incremental), "most edits are checked incrementally"
    assert {"house-1", "house-2", "house-3", "house-4", "house-5", "house-6"} <= fired


def test_the_examples_and_rule_docs_check_the_same(plugins: Plugins) -> None:
    texts = [(ROOT / "examples" / "growth-q3.okr").read_text(encoding="utf-8")]
    texts += [example for rule in plugins.rules.values() for example in (rule.bad, rule.good) if example]
    for text in texts:
        for variant in (text, "\ufeff" + text, text.replace("\n", "\r\n")):
            _same(DocumentChecker("plan.okr", "okr"), variant, Config(), plugins)


def test_a_new_configuration_is_not_mixed_with_the_old(plugins: Plugins) -> None:
    text = (ROOT / "examples" / "growth-q3.okr").read_text(encoding="utf-8")
    checker = DocumentChecker("plan.okr", "okr")
    assert _same(checker, text, Config(), plugins)
    stricter = config_from_table({"rules": {"kr-count": {"min": 5}}}, plugins)
    assert _same(checker, text, stricter, plugins)


def test_blocks_start_at_objectives_at_the_margin() -> None:
    text = "period: 2026-Q3\n\nO1: Grow\n  KR: a\nO2a is not one\nObjective 2 - Keep\n  O3: indented\n"
    header, blocks = split_blocks(text)
    assert header == "period: 2026-Q3\n\n"
    assert [(line, piece.split("\n")[0]) for line, _, piece in blocks] == [(3, "O1: Grow"), (6, "Objective 2 - Keep")]
    assert all(text[offset:].startswith(piece) for _, offset, piece in blocks)


def _position(line: int, column: int) -> Position:
    return Position(line=line, column=column, offset=0)


def test_positions_count_utf16_code_units() -> None:
    lines = LineIndex("a€b\n😀x≥y\n")
    assert lines.position(_position(1, 3)) == {"line": 0, "character": 2}  # € is one unit
    assert lines.position(_position(2, 2)) == {"line": 1, "character": 2}  # 😀 is two
    assert lines.position(_position(2, 5)) == {"line": 1, "character": 5}
    assert lines.position(_position(2, 9)) == {"line": 1, "character": 9}  # past the end: counted on
    assert lines.range(Span(start=_position(2, 1), end=_position(2, 3))) == {
        "start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 3}}
    assert [lines.column(1, units) for units in (0, 2, 3, 4, 5)] == [1, 2, 3, 4, 5]


def test_a_bom_the_editor_keeps_shifts_the_first_line_only() -> None:
    lines = LineIndex("\ufeffO1: Grow\nKR: x\n")  # goallint counts after the BOM, the editor's line holds it
    assert lines.position(_position(1, 1)) == {"line": 0, "character": 1}
    assert lines.position(_position(2, 1)) == {"line": 1, "character": 0}
    assert lines.column(0, 1) == 1


def test_lines_break_only_where_editors_break_them() -> None:
    from goallint.lines import split_lines

    for text in ("a\nb\r\nc\rd\n", "KR: a\x0cb\n", "x\u2028y\n", "", "\n\n"):
        assert LineIndex(text).lines == split_lines(text)
