"""Rule packs: house rules as TOML, each kind on the documents it is for, and a mistake in a pack
named by its file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from goallint.checks.packs import PackError, load_pack
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.testing import Case, Expect, check_case
from harness import goallint, write

PACK = """\
kind = "forbidden-words"

[rule]
code = "XX001"
name = "no-synergy"
summary = "No synergy."

[[words]]
word = "synergy"
suggestion = "Say what changes."
"""

DOCS = '\n[rule]\ncode = "HOUSE{number}"\nname = "house-{number}"\nsummary = "A house rule."\n'


def pack_rule(tmp_path: Path, body: str, number: int = 1) -> str:
    """Load a pack made of `body` and a [rule] table; returns its rule's name."""
    path = tmp_path / f"house-{number}.toml"
    path.write_text(body + DOCS.format(number=number), encoding="utf-8")
    rule = load_pack(path)
    PLUGINS.rules[rule.name] = rule
    PLUGINS.origin[rule.name] = "test"
    return rule.name


PLUGINS = load_plugins(include_installed=False)


def test_a_pack_becomes_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    rule = load_pack(path)
    assert (rule.code, rule.name, rule.severity, rule.scope) == ("XX001", "no-synergy", "warning", "document")


@pytest.mark.parametrize(
    ("change", "line", "error"),
    [
        (('kind = "forbidden-words"', ""), None, "kind: is missing"),
        (('kind = "forbidden-words"', 'kind = "existence"'), 1, "kind: 'existence' is not a kind"),
        (('suggestion = "Say what changes."', ""), 8, "words[1].suggestion: is missing"),
        (('summary = "No synergy."', 'summary = "No synergy."\nsevere = "error"'), 7, "rule.severe: is not a key"),
        (('code = "XX001"', 'code = "x1"'), 4, "rule.code: String should match pattern"),
        (('word = "synergy"', 'word = "syn*ergy"'), 9, "words[1].word: '*' may only end a word"),
        (('kind = "forbidden-words"', 'kind = "forbidden-words"\nmessage = "{wrod}"'), 2, "message: has an unknown"),
        (('name = "no-synergy"', 'name = "no-synergy'), 5, "is not valid TOML"),
        (('word = "synergy"', 'pattern = "syn(ergy"'), 9, "words[1].pattern: is not a regular expression"),
        (('word = "synergy"', 'word = "synergy"\npattern = "x"'), 8, "words[1]: give either a word or a pattern"),
    ],
)
def test_a_malformed_pack_names_the_file_line_and_key(
    tmp_path: Path, change: tuple[str, str], line: int | None, error: str
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK.replace(*change), encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(path)
    assert (raised.value.path, raised.value.line) == (path, line)
    assert str(raised.value).startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert error in raised.value.detail


def test_the_second_entry_of_a_list_of_tables_is_found(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK + '\n[[words]]\nword = "leverage"\nsugestion = "x"\n', encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(path)
    # a missing key is pointed at by its table's header
    assert raised.value.line == 12 and raised.value.detail.startswith("words[2].suggestion: is missing")


# --- Each kind --------------------------------------------------------------------------------

OBJECTIVE = "Objective: Sell more\n  KR: "  # the key result is on line 2


def test_forbidden_words_and_patterns_with_a_replacement_as_a_fix(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, '''kind = "forbidden-words"
message = "'{word}': {suggestion}"
[[words]]
pattern = "\\\\bbonus(es)?\\\\b"
suggestion = "Pay is not a goal."
[[words]]
word = "client*"
suggestion = "We say customer."
replacement = "customers"
''')
    check_case(Case(rule, OBJECTIVE + "Pay bonuses to clients who renew by end of Q3",
                    [Expect(rule, 2, text="bonuses", message="'bonuses': Pay is not a goal."),
                     Expect(rule, 2, text="clients", message="'clients': We say customer.")],
                    fixed=OBJECTIVE + "Pay bonuses to customers who renew by end of Q3", unsafe=True), PLUGINS)
    # unsafe by default: --fix alone leaves it
    check_case(Case(rule, OBJECTIVE + "Sign 5 clients", [f"{rule}:2"], fixed=OBJECTIVE + "Sign 5 clients"), PLUGINS)


def test_forbidden_words_in_any_case_and_through_characters_that_fold_to_them(tmp_path: Path) -> None:
    """Words are matched in any case; in a text with other characters than ASCII, also where a
    character folds to one of the word's ('ſ' is an 's'), so no word is ruled out by a plain look."""
    rule = pack_rule(tmp_path, 'kind = "forbidden-words"\n[[words]]\nword = "streamlin*"\nsuggestion = "Say how."\n'
                               '[[words]]\nword = "world-class"\nsuggestion = "Say how good."\n')
    check_case(Case(rule, OBJECTIVE + "STREAMLINE a World Class flow for 5 teams",
                    [Expect(rule, 2, text="STREAMLINE"), Expect(rule, 2, text="World Class")]), PLUGINS)
    check_case(Case(rule, OBJECTIVE + "ſtreamline the flow for 5 teams", [Expect(rule, 2, text="ſtreamline")]), PLUGINS)
    check_case(Case(rule, OBJECTIVE + "Line up a world of classes for 5 teams", []), PLUGINS)


def test_forbidden_words_in_another_field(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, 'kind = "forbidden-words"\nfield = "owner"\nlook_in = ["key_result"]\n'
                               '[[words]]\nword = "TBD"\nsuggestion = "Name one person."\n')
    text = OBJECTIVE + "Sign 5 logos\n    owner: TBD\n"
    check_case(Case(rule, text, [Expect(rule, 3, text="TBD")]), PLUGINS)


def test_required_words_when_a_statement_is_about_something(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, '''kind = "required-words"
when = ["revenue"]
words = ["per quarter", "monthly"]
patterns = ["\\\\bin Q[1-4]\\\\b"]
satisfied_by = ["deadline"]
message = "Say over what period."
suggestion = "Add 'per quarter'."
''')
    for statement, flagged in [("Grow revenue to $2M", True), ("Grow revenue to $2M per quarter", False),
                               ("Close $2M revenue in Q3", False), ("Grow revenue to $2M by end of Q3", False),
                               ("Sign 5 logos", False)]:
        check_case(Case(rule, OBJECTIVE + statement, [f"{rule}:2"] if flagged else []), PLUGINS)


def test_required_fields_with_the_owner_taken_from_the_objective_or_plan(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, 'kind = "required-fields"\nlook_in = ["key_result", "kpi"]\n'
                               'fields = ["owner", "source"]\n')
    text = "Objective: Sell\n  KR: Sign 5 logos\n  KR: Win 2 deals\n    owner: Ana\nKPI: Churn\n  source: Stripe\n"
    check_case(Case(rule, text, [Expect(rule, 2, message="This key result has no owner."),
                                 Expect(rule, 5, message="This KPI has no owner.", hint="'owner: <name>'")]), PLUGINS)
    check_case(Case(rule, "owner: Sales\n" + text), PLUGINS)  # the plan's owner owns them all
    strict = pack_rule(tmp_path, 'kind = "required-fields"\nfields = ["owner"]\ninherit_owner = false\n', 2)
    check_case(Case(strict, "owner: Sales\nObjective: Sell\n  KR: Sign 5 logos\n", [f"{strict}:3"]), PLUGINS)


def test_child_count_within_bounds(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, 'kind = "child-count"\nparent = "objective"\nchildren = "kpis"\nmax = 1\n')
    text = "Objective: Run well\n  KPI: Uptime\n  KPI: Latency\nObjective: Sell\n  KPI: Churn\n"
    check_case(Case(rule, text, [Expect(rule, 1, message="This objective has 2 kpis; keep it between 0 and 1.")]),
               PLUGINS)
    plan = pack_rule(tmp_path, 'kind = "child-count"\nparent = "document"\nchildren = "objectives"\nmin = 2\n', 2)
    check_case(Case(plan, "period: 2026-Q3\nObjective: Sell\n  KR: Sign 5 logos\n", [f"{plan}:1"]), PLUGINS)


@pytest.mark.parametrize(("body", "error"), [
    ('kind = "child-count"\nparent = "objective"\nchildren = "kpis"\n', "(top level): give min, max, or both"),
    ('kind = "child-count"\nparent = "objective"\nchildren = "kpis"\nmin = 3\nmax = 1\n', "min (3) is more than"),
    ('kind = "child-count"\nparent = "team"\nchildren = "kpis"\nmax = 1\n', "parent: Input should be"),
    ('kind = "required-fields"\nfields = ["owner", "budget"]\n', "fields[2]: Input should be"),
    ('kind = "required-words"\nmessage = "m"\nsuggestion = "s"\n', "give the words (or patterns)"),
    ('kind = "unit-required"\nsuggestion = "s"\n', "units: is missing"),
])
def test_each_kind_checks_its_keys(tmp_path: Path, body: str, error: str) -> None:
    with pytest.raises(PackError) as raised:
        pack_rule(tmp_path, body)
    assert error in str(raised.value)


def test_unit_required_for_a_metric(tmp_path: Path) -> None:
    rule = pack_rule(tmp_path, '''kind = "unit-required"
when = ["ARR", "revenue"]
unless = ["churn"]
units = ["currency"]
suggestion = "Write '$2M'."
''')
    check_case(Case(rule, OBJECTIVE + "Grow ARR from 1.2M to 2M",
                    [Expect(rule, 2, text="1.2M", message="'1.2M' has no unit this rule accepts (currency).")]),
               PLUGINS)
    for quiet in ["Grow ARR from $1.2M to $2M", "Reach 2M EUR revenue", "Grow ARR", "Sign 5 logos",
                  "Cut revenue churn from 3% to 2%"]:
        check_case(Case(rule, OBJECTIVE + quiet), PLUGINS)
    ratio = pack_rule(tmp_path, 'kind = "unit-required"\nwhen = ["coverage"]\nunits = ["x"]\nsuggestion = "3x"\n'
                                "require_numbers = true\n", 2)
    check_case(Case(ratio, OBJECTIVE + "Raise coverage", [f"{ratio}:2"]), PLUGINS)


# --- Packs a configuration names -----------------------------------------------------------------

HOUSE = PACK.replace("XX001", "HOUSE1").replace("no-synergy", "no-synergy-here")
PLAN = "period: 2026-Q3\nObjective: Grow\n  KR: Use synergy to lift NPS from 30 to 45 by end of Q3\n"


def test_packs_named_in_a_configuration_apply_to_its_files_only(tmp_path: Path) -> None:
    write(tmp_path, {
        "teams/goallint.toml": 'packs = ["../rules/house.toml"]\n[severity]\nno-synergy-here = "error"\n',
        "rules/house.toml": HOUSE,
        "teams/plan.okr": PLAN,
        "plan.okr": PLAN,
    })
    result = goallint("check", "teams/plan.okr", "plan.okr", "--no-cache", cwd=tmp_path)
    flagged = [line for line in result.stdout.splitlines() if "HOUSE1" in line]
    assert flagged == ["teams/plan.okr:3:11: error HOUSE1 no-synergy-here: 'synergy' should not be used here."]
    assert result.returncode == 1


def test_a_pack_with_a_mistake_stops_the_run_naming_file_line_and_key(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": 'packs = ["house.toml", "missing.toml"]\n',
        "house.toml": HOUSE.replace('suggestion = "Say what changes."', 'sugestion = "Say what changes."'),
        "plan.okr": PLAN,
    })
    result = goallint("check", "plan.okr", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    house, config = tmp_path / "house.toml", tmp_path / "goallint.toml"
    assert result.stderr.splitlines() == [
        f"goallint: {config}:1: packs: 'missing.toml' is not a file (looked for {tmp_path / 'missing.toml'})",
        f"goallint: {house}:8: words[1].suggestion: is missing (and 1 more problem) (a pack named in {config})",
    ]


def test_a_pack_rule_that_clashes_is_a_configuration_problem(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": 'packs = ["house.toml"]\n',
                     "house.toml": HOUSE.replace("no-synergy-here", "kr-count")})
    finder = ConfigFinder(load_plugins(include_installed=False))
    with pytest.raises(Exception, match="clashes with GL101 kr-count"):
        finder.for_path(tmp_path / "plan.okr")
