"""Testing rules as data: a snippet, the findings expected (rule and line), and the text after a fix.

    from goallint.testing import Case, rule_cases, rule_examples

    test_cases = rule_cases([
        Case("revenue-currency", "Objective: Grow\\n  KR: Grow revenue to 2M by Q3\\n",
             ["revenue-currency:2"]),
        Case("revenue-currency", "Objective: Grow\\n  KR: Grow revenue to $2M by Q3\\n"),   # quiet
        Case("pipeline-coverage-ratio", "KPI: Pipeline coverage – target 300%\\n",
             ["pipeline-coverage-ratio:1"], fixed="KPI: Pipeline coverage – target 3x\\n"),
    ])
    test_examples = rule_examples(plugin="sales")   # each rule fires on `bad`, not on `good`

`pytest` then runs every case as its own test. A case is checked the way `goallint check` checks a
file: with only its rules selected (and their options), inline `goallint: disable` comments
applied, and fixes applied round after round for `fixed`. Cases may also live in a TOML file
(`load_cases`). Rules across documents read a case's text as several documents, separated by
lines that are exactly `---`; lines are counted in the case's text as written.

Each test runs only the rules it is about, so a broken plugin installed beside yours (one that
raises, loops or cannot load) does not fail your tests. A rule of yours that fails is named with
what went wrong; with GOALLINT_DEBUG=1 the failure shows its traceback. `report_of` and
`render` test an output format on the report of a text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from goallint.engine.plugins import Plugins
    from goallint.engine.rule import Rule
    from goallint.model import Finding
    from goallint.report import Report

_SEPARATOR_RE = re.compile(r"^---$\n?", re.M)
_SPEC_RE = re.compile(r"^(?P<rule>[a-z][a-z0-9-]*):(?P<line>\d+)(?::(?P<column>\d+))?$")


@dataclass(frozen=True)
class Expect:
    """One finding a case expects: the rule's name and the line, and optionally the column, the
    flagged text, and words its message and hint contain. `"kr-count:3"` or `"kr-count:3:5"`
    written as a string mean the same as `Expect("kr-count", 3)` or `Expect("kr-count", 3, 5)`."""

    rule: str
    line: int
    column: int | None = None
    text: str | None = None
    message: str | None = None
    hint: str | None = None

    @classmethod
    def of(cls, spec: str | Expect | Mapping[str, Any]) -> Expect:
        if isinstance(spec, Expect):
            return spec
        if isinstance(spec, Mapping):
            return cls(**spec)
        match = _SPEC_RE.match(spec.strip())
        if match is None:
            raise ValueError(f"{spec!r} is not 'rule-name:line' or 'rule-name:line:column'")
        column = match["column"]
        return cls(match["rule"], int(match["line"]), int(column) if column else None)

    def __str__(self) -> str:
        return f"{self.rule}:{self.line}" + (f":{self.column}" if self.column is not None else "")


@dataclass(frozen=True)
class Case:
    """A rule test as data. `rule` names the rule (or a list of rules) to run; `findings` lists
    what they should report (none: the text is quiet); `fixed` is the text after `--fix` (with
    `--unsafe-fixes` too when `unsafe`). `options` are the rule's, as in `[rules.<name>]`;
    `path` names the document (`.md` reads it as Markdown)."""

    rule: str | Sequence[str]
    text: str
    findings: Sequence[str | Expect | Mapping[str, Any]] = ()
    fixed: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    path: str = "plan.okr"
    unsafe: bool = False
    name: str | None = None

    @property
    def rules(self) -> list[str]:
        return [self.rule] if isinstance(self.rule, str) else list(self.rule)

    @property
    def id(self) -> str:
        if self.name:
            return self.name
        first = next((line.strip() for line in self.text.splitlines() if line.strip().lower().startswith(
            ("kr", "kpi", "-", "*"))), self.text.strip().splitlines()[0] if self.text.strip() else "empty")
        return f"{'+'.join(self.rules)}: {first[:60]}"


@dataclass(frozen=True)
class Outcome:
    """What a case's rules said (before fixing): each finding with the line it is on in the
    case's text, and the text after fixing (None when the case does not ask)."""

    findings: list[tuple[int, Finding]]
    fixed: str | None


