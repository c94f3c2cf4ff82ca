"""Fixes never cost a user a byte they did not ask to change.

For every fixable rule, on documents built from the pieces fixes work on (KR labels, numbers in
every format, units, comments, directives, CRLF and a BOM): one round of fixes changes only the
text inside the edits it applied, and fixing until settled leaves nothing for a second run. And
a `goallint check --fix` killed while it writes leaves the old file whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goallint.checking import check_sources
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.fixes import applies, apply_fixes, fix_until_settled
from goallint.model import Finding
from harness import goallint

PLUGINS = load_plugins()
FIXABLE = sorted(rule.name for rule in PLUGINS.rules.values() if rule.fixable)
CONFIGS = ConfigFinder(PLUGINS)
NAME = "plan.okr"

numbers = st.sampled_from(["20000", "20,000", "1200000", "3.50", "45000", "12", "0.5", "1,5", "2k", "1.2M", "100000"])
units = st.sampled_from(["", "%", " percent", " per cent", " pp", " points", " USD", " customers", " ms", " hours"])
labels = st.sampled_from(["KR{n}: ", "KR {n} - ", "- KR{n}: ", "Key Result {n}: ", "KR{n}. ", "- ", "* ", "{n}. "])
verbs = st.sampled_from(["Grow", "Increase", "Cut", "Reduce", "Lift", "Keep", "Reach", "Raise", "Ship"])
tails = st.sampled_from(
    ["", " by end of Q3", " by Sept 30", " # goallint: disable=number-format", " [KPI]", " this quarter"]
)


@st.composite
def key_result(draw: st.DrawFn, n: int) -> str:
    label = draw(labels).format(n=draw(st.integers(0, 9)) if draw(st.booleans()) else n)
    metric = draw(st.sampled_from(["revenue", "forum members", "churn", "NPS", "p95 latency", "signups"]))
    start, end = draw(numbers) + draw(units), draw(numbers) + draw(units)
    return f"  {label}{draw(verbs)} {metric} from {start} to {end}{draw(tails)}"


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(["period: 2026-Q3", "title: Plan", ""]))]
    for objective in range(draw(st.integers(1, 3))):
        lines.append(f"Objective {objective + 1}: Grow the community")
        lines.extend(draw(key_result(n)) for n in range(1, draw(st.integers(1, 6)) + 1))
        if draw(st.booleans()):
            lines.append("# a comment that stays as it is: 12345 percent")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + newline.join(lines) + newline


def lint(texts: Mapping[str, str]) -> list[Finding]:
    return check_sources(texts, CONFIGS, select=FIXABLE)


def test_the_built_in_rules_offer_fixes() -> None:
    assert {"kr-numbering", "number-format"} <= set(FIXABLE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_a_round_of_fixes_changes_only_the_text_inside_its_edits(text: str, unsafe: bool) -> None:
    fixes = [f.fix for f in lint({NAME: text}) if f.fix is not None and applies(f.fix, unsafe)]
    fixed, applied = apply_fixes(text, fixes)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    assert fixed.startswith(bom)
    before, after = text[len(bom):], fixed[len(bom):]
    # Walk the edits that were applied, in order: every byte between them must be unchanged.
    edits = sorted((e.span.start.offset, e.span.end.offset, e.replacement) for f in fixes for e in f.edits)
    position, shift, taken = 0, 0, 0
    for start, end, replacement in edits:
        if start < position or after[start + shift:start + shift + len(replacement)] != replacement:
            continue  # an edit the round left for later (it overlapped one taken before it)
        assert after[position + shift:start + shift] == before[position:start]
        shift += len(replacement) - (end - start)
        position = end
        taken += 1
    assert after[position + shift:] == before[position:]
    assert len(after) - len(before) == shift
    assert taken >= applied


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_fixing_until_settled_leaves_nothing_to_fix(text: str, unsafe: bool) -> None:
    once = fix_until_settled({NAME: text}, lint, unsafe)
    twice = fix_until_settled(once.sources, lint, unsafe)
    assert twice.applied == 0
    assert twice.sources == once.sources
    # and the fixed plan still reads as the same plan: as many key results, in the same places
    assert once.sources[NAME].count("\n") == text.count("\n")


# The child runs the real `goallint check --fix`, with one change: the moment the new text has
# been written to the temporary file and is about to be flushed to disk, it says so and waits to
# be killed. Everything before and after that moment is goallint's own code.
CHILD = """
import os, sys, time
real_fsync = os.fsync
def fsync_then_wait(descriptor):
    open(sys.argv[1], "w").close()
    time.sleep(60)
os.fsync = fsync_then_wait
from goallint.cli import main
main(["check", "--fix", "--no-cache", sys.argv[2]])
"""


def test_a_fix_killed_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    plan = tmp_path / "community.okr"
    original = (
        b"period: 2026-Q3\n\nObjective 1: Grow the community\n"
        b"  KR1: Grow forum members from 20000 to 45000 by end of Q3\n"
        b"  KR 3: Lift answered questions to 80 percent by end of Q3\n"
    )
    plan.write_bytes(original)
    ready = tmp_path / "writing"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ready), str(plan)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the fix never started writing"
            time.sleep(0.02)
        temporary = [p for p in tmp_path.iterdir() if p.name.startswith(".community.okr.")]
        assert len(temporary) == 1 and temporary[0].read_bytes() != original  # the new text, mid-write
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert plan.read_bytes() == original
    # and a fix run afterwards works on it as on any file
    goallint("check", "--fix", "--no-cache", "--select", "kr-numbering,number-format", plan)
    assert b"KR 2: Lift answered questions to 80%" in plan.read_bytes()
