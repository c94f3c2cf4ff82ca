"""Configuration files: where goallint finds them, what each key does, and how a mistake reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goallint.config import ConfigError, ConfigFinder, load_config
from goallint.engine.plugins import load_plugins
from harness import check_files, goallint, write

# one objective with one key result: kr-count (line 3) and missing-baseline (line 5)
PLAN = "period: 2026-Q3\n\nObjective: Delight customers\n  KR: Cut churn from 5% to 3%\n  KR: Lift NPS to 50\n"
FINDINGS = [("plan.okr", 3, "kr-count"), ("plan.okr", 5, "missing-baseline")]


def config_problem(tmp_path: Path, config: str, name: str = "goallint.toml") -> str:
    """Check PLAN with this configuration through the CLI, expecting exit 2; return stderr."""
    write(tmp_path, {name: config, "plan.okr": PLAN})
    result = goallint("check", tmp_path / "plan.okr")
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    return result.stderr


# --- Finding the configuration ------------------------------------------------------------


def test_without_a_configuration_every_rule_runs(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr") == FINDINGS


def test_the_configuration_is_found_by_walking_up_from_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "ignore = ['kr-count']\n", "teams/growth/q3/plan.okr": PLAN})
    assert check_files(tmp_path, "teams/growth/q3/plan.okr") == [("teams/growth/q3/plan.okr", 5, "missing-baseline")]


def test_the_nearest_configuration_wins_and_files_are_not_merged(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": "ignore = ['kr-count']\n",
        "teams/.goallint.toml": "ignore = ['missing-baseline']\n",
        "teams/plan.okr": PLAN,
        "plan.okr": PLAN,
    })
    assert check_files(tmp_path, "plan.okr", "teams/plan.okr") == [
        ("plan.okr", 5, "missing-baseline"),
        ("teams/plan.okr", 3, "kr-count"),
    ]


def test_pyproject_tool_goallint_is_a_configuration(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.goallint]\nignore = ['GL101']\n",
                     "plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr") == [("plan.okr", 5, "missing-baseline")]


def test_a_pyproject_without_tool_goallint_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": "ignore = ['kr-count']\n",
        "team/pyproject.toml": "[tool.ruff]\nline-length = 100\n",
        "team/plan.okr": PLAN,
    })
    finder = ConfigFinder(load_plugins(include_installed=False))
    assert finder.for_path(tmp_path / "team" / "plan.okr").path == tmp_path / "goallint.toml"


def test_goallint_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "", "pyproject.toml": "[tool.goallint]\n"})
    finder = ConfigFinder(load_plugins(include_installed=False))
    assert finder.for_path(tmp_path).path == tmp_path / "goallint.toml"


def test_a_directory_is_looked_up_once(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "", "a/one.okr": PLAN, "a/two.okr": PLAN})
    finder = ConfigFinder(load_plugins(include_installed=False))
    assert finder.for_path(tmp_path / "a" / "one.okr") is finder.for_path(tmp_path / "a" / "two.okr")
    assert finder.for_path(tmp_path / "a") is finder.for_path(tmp_path / "goallint.toml")


def test_config_option_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "ignore = ['kr-count']\n", "elsewhere.toml": "ignore = ['GL2']\n",
                     "plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr", config=tmp_path / "elsewhere.toml") == [("plan.okr", 3, "kr-count")]


# --- Choosing rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select = ['kr-count']", [FINDINGS[0]]),
        ("select = ['GL202']", [FINDINGS[1]]),
        ("select = ['GL2']", [FINDINGS[1]]),
        ("select = ['gl1']", [FINDINGS[0]]),
        ("ignore = ['GL1']", [FINDINGS[1]]),
        ("ignore = ['missing-baseline', 'kr-count']", []),
        ("select = ['GL1']\nextend-select = ['missing-baseline']", FINDINGS),
        ("select = ['GL']\nignore = ['GL202']", [FINDINGS[0]]),
    ],
)
def test_select_extend_select_and_ignore_take_names_codes_and_prefixes(
    tmp_path: Path, config: str, expected: list[tuple[str, int, str]]
) -> None:
    write(tmp_path, {"goallint.toml": config + "\n", "plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr") == expected


def test_command_line_select_replaces_the_files_and_ignore_adds_to_it(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "select = ['kr-count']\n", "plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr", select=["GL202"]) == [FINDINGS[1]]
    write(tmp_path, {"goallint.toml": "ignore = ['kr-count']\n"})
    assert check_files(tmp_path, "plan.okr", ignore=["missing-baseline"]) == []


def test_per_file_ignores_globs_are_relative_to_the_configuration(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": "[per-file-ignores]\n'legacy/**' = ['kr-count']\n'draft-*.okr' = ['GL2']\n",
        "legacy/2019/plan.okr": PLAN,
        "teams/draft-q3.okr": PLAN,
        "plan.okr": PLAN,
    })
    assert check_files(tmp_path, "legacy/2019/plan.okr", "plan.okr", "teams/draft-q3.okr") == [
        ("legacy/2019/plan.okr", 5, "missing-baseline"),
        *FINDINGS,
        ("teams/draft-q3.okr", 3, "kr-count"),
    ]


# --- Severity and options -------------------------------------------------------------------------


def test_a_severity_override_changes_the_reported_severity(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "[severity]\nkr-count = 'error'\nGL2 = 'info'\n", "plan.okr": PLAN})
    result = goallint("check", "plan.okr", cwd=tmp_path)
    assert "plan.okr:3:12: error GL101 kr-count:" in result.stdout
    assert "plan.okr:5:19: info GL202 missing-baseline:" in result.stdout
    assert result.returncode == 1


def test_severity_and_fail_on_decide_the_exit_code(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "fail-on = 'error'\n[severity]\nGL = 'warning'\n", "plan.okr": PLAN})
    assert goallint("check", "plan.okr", cwd=tmp_path).returncode == 0
    assert goallint("check", "plan.okr", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_rule_options_change_what_a_rule_flags(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "[rules.kr-count]\nmin = 2\n", "plan.okr": PLAN})
    assert check_files(tmp_path, "plan.okr") == [FINDINGS[1]]
    write(tmp_path, {"goallint.toml": "[rules.GL101]\nmin = 1\nmax = 1\n", "plan.okr": PLAN + "  KR: Ship it\n"})
    result = goallint("check", "plan.okr", "--select", "kr-count", cwd=tmp_path)
    assert "This objective has 3 key results; more than 1 spreads the team thin." in result.stdout


def test_options_may_be_written_with_dashes(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "[rules.kpi-count]\nper-plan = 1\n"})
    config = load_config(tmp_path / "goallint.toml", load_plugins(include_installed=False))
    assert config.options["kpi-count"].model_dump()["per_plan"] == 1


def test_output_format_and_fiscal_year_start_come_from_the_configuration(tmp_path: Path) -> None:
    plan = "period: FY27 Q1\nObjective: Delight customers\n  KR: Cut churn from 5% to 3% by May 31\n"
    write(tmp_path, {"goallint.toml": "output-format = 'json'\nselect = ['deadline-outside-period']\n",
                     "plan.okr": plan})
    found = json.loads(goallint("check", "plan.okr", cwd=tmp_path).stdout)
    assert [f["rule"] for f in found] == ["deadline-outside-period"]  # FY27 Q1 is Jan-Mar 2027
    write(tmp_path, {"goallint.toml": "output-format = 'json'\nfiscal-year-start = 4\n"
                                      "select = ['deadline-outside-period']\n"})
    assert json.loads(goallint("check", "plan.okr", cwd=tmp_path).stdout) == []  # Apr-Jun 2026
    text = goallint("check", "plan.okr", "--output-format", "text", cwd=tmp_path)
    assert text.stdout == "No problems found.\n"


# --- Mistakes in a configuration ----------------------------------------------------------------


def test_an_unknown_key_names_the_file_line_key_and_a_close_one(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "fail-on = 'error'\nselct = ['GL1']\n")
    assert stderr == f"goallint: {tmp_path / 'goallint.toml'}:2: unknown key 'selct'; did you mean 'select'?\n"


def test_an_unknown_key_in_pyproject_is_named_with_its_table(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "[tool.goallint]\nignore = []\nper-file-ignore = {}\n", "pyproject.toml")
    assert stderr == (
        f"goallint: {tmp_path / 'pyproject.toml'}:3: unknown key 'tool.goallint.per-file-ignore'; "
        "did you mean 'tool.goallint.per-file-ignores'?\n"
    )


def test_every_problem_in_a_file_is_listed_at_once_in_line_order(tmp_path: Path) -> None:
    config = (
        "ignore = [\n  'GL2',\n  'kr-cuont',\n]\nfail-on = 'warnings'\nfiscal-year-start = 13\n"
        "[severity]\nkr-count = 'fatal'\n[rules.kr-count]\nmn = 2\nmax = 0\n[rules.syntax]\nstrict = true\n"
    )
    path = tmp_path / "goallint.toml"
    assert config_problem(tmp_path, config).splitlines() == [
        f"goallint: {path}:3: ignore: unknown rule 'kr-cuont'; did you mean 'kr-count'?",
        f"goallint: {path}:5: fail-on should be 'error', 'warning', 'info' or 'never', not \"warnings\"; "
        "did you mean 'warning'?",
        f"goallint: {path}:6: fiscal-year-start should be less than or equal to 12, not 13",
        f"goallint: {path}:8: severity.kr-count should be 'error', 'warning' or 'info', not \"fatal\"",
        f"goallint: {path}:10: unknown key 'rules.kr-count.mn'; did you mean 'rules.kr-count.min'?",
        f"goallint: {path}:11: rules.kr-count.max should be greater than or equal to 1, not 0",
        f"goallint: {path}:13: unknown key 'rules.syntax.strict' (rules.syntax takes no options)",
    ]


def test_an_unknown_rule_table_suggests_the_rule(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "[rules.kr-cont]\nmin = 1\n")
    assert stderr == (
        f"goallint: {tmp_path / 'goallint.toml'}:1: unknown rule 'rules.kr-cont'; did you mean 'rules.kr-count'?\n"
    )


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "select = ['GL1'\nignore = []\n")
    assert stderr.startswith(f"goallint: {tmp_path / 'goallint.toml'}:")
    assert "is not valid TOML" in stderr


def test_a_wrongly_typed_value_is_named(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "select = 'GL1'\n")
    assert stderr == f"goallint: {tmp_path / 'goallint.toml'}:1: select should be a valid list, not \"GL1\"\n"


def test_an_unknown_output_format_is_a_configuration_error(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, "output-format = 'jsno'\n")
    assert "output-format: unknown output format 'jsno'; did you mean 'json'?" in stderr


def test_a_missing_config_option_file_exits_2(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    result = goallint("check", "--config", tmp_path / "nope.toml", tmp_path / "plan.okr")
    assert result.returncode == 2
    assert result.stderr == f"goallint: {tmp_path / 'nope.toml'}: no such configuration file\n"


def test_an_unknown_rule_on_the_command_line_exits_2(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    result = goallint("check", "--ignore", "kr-cout", tmp_path / "plan.okr")
    assert result.returncode == 2
    assert result.stderr == "goallint: --ignore: unknown rule 'kr-cout'; did you mean 'kr-count'?\n"


def test_load_config_raises_config_error_with_every_problem(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "selct = []\nignor = []\n"})
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "goallint.toml", load_plugins(include_installed=False))
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (1, "unknown key 'selct'; did you mean 'select'?"),
        (2, "unknown key 'ignor'; did you mean 'ignore'?"),
    ]


# --- goallint config ----------------------------------------------------------------------------------


def test_config_names_the_file_in_effect(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "", "team/plan.okr": PLAN})
    assert goallint("config", tmp_path / "team" / "plan.okr").stdout == f"{tmp_path / 'goallint.toml'}\n"


def test_config_show_prints_the_configuration_in_effect_for_a_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": "ignore = ['GL2']\n[severity]\nkr-count = 'error'\n[rules.kr-count]\nmin = 2\n"
                         "[per-file-ignores]\n'legacy/*' = ['objective-count']\n",
        "legacy/plan.okr": PLAN,
    })
    shown = goallint("config", "--show", "legacy/plan.okr", cwd=tmp_path).stdout
    assert f"# read from {tmp_path / 'goallint.toml'}\n" in shown
    assert '    "kr-count",\n' in shown
    assert '"missing-baseline"' not in shown
    assert '"objective-count"' not in shown.split("[severity]")[0]
    assert 'kr-count = "error"\n' in shown
    assert "[rules.kr-count]\nmin = 2\nmax = 5\n" in shown
    assert '[per-file-ignores]\n"legacy/*" = ["objective-count"]\n' in shown


def test_config_show_json(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "fiscal-year-start = 4\nselect = ['kr-count']\n"})
    shown = json.loads(goallint("config", "--show", "--format", "json", cwd=tmp_path).stdout)
    assert shown == {
        "path": ".",
        "config-file": str(tmp_path / "goallint.toml"),
        "fail-on": "warning",
        "fiscal-year-start": 4,
        "output-format": "text",
        "plugin-errors": "fail",
        "disable-plugins": [],
        "packs": [],
        "exclude": [],
        "respect-gitignore": True,
        "docs-url": None,
        "select": ["kr-count"],
        "severity": {"kr-count": "warning"},
        "per-file-ignores": {},
        "rules": {"kr-count": {"min": 3, "max": 5}},
    }


def test_config_show_of_a_broken_configuration_exits_2(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": "selct = []\n"})
    result = goallint("config", "--show", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'selct'" in result.stderr


# --- Plugins and packs ------------------------------------------------------------------------


def test_plugin_keys_are_checked_like_the_others(tmp_path: Path) -> None:
    stderr = config_problem(tmp_path, 'plugin-errors = "warning"\ndisable-plugins = ["no-such-plugin"]\n'
                                      'packs = "house.toml"\n')
    config = tmp_path / "goallint.toml"
    lines = stderr.splitlines()
    assert lines[0] == (f"goallint: {config}:1: plugin-errors should be 'fail' or 'warn', not \"warning\"; "
                        "did you mean 'warn'?")
    # what follows names the plugins installed, if any
    assert lines[1].startswith(f"goallint: {config}:2: disable-plugins: no plugin called 'no-such-plugin'; ")
    assert lines[2:] == [f"goallint: {config}:3: packs should be a valid list, not \"house.toml\""]


def test_config_show_lists_packs_and_plugin_settings_as_a_valid_configuration(tmp_path: Path) -> None:
    write(tmp_path, {
        "goallint.toml": 'packs = ["rules/house.toml"]\nplugin-errors = "warn"\n',
        "rules/house.toml": 'kind = "child-count"\nparent = "objective"\nchildren = "kpis"\nmax = 1\n'
                            '[rule]\ncode = "HOUSE1"\nname = "one-kpi"\nsummary = "One KPI an objective."\n',
    })
    shown = goallint("config", "--show", cwd=tmp_path).stdout
    assert f'packs = ["{tmp_path / "rules" / "house.toml"}"]\n' in shown and 'plugin-errors = "warn"\n' in shown
    assert '    "one-kpi",\n' in shown
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "goallint.toml").write_text(shown, encoding="utf-8")
    again = goallint("config", "--show", "--config", tmp_path / "elsewhere" / "goallint.toml", cwd=tmp_path)
    assert again.returncode == 0 and '    "one-kpi",\n' in again.stdout


@pytest.mark.parametrize("glob", ["[!]", "[]", "notes[!]/*.okr"])
def test_a_glob_with_an_empty_class_is_read_literally(glob: str) -> None:
    from goallint.config import _glob_pattern

    assert _glob_pattern(glob).match(glob.replace("*", "x"))