_PLUGINS: dict[bool, Plugins] = {}


def plugins_for_tests(installed: bool = True) -> Plugins:
    """goallint's plugins, loaded once per test session; with `installed`, every installed plugin too."""
    if installed not in _PLUGINS:
        from goallint.engine.plugins import load_plugins

        _PLUGINS[installed] = load_plugins(include_installed=installed)
    return _PLUGINS[installed]


def run_case(case: Case, plugins: Plugins | None = None) -> Outcome:
    """Check a case's text as `goallint check` would, with only its rules selected."""
    from goallint.checking import check_sources
    from goallint.config import ConfigFinder, config_from_table
    from goallint.fixes import fix_until_settled

    plugins = plugins or plugins_for_tests()
    unknown = [name for name in case.rules if name not in plugins.rules]
    if unknown:
        raise AssertionError(f"no rule called {unknown[0]!r} is loaded{_why_not_loaded(plugins)}")
    table: dict[str, Any] = {"select": case.rules}
    if case.options:
        table["rules"] = {case.rules[0]: dict(case.options)}
    finder = ConfigFinder.always(plugins, config_from_table(table, plugins, source=f"case {case.id!r}"))
    across = any(plugins.rules[name].scope == "documents" for name in case.rules)
    pieces = _SEPARATOR_RE.split(case.text) if across else [case.text]
    names = _names(case.path, len(pieces))
    first_lines = _first_lines(case.text, pieces)

    def lint(texts: Mapping[str, str]) -> list[Finding]:
        return check_sources(texts, finder, jobs=1)

    sources = dict(zip(names, pieces, strict=True))
    findings = lint(sources)  # what is reported before fixing
    fixed = None
    if case.fixed is not None:
        result = fix_until_settled(sources, lint, case.unsafe)
        fixed = "---\n".join(result.sources[name] for name in names)
    start = dict(zip(names, first_lines, strict=True))
    _raise_if_failed([plugins.rules[name] for name in case.rules], findings, f"case {case.id!r}")
    return Outcome([(start.get(f.path or "", 1) + f.span.start.line - 1, f) for f in findings], fixed)


def _why_not_loaded(plugins: Plugins) -> str:
    """Why a rule may be missing: the plugins that did not load, or a reminder to install."""
    if not plugins.problems:
        return " (is its plugin installed? pip install -e . in the plugin's folder)"
    return "; these plugin problems may be why:\n" + "\n".join(f"  {p.message}" for p in plugins.problems)


def _raise_if_failed(rules: Sequence[type[Rule]], findings: Sequence[Finding], what: str) -> None:
    """A rule under test that failed (raised, ran out of time, or yielded something other than
    findings) fails the test with what went wrong, and its traceback under GOALLINT_DEBUG=1."""
    from goallint.engine.isolation import debug_enabled

    failed = next((f for f in findings if f.rule == "internal-error"), None)
    if failed is None:
        return
    lines = [f"{what}: {failed.message}"]
    if failed.hint:
        lines.append(failed.hint)
    details = [text for rule in rules if (text := getattr(rule, "last_failure", None))]
    if details and debug_enabled():
        lines += [detail.rstrip("\n") for detail in details]
    elif details:
        lines.append("(run with GOALLINT_DEBUG=1 to see where it failed)")
    raise AssertionError("\n".join(lines))


