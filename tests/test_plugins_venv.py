"""The slow one: plugins installed with pip into a fresh environment beside goallint, as a user
installs them, then listed, used and (the broken ones) isolated by the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

# The plugin of the tutorial in docs/plugins.md, as a reader would write it.
ACME = {
    "pyproject.toml": """\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "goallint-acme"
        version = "1.2.0"
        dependencies = ["goallint"]

        [project.entry-points.goallint]
        acme = "goallint_acme"
        """,
    "goallint_acme/__init__.py": """\
        from goallint.plugin import Rule, hookimpl

        goallint_api = "1.0"


        class NoBonus(Rule):
            code = "ACME101"
            name = "no-bonus"
            summary = "A key result about bonuses."
            scope = "key_result"
            why = "Pay is agreed with each person, not set as a team goal."
            bad = "Objective: Sell more\\n  KR: Pay a bonus to 5 reps"
            good = "Objective: Sell more\\n  KR: Sign 5 new logos"

            def check(self, node, context):
                if "bonus" in node.text.lower():
                    yield context.finding(node.span, "Bonuses are not goals.", "Agree pay outside the OKRs.")


        @hookimpl
        def goallint_rules():
            return [NoBonus]
        """,
}

BROKEN = {
    "pyproject.toml": """\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "goallint-broken"
        version = "0.0.1"
        dependencies = ["goallint"]

        [project.entry-points.goallint]
        broken-import = "goallint_broken.half"
        broken-rule = "goallint_broken"
        """,
    "goallint_broken/__init__.py": """\
        from goallint.plugin import Rule, hookimpl

        goallint_api = "1.0"


        class Crash(Rule):
            code = "BRK1"
            name = "crash"
            summary = "Fails on every key result."
            scope = "key_result"

            def check(self, node, context):
                raise ZeroDivisionError("division by zero")


        class Spin(Rule):
            code = "BRK2"
            name = "spin"
            summary = "Never ends on an objective."
            scope = "objective"

            def check(self, node, context):
                while True:
                    pass


        @hookimpl
        def goallint_rules():
            return [Crash, Spin]
        """,
    "goallint_broken/half.py": "import goallint_no_such_dependency\n",
}

PLAN = "period: 2026-Q3\n\nObjective: Sell more\n  KR: Pay a bonus to 5 reps by end of Q3\n"


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    environment["GOALLINT_RULE_TIME_LIMIT"] = "0.5"
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=cwd,
                          env=environment, timeout=600)


@pytest.mark.network  # pip fetches the build backend and dependencies: run by .ci/run (-m network)
@pytest.mark.timeout(900)
@pytest.mark.skipif(os.environ.get("GOALLINT_SKIP_SLOW") == "1", reason="GOALLINT_SKIP_SLOW=1")
def test_plugins_installed_with_pip_are_listed_used_and_the_broken_ones_isolated(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python, goallint = venv / "bin" / "python", venv / "bin" / "goallint"
    for package in (REPOSITORY, _package(tmp_path / "acme", ACME), _package(tmp_path / "broken", BROKEN)):
        installed = _run(python, "-m", "pip", "install", "--quiet", package)
        assert installed.returncode == 0, installed.stderr
    (tmp_path / "plan.okr").write_text(PLAN, encoding="utf-8")

    listed = _run(goallint, "plugins")
    assert listed.returncode == 2
    acme = next(line for line in listed.stdout.splitlines() if line.startswith("acme "))
    assert acme.split() == ["acme", "goallint-acme", "1.2.0", "API", "1.0", "loaded:", "1", "rule", "(ACME101)"]
    assert "goallint: plugin 'broken-import' (goallint-broken 0.0.1) could not be loaded (ModuleNotFoundError" \
        in listed.stderr

    rules = _run(goallint, "rules")
    assert any(line.split()[:3] == ["ACME101", "no-bonus", "warning"] for line in rules.stdout.splitlines())
    assert "Pay is agreed with each person" in _run(goallint, "explain", "no-bonus").stdout

    checked = _run(goallint, "check", "plan.okr", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr
    assert "plan.okr:4:7: warning ACME101 no-bonus: Bonuses are not goals." in checked.stdout
    assert ("plan.okr:4:1: error GL000 internal-error: Rule BRK1 crash of plugin 'broken-rule' (goallint-broken "
            "0.0.1) failed here (ZeroDivisionError: division by zero)") in checked.stdout
    assert ("plan.okr:3:1: error GL000 internal-error: Rule BRK2 spin of plugin 'broken-rule' (goallint-broken "
            "0.0.1) took longer than 0.5 s on one statement and was stopped") in checked.stdout
    assert "Traceback" not in checked.stderr

    (tmp_path / "goallint.toml").write_text('disable-plugins = ["broken-import", "broken-rule"]\n', encoding="utf-8")
    checked = _run(goallint, "check", "plan.okr", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert "ACME101 no-bonus" in checked.stdout and "GL000" not in checked.stdout


# --- Offline: a plugin written from docs/plugins.md, installed editable, beside broken plugins ------
#
# No network: the plugins are built by the hatchling installed beside goallint (the test extra),
# without build isolation, and nothing is fetched (--no-index). goallint comes from the
# environment running the tests, which the temporary venv reads through a .pth file.

HATCH = """\
    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"

    [project]
    name = "{name}"
    version = "{version}"
    dependencies = ["goallint"]

    [project.entry-points.goallint]
    {entry_points}
    """

ACME_1_1 = {
    "pyproject.toml": HATCH.format(name="goallint-acme", version="1.2.0", entry_points='acme = "goallint_acme"'),
    "goallint_acme/__init__.py": '''\
        from collections.abc import Iterator
        from pathlib import Path

        from pydantic import Field

        from goallint.plugin import (
            Context, Finding, KeyResult, NoOptions, Report, Rule, RuleOptions, hookimpl, is_currency, load_packs,
        )

        goallint_api = "1.1"


        class NoBonusOptions(RuleOptions):
            words: list[str] = Field(default=["bonus"], description="Words that mean pay.")


        class NoBonus(Rule[KeyResult, NoBonusOptions]):
            code = "ACME101"
            name = "no-bonus"
            summary = "A key result about bonuses."
            scope = "key_result"
            why = "Pay is agreed with each person, not set as a team goal."
            bad = "Objective: Sell more\\n  KR: Pay a bonus to 5 reps"
            good = "Objective: Sell more\\n  KR: Sign 5 new logos"
            docs_url = "https://acme.example/goallint#acme101"

            def check(self, node: KeyResult, context: Context[NoBonusOptions]) -> Iterator[Finding]:
                if any(word in node.text.lower() for word in context.options.words):
                    yield context.finding(node.span, "Bonuses are not goals.", "Agree pay outside the OKRs.")


        class RevenueInCurrency(Rule[KeyResult, NoOptions]):
            code = "ACME102"
            name = "revenue-in-currency"
            summary = "A revenue key result without a currency."
            scope = "key_result"
            bad = "Objective: Grow\\n  KR: Grow revenue to 2M by Q3"
            good = "Objective: Grow\\n  KR: Grow revenue to $2M by Q3"

            def check(self, node: KeyResult, context: Context[NoOptions]) -> Iterator[Finding]:
                target = node.measure.target
                if "revenue" in node.text.lower() and target is not None and not is_currency(target.unit):
                    objective = context.objective_of(node)
                    where = f" (objective '{objective.text}')" if objective is not None else ""
                    yield context.finding(target.span, f"'{target.text}' has no currency{where}.")


        def render_csv(report: Report) -> str:
            return "".join(f"{f.path},{f.span.start.line},{f.code},{f.severity}\\n" for f in report.findings)


        @hookimpl
        def goallint_rules():
            return [NoBonus, RevenueInCurrency, *load_packs(Path(__file__).parent / "rules")]


        @hookimpl
        def goallint_reporters():
            return {"acme-csv": render_csv}


        @hookimpl
        def goallint_config_defaults():
            return {"severity": {"revenue-in-currency": "error"}}
        ''',
    "goallint_acme/rules/no-client.toml": '''\
        kind = "forbidden-words"
        message = "We say customer, not '{word}'."

        [rule]
        code = "ACME103"
        name = "no-client"
        summary = "Says client."
        bad = "Objective: Grow\\n  KR: Sign 5 new clients by Q3"
        good = "Objective: Grow\\n  KR: Sign 5 new customers by Q3"

        [[words]]
        word = "client*"
        suggestion = "Write customer."
        replacement = "customers"
        ''',
    "tests/test_acme.py": '''\
        from goallint.testing import Case, Expect, rule_cases, rule_examples, render

        test_examples = rule_examples(plugin="acme")

        test_cases = rule_cases([
            Case("no-bonus", "Objective: Sell\\n  KR: Pay a bonus to 5 reps", ["no-bonus:2"]),
            Case("no-bonus", "Objective: Sell\\n  KR: Pay a commission", ["no-bonus:2"],
                 options={"words": ["commission"]}),
            Case("revenue-in-currency", "Objective: Grow\\n  KR: Grow revenue to 2M by Q3",
                 [Expect("revenue-in-currency", 2, text="2M", message="objective 'Grow'")]),
            Case("no-client", "Objective: Grow\\n  KR: Sign 5 clients by Q3",
                 [Expect("no-client", 2, text="clients", message="We say customer")],
                 fixed="Objective: Grow\\n  KR: Sign 5 customers by Q3", unsafe=True),
        ])


        def test_csv_output():
            text = "Objective: Sell\\n  KR: Pay a bonus to 5 reps\\n  KR: Grow revenue to 2M\\n"
            shown = render("acme-csv", text, rules=["no-bonus", "revenue-in-currency"])
            assert shown == "plan.okr,2,ACME101,warning\\nplan.okr,3,ACME102,error\\n"
        ''',
}

_RULE = '''
    class {cls}(Rule):
        code = "{code}"
        name = "{name}"
        summary = "A broken rule."
        scope = "key_result"
        bad = "Objective: Sell\\n  KR: Pay a bonus"
        good = "Objective: Sell\\n  KR: Sign logos"

        def check(self, node, context):
    {body}


    @hookimpl
    def goallint_rules():
        return [{cls}]
    '''


def _broken_module(cls: str, code: str, name: str, body: str, api: str = "1.1") -> str:
    head = f'from goallint.plugin import Rule, hookimpl\n\ngoallint_api = "{api}"\n'
    return head + textwrap.dedent(_RULE.format(cls=cls, code=code, name=name, body=textwrap.indent(body, " " * 12)[4:]))


# Each entry point is a plugin of its own: (entry-point name, module, source). The last four
# load, and break only when they run.
BROKEN_PLUGINS = [
    ("bad-import", "goallint_bad_import", "import goallint_no_such_dependency\n"),
    ("bad-api", "goallint_bad_api", _broken_module("Old", "OLD1", "old-rule", "yield from ()", api="2.0")),
    ("bad-hook", "goallint_bad_hook", 'from goallint.plugin import hookimpl\n\ngoallint_api = "1.1"\n\n\n'
                                      '@hookimpl\ndef goallint_rules():\n    raise KeyError("rules table")\n'),
    ("bad-rule", "goallint_bad_rule", _broken_module("Nameless", "BAD1", "", "yield from ()")),
    ("bad-clash", "goallint_bad_clash", _broken_module("Copy", "BAD2", "kr-count", "yield from ()")),
    ("bad-yield", "goallint_bad_yield", _broken_module("Text", "YLD1", "yields-text", 'yield "revenue found"')),
    ("bad-return", "goallint_bad_return", _broken_module(
        "Returns", "RET1", "returns-finding", 'return context.finding(node.span, "found")')),
    ("bad-raise", "goallint_bad_raise", _broken_module(
        "Raises", "RAI1", "raises", 'raise ZeroDivisionError("division by zero")\nyield')),
    ("bad-loop", "goallint_bad_loop", _broken_module("Loops", "LOO1", "loops", "while True:\n    pass\nyield")),
]
BROKEN_AT_LOAD = ["bad-import", "bad-api", "bad-hook", "bad-rule", "bad-clash"]
BROKEN_AT_RUN = {"bad-yield": "YLD1 yields-text", "bad-return": "RET1 returns-finding", "bad-raise": "RAI1 raises",
                 "bad-loop": "LOO1 loops"}


def _offline_venv(root: Path) -> Path:
    """A fresh venv that sees the packages of the environment running the tests (goallint,
    hatchling, pytest), so that nothing needs fetching; its own site-packages come first."""
    import sysconfig

    assert _run(sys.executable, "-m", "venv", "--without-pip", root).returncode == 0
    python = root / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    here = sysconfig.get_paths()["purelib"]
    (Path(site) / "_goallint_tests.pth").write_text(f"import site; site.addsitedir({here!r})\n", encoding="utf-8")
    return python


def _install(python: Path, *arguments: str | Path) -> None:
    installed = _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                     *arguments)
    assert installed.returncode == 0, installed.stderr


@pytest.mark.timeout(900)
@pytest.mark.skipif(os.environ.get("GOALLINT_SKIP_SLOW") == "1", reason="GOALLINT_SKIP_SLOW=1")
def test_a_plugin_from_the_docs_beside_broken_plugins_offline(tmp_path: Path) -> None:
    python = _offline_venv(tmp_path / "venv")
    acme = _package(tmp_path / "acme", ACME_1_1)
    _install(python, "--editable", acme)  # as the tutorial says: pip install -e
    broken = {"pyproject.toml": HATCH.format(
        name="goallint-broken", version="0.0.1",
        entry_points="\n    ".join(f'{name} = "{module}"' for name, module, _ in BROKEN_PLUGINS))
        + "\n[tool.hatch.build.targets.wheel]\npackages = [" + ", ".join(f'"{m}"' for _, m, _ in BROKEN_PLUGINS)
        + "]\n"}
    broken |= {f"{module}/__init__.py": source for _, module, source in BROKEN_PLUGINS}
    wheels = tmp_path / "wheels"  # a real wheel, built locally, then installed from it
    built = _run(python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
                 "--wheel-dir", wheels, _package(tmp_path / "broken", broken))
    assert built.returncode == 0, built.stderr
    _install(python, next(wheels.glob("*.whl")))
    work = tmp_path / "work"
    work.mkdir()
    plan = work / "plan.okr"
    plan.write_text("period: 2026-Q3\n\nObjective: Sell more\n  KR: Pay a bonus to 5 reps by end of Q3\n"
                    "  KR: Grow revenue to 2M by end of Q3\n", encoding="utf-8")

    def goallint(*arguments: str) -> subprocess.CompletedProcess[str]:
        return _run(python, "-m", "goallint", *arguments, cwd=work)

    # `goallint plugins` says which loaded and which did not, and exits 2
    listed = goallint("plugins")
    assert listed.returncode == 2, listed.stderr
    status = {line.split()[0]: line.split(" API ", 1)[1].split(None, 1)[1].split(":")[0].strip()
              for line in listed.stdout.splitlines()}
    assert status["acme"] == "loaded"
    assert {name: status[name] for name in BROKEN_AT_LOAD} == {
        "bad-import": "not loaded", "bad-api": "not loaded", "bad-hook": "not loaded", "bad-rule": "not loaded",
        "bad-clash": "not loaded"}
    assert all(status[name] == "loaded" for name in BROKEN_AT_RUN)  # they break only when they run
    assert "Traceback" not in listed.stderr
    tried = goallint("plugins", "--check")  # runs each plugin rule on its examples: finds those too
    assert tried.returncode == 2
    for name, rule in BROKEN_AT_RUN.items():
        assert f"  {rule} ({name}): fails: on its bad example: Rule {rule} of plugin '{name}'" in tried.stdout, name
    assert "  ACME101 no-bonus (acme): fires on its bad example, quiet on its good one" in tried.stdout

    # `goallint check` names each broken plugin, keeps every other finding, exits 2, no traceback
    checked = goallint("check", "plan.okr")
    assert checked.returncode == 2, checked.stderr
    for name in BROKEN_AT_LOAD:
        assert f"goallint: plugin '{name}' (goallint-broken 0.0.1)" in checked.stderr, name
    for name, rule in BROKEN_AT_RUN.items():
        assert f"GL000 internal-error: Rule {rule} of plugin '{name}' (goallint-broken 0.0.1)" in checked.stdout, name
        assert f"goallint: rule {rule} of plugin '{name}' (goallint-broken 0.0.1) failed while checking" \
            in checked.stderr, name
    assert "returned a finding instead of yielding it (use `yield`, not `return`)" in checked.stdout
    assert "yielded 'revenue found' (a str), not a finding" in checked.stdout
    assert "plan.okr:4:7: warning ACME101 no-bonus: Bonuses are not goals." in checked.stdout
    assert "plan.okr:5:23: error ACME102 revenue-in-currency: '2M' has no currency (objective 'Sell more')." \
        in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    debugged = goallint("--debug", "check", "plan.okr")  # the cache is skipped: every rule runs
    assert debugged.returncode == 2 and "Traceback (most recent call last):" in debugged.stderr
    assert "import goallint_no_such_dependency" in debugged.stderr and "division by zero" in debugged.stderr

    # rules and explain: the severity the plugin's defaults set, and the broken plugins named
    rules = goallint("rules")
    assert rules.returncode == 2 and "plugin 'bad-import'" in rules.stderr
    assert any(line.split()[:3] == ["ACME102", "revenue-in-currency", "error"] for line in rules.stdout.splitlines())
    explained = goallint("explain", "ACME102")
    assert explained.stdout.startswith("ACME102 revenue-in-currency (error: set by the defaults of plugin 'acme'")

    # the plugin's own tests pass with the broken plugins installed beside it
    tested = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", acme / "tests",
                  cwd=acme)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert " passed" in tested.stdout and "failed" not in tested.stdout

    # an edit to the editable plugin's message shows on the next check, cache and all
    source = acme / "goallint_acme" / "__init__.py"
    source.write_text(source.read_text(encoding="utf-8").replace("Bonuses are not goals.", "No bonus targets."),
                      encoding="utf-8")
    again = goallint("check", "plan.okr")
    assert "ACME101 no-bonus: No bonus targets." in again.stdout and "Bonuses are not goals." not in again.stdout

    # disabling the broken plugins leaves a clean run of the good one
    (work / "goallint.toml").write_text(
        "disable-plugins = [" + ", ".join(f'"{name}"' for name, _, _ in BROKEN_PLUGINS) + "]\n", encoding="utf-8")
    calm = goallint("check", "plan.okr")
    assert calm.returncode == 1, calm.stderr
    assert "GL000" not in calm.stdout and "ACME101" in calm.stdout
    assert goallint("plugins").returncode == 0
