"""The result cache and the worker processes of `goallint check`.

In-process tests count parses to prove what the cache spares; the console-script tests show
the cache is invisible in the output, survives damage, and is safe under concurrent runs.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import goallint.checking as checking
from goallint.cache import STORE_NAME, ResultCache
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from harness import CLEAN_PLAN, GOALLINT, goallint, write

PLUGINS = load_plugins()

Q1 = """\
period: 2026-Q1
owner: Support team

Objective: Delight customers
  KR: Lift NPS from 30 to 45 by end of Q1
  KPI: Ticket backlog – below 40
    source: Zendesk
    cadence: weekly
  KPI: First response time – under 2 h
    source: Zendesk
    cadence: weekly
"""
Q2_SAME_KPIS = Q1.replace("2026-Q1", "2026-Q2").replace("end of Q1", "end of Q2")
Q2_DROPPED_KPI = Q2_SAME_KPIS.replace(
    "  KPI: First response time – under 2 h\n    source: Zendesk\n    cadence: weekly\n", ""
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the texts parsed in this process from now on."""
    parsed: list[str] = []
    real = checking.parse_document

    def counting(text: str, path: str | None = None, *args: object, **kwargs: object) -> object:
        parsed.append(path or "")
        return real(text, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checking, "parse_document", counting)
    return parsed


def run(sources: dict[str, str], cache: ResultCache | None, jobs: int | None = 1) -> list[tuple[str, int, str]]:
    found = checking.check_sources(sources, ConfigFinder(PLUGINS), cache=cache, jobs=jobs)
    return [(f.path or "", f.span.start.line, f.rule) for f in found]


def test_a_second_run_parses_nothing_and_reports_the_same(tmp_path: Path, parses: list[str]) -> None:
    sources = {str(tmp_path / "q1.okr"): Q1, str(tmp_path / "q2.okr"): Q2_DROPPED_KPI}
    first = run(sources, ResultCache(tmp_path / "cache"))
    assert (str(tmp_path / "q2.okr"), 1, "kpi-churn") in first  # a rule over the set ran
    assert len(parses) == 2
    parses.clear()
    assert run(sources, ResultCache(tmp_path / "cache")) == first
    assert parses == []
    assert run(sources, None) == first  # and the cache changed nothing


def test_an_edit_parses_again_only_the_plans_compared_with_it(tmp_path: Path, parses: list[str]) -> None:
    def plans(q2: str) -> dict[str, str]:
        # another team's plans of another year: neither the rules that follow an owner across
        # periods nor those across one year's company tree (goallint.checks.alignment) compare them
        support = {str(tmp_path / "support-q1.okr"): Q1, str(tmp_path / "support-q2.okr"): q2}
        sales = {key.replace("support", "sales"): text.replace("owner: Support team", "owner: Sales team")
                 .replace("2026-Q", "2025-Q") for key, text in support.items()}
        return support | sales

    cache = tmp_path / "cache"
    assert not any(rule == "kpi-churn" for _, _, rule in run(plans(Q2_SAME_KPIS), ResultCache(cache)))
    parses.clear()
    edited = run(plans(Q2_DROPPED_KPI), ResultCache(cache))
    # both teams' Q2 plans changed; had only support's changed, sales' plans would not be parsed
    assert [(Path(path).name, rule) for path, _, rule in edited if rule == "kpi-churn"] == [
        ("sales-q2.okr", "kpi-churn"), ("support-q2.okr", "kpi-churn")]
    assert edited == run(plans(Q2_DROPPED_KPI), None)
    parses.clear()
    only_support = plans(Q2_DROPPED_KPI) | {str(tmp_path / "support-q2.okr"): Q2_SAME_KPIS + "# reviewed\n"}
    cached = run(only_support, ResultCache(cache))
    # the changed plan (a miss) and the plan of the same owner it is compared with; not sales'
    assert sorted(Path(path).name for path in parses) == ["support-q1.okr", "support-q2.okr"]
    assert cached == run(only_support, None)


def test_other_options_are_another_key(tmp_path: Path) -> None:
    plan = str(tmp_path / "plan.okr")
    sources = {plan: "Objective: Grow\n  KR: Increase retention from 70% to 80% by end of Q3 2026\n"}
    cache = tmp_path / "cache"
    assert ("kr-count" in {rule for _, _, rule in run(sources, ResultCache(cache))})
    write(tmp_path, {"goallint.toml": "[rules.kr-count]\nmin = 1\n"})
    assert "kr-count" not in {rule for _, _, rule in run(sources, ResultCache(cache))}