def check_case(case: Case, plugins: Plugins | None = None) -> None:
    """Run a case; raise AssertionError saying what differs from what it expects."""
    outcome = run_case(case, plugins)
    expected = [Expect.of(spec) for spec in case.findings]
    problems: list[str] = []
    unmatched = list(outcome.findings)
    for want in expected:
        match = next((i for i, (line, f) in enumerate(unmatched) if f.rule == want.rule and line == want.line), None)
        if match is None:
            problems.append(f"expected {want}, which was not reported")
            continue
        line, finding = unmatched.pop(match)
        problems += _differences(want, finding, line, case.text)
    problems += [f"did not expect {_shown(line, finding)}" for line, finding in unmatched]
    if case.fixed is not None and outcome.fixed != case.fixed:
        problems.append(f"after fixing, the text is\n{outcome.fixed!r}\nnot\n{case.fixed!r}")
    if problems:
        found = "\n".join(f"    {_shown(line, f)}" for line, f in outcome.findings) or "    (nothing)"
        raise AssertionError(f"case {case.id!r}:\n  " + "\n  ".join(problems) + f"\n  reported:\n{found}")


def _differences(want: Expect, finding: Finding, line: int, text: str) -> list[str]:
    problems = []
    if want.column is not None and finding.span.start.column != want.column:
        problems.append(f"{want}: found at column {finding.span.start.column}")
    if want.text is not None:
        flagged = _flagged(finding, line, text)
        if flagged != want.text:
            problems.append(f"{want}: flags {flagged!r}, not {want.text!r}")
    if want.message is not None and want.message not in finding.message:
        problems.append(f"{want}: the message {finding.message!r} does not say {want.message!r}")
    if want.hint is not None and want.hint not in (finding.hint or ""):
        problems.append(f"{want}: the hint {finding.hint!r} does not say {want.hint!r}")
    return problems


def _flagged(finding: Finding, line: int, text: str) -> str:
    """The flagged text, read from the case's lines (offsets count within one document)."""
    lines = text.splitlines(keepends=True)
    start, end = finding.span.start, finding.span.end
    if not 1 <= line <= len(lines):
        return ""
    if start.line != end.line:
        return "".join(lines[line - 1 : line + end.line - start.line])[start.column - 1 :]
    return lines[line - 1][start.column - 1 : end.column - 1]


def _shown(line: int, finding: Finding) -> str:
    return f"{finding.rule}:{line}:{finding.span.start.column}  {finding.message}"


def _names(path: str, count: int) -> list[str]:
    if count == 1:
        return [path]
    pure = PurePath(path)
    return [str(pure.with_name(f"{pure.stem}{number}{pure.suffix}")) for number in range(1, count + 1)]


def _first_lines(text: str, pieces: Sequence[str]) -> list[int]:
    """The line of the case's text each document starts on."""
    if len(pieces) == 1:
        return [1]
    starts = [1]
    for match in _SEPARATOR_RE.finditer(text):
        starts.append(text.count("\n", 0, match.end()) + 1)
    return starts


def load_cases(path: str | Path) -> list[Case]:
    """Cases from a TOML file of `[[case]]` tables with the keys of `Case`:

        [[case]]
        rule = "revenue-currency"
        text = '''
        Objective: Grow
          KR: Grow revenue to 2M by Q3
        '''
        findings = ["revenue-currency:2"]       # or [{rule = "…", line = 2, text = "2M"}]
    """
    source = Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{source}: no such file (looked in {Path.cwd()}); a relative path is read from the "
                         "current directory: write load_cases(Path(__file__).parent / 'cases.toml')") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: is not valid TOML ({error})") from None
    cases = []
    for number, entry in enumerate(data.get("case", []), start=1):
        try:
            cases.append(Case(**entry))
        except TypeError as error:
            raise ValueError(f"{source}: case {number}: {error}") from None
    return cases


def rule_cases(cases: Iterable[Case], installed: bool = True) -> Callable[[Case], None]:
    """A pytest test running each case as its own test: `test_my_rules = rule_cases([...])`.
    With `installed=False`, only goallint's own rules are loaded (for goallint's tests)."""
    import pytest

    # each case's id given with it, not as `ids=[...]`: pytest keeps the ids it made from such a
    # list on the mark, and a second session in one process (mutmut's) escapes them again
    @pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in cases])
    def test_rule_case(case: Case) -> None:
        check_case(case, plugins_for_tests(installed))

    return test_rule_case


def check_examples(rule: type[Rule], plugins: Plugins | None = None) -> None:
    """A rule fires on its `bad` example and not on its `good` one, checked as `goallint check`
    does (inline directives apply) with only this rule selected: no other plugin's rule runs."""
    from goallint.checking import check_sources
    from goallint.config import ConfigFinder, config_from_table

    plugins = plugins or plugins_for_tests()
    config = config_from_table({"select": [rule.name]}, plugins, source=f"the examples of {rule.name}")
    finder = ConfigFinder.always(plugins, config)
    for example, should_fire in ((rule.bad, True), (rule.good, False)):
        if not example:
            raise AssertionError(f"{rule.name} has no {'bad' if should_fire else 'good'} example")
        pieces = _SEPARATOR_RE.split(example) if rule.scope == "documents" else [example]
        names = _names("plans/plan.okr", len(pieces))
        found = [f for f in check_sources(dict(zip(names, pieces, strict=True)), finder, jobs=1)
                 if f.rule in (rule.name, "internal-error")]
        _raise_if_failed([rule], found, f"{rule.name}, on its {'bad' if should_fire else 'good'} example")
        if should_fire and not found:
            raise AssertionError(f"{rule.name} does not fire on its bad example")
        if not should_fire and found:
            raise AssertionError(f"{rule.name} fires on its good example: {found[0].message}")


def rule_examples(
    *rules: str | type[Rule], plugin: str | None = None, installed: bool = True
) -> Callable[[str], None]:
    """A pytest test checking each rule's own examples (`check_examples`): the rules named, or
    every rule of `plugin` (its entry-point name; "goallint" for the built-in rules)."""
    import pytest

    loaded = plugins_for_tests(installed)
    names = [rule if isinstance(rule, str) else rule.name for rule in rules]
    if plugin is not None:
        names += [name for name, origin in loaded.origin.items() if origin == plugin]
    if not names:
        raise ValueError(f"name the rules, or a plugin that has some: {plugin!r} has none loaded"
                         f"{_why_not_loaded(loaded)}")

    @pytest.mark.parametrize("rule_name", names)
    def test_rule_examples(rule_name: str) -> None:
        check_examples(loaded.rules[rule_name], loaded)

    return test_rule_examples


def report_of(
    text: str | Mapping[str, str], path: str = "plan.okr", rules: Sequence[str] | None = None,
    plugins: Plugins | None = None,
) -> Report:
    """The report `goallint check` hands an output format for `text` (or for several texts, by
    path), with the sources: the findings of `rules` (names or codes), or by default of
    goallint's own rules only, so that other plugins installed beside yours change nothing."""
    from goallint.checking import check_sources
    from goallint.config import ConfigFinder, config_from_table
    from goallint.engine.plugins import BUILTIN
    from goallint.report import Report

    plugins = plugins or plugins_for_tests()
    sources = {path: text} if isinstance(text, str) else dict(text)
    own = [name for name, origin in plugins.origin.items() if origin == BUILTIN]
    table: dict[str, Any] = {"select": list(rules) if rules is not None else own}
    finder = ConfigFinder.always(plugins, config_from_table(table, plugins, source="report_of"))
    return Report(check_sources(sources, finder, jobs=1), sources, plugins.rules)


def render(
    output_format: str, text: str | Mapping[str, str], path: str = "plan.okr", rules: Sequence[str] | None = None,
    plugins: Plugins | None = None,
) -> str:
    """What `goallint check --output-format NAME` prints for `text`: to test an output format.

        assert render("acme-csv", "Objective: Sell\\n  KR: Pay a bonus\\n").startswith("plan.okr,2,")
    """
    plugins = plugins or plugins_for_tests()
    reporter = plugins.reporters.get(output_format)
    if reporter is None:
        known = ", ".join(sorted(plugins.reporters))
        raise AssertionError(f"no output format {output_format!r} is loaded (known: {known})"
                             f"{_why_not_loaded(plugins) if plugins.problems else ''}")
    return reporter(report_of(text, path, rules, plugins))