def test_workers_find_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str]
) -> None:
    def of_team(plan: str, n: int) -> str:
        return plan.replace("owner: Support team", f"owner: Team {n}")

    sources = {str(tmp_path / f"team{n}" / "q1.okr"): of_team(Q1, n) for n in range(6)}
    sources |= {str(tmp_path / f"team{n}" / "q2.okr"): of_team(Q2_DROPPED_KPI, n) for n in range(6)}
    sources[str(tmp_path / "goals.md")] = "## Objective: Grow\n\n- KR: Raise NPS from 30 to 45 by end of Q3 2026\n"
    alone = run(sources, None, jobs=1)
    assert len(parses) == len(sources)
    parses.clear()
    monkeypatch.setattr(checking, "PARALLEL_THRESHOLD_CHARS", 0)
    together = run(sources, None, jobs=2)
    assert together == alone
    assert parses == []  # every parse happened in a worker process (whose count this one cannot see)
    assert sum(rule == "kpi-churn" for _, _, rule in together) == 6


def test_the_cache_is_invisible_in_the_output(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": CLEAN_PLAN.replace("KR: Lift NPS", "KR: Improve NPS"), "other.okr": Q1})
    cache = tmp_path / "cache"
    cold = goallint("check", ".", "--cache-dir", cache, cwd=tmp_path)
    assert cold.returncode == 1 and cold.stdout.count("\n") > 3
    assert sorted(path.name for path in cache.glob("*.json")) == [STORE_NAME]  # one store, not a file an entry
    entries = json.loads((cache / STORE_NAME).read_text(encoding="utf-8"))["entries"]
    from goallint.syntax import parse_document

    documents = [parse_document((tmp_path / name).read_text(encoding="utf-8"), name)
                 for name in ("plan.okr", "other.okr")]
    partitions = {(rule.name, part) for rule in PLUGINS.rules.values() if rule.scope == "documents"
                  for document in documents if (part := rule.partition(document)) is not None}
    assert len(entries) == 2 + len(partitions)  # one a file, and one a partition of each rule across plans
    warm = goallint("check", ".", "--cache-dir", cache, cwd=tmp_path)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    tag = (cache / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_a_damaged_cache_is_a_miss(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": Q1})
    cache = tmp_path / "cache"
    cold = goallint("check", "plan.okr", "--cache-dir", cache, cwd=tmp_path)
    store = json.loads((cache / STORE_NAME).read_text(encoding="utf-8"))
    for entry in store["entries"].values():  # each entry not what this version writes: each a miss
        entry["findings"] = [{"code": 1}]
    (cache / STORE_NAME).write_text(json.dumps(store), encoding="utf-8")
    damaged = goallint("check", "plan.okr", "--cache-dir", cache, cwd=tmp_path)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    (cache / STORE_NAME).write_text('{"layout": "3", "entries": {"', encoding="utf-8")  # cut short: all a miss
    cut = goallint("check", "plan.okr", "--cache-dir", cache, cwd=tmp_path)
    assert (cut.returncode, cut.stdout, cut.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    assert json.loads((cache / STORE_NAME).read_text(encoding="utf-8"))["entries"]  # and written anew


def test_a_cache_that_is_a_file_is_skipped(tmp_path: Path) -> None:
    # (a read-only directory would be the same case, but CI runs as root, which writes anyway)
    write(tmp_path, {"plan.okr": Q1, "cache": "not a directory"})
    result = goallint("check", "plan.okr", "--cache-dir", tmp_path / "cache" / "inside", cwd=tmp_path)
    assert result.returncode == 1 and "kpi" not in result.stderr and result.stderr == ""
    assert "Found" in result.stdout


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": Q1})
    result = goallint("check", "plan.okr", "--no-cache", "--cache-dir", tmp_path / "cache", cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "cache").exists()


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    write(tmp_path, {f"team{n}/q{q}.okr": (Q1 if q == 1 else Q2_DROPPED_KPI) for n in range(20) for q in (1, 2)})
    cache = tmp_path / "cache"
    env = {**os.environ, "GOALLINT_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen([GOALLINT, "check", ".", "--output-format", "json"], cwd=tmp_path, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1] * 4
    assert all(stderr == "" for _, stderr in outputs)
    assert len({stdout for stdout, _ in outputs}) == 1
    assert not list(cache.rglob("*.tmp"))  # no half-written entry left behind
    again = goallint("check", ".", "--output-format", "json", "--cache-dir", cache, cwd=tmp_path)
    assert again.stdout == outputs[0][0]
