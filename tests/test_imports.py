"""What `goallint check` imports: only what the run in hand uses (issue 18, start-up).

Each run is a fresh process, as a user's is, and reports the modules it ended with and which of
the model's pydantic schemas it built. A cache hit needs the rules (to make the key), the stored
findings and the reporter: never the statement grammar (Lark), a reader, the tree rules' logic,
nor a schema of the model (stored findings are constructed, not validated).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from goallint.cache import STORE_NAME
from harness import write

PLAN = """\
period: 2026-Q3
owner: Support team

Objective: Delight customers
  KR: Lift NPS from 30 to 45 by end of Q3
  KR: Cut first response time from 8 h to 2 h by end of Q3
"""
PAGE = "# Support OKRs\n\n## Objective: Delight customers\n\n- KR: Lift NPS from 30 to 45 by end of Q3\n"

# Runs the command as the console script does (in this process, so that what it imported can be
# listed afterwards), then prints the modules and the model classes whose schema was built.
_PROBE = """\
import json, sys
from goallint.cli import main
try:
    main(args=sys.argv[2:], prog_name="goallint")
except SystemExit as done:
    code = done.code
import goallint.model as model
built = sorted(name for name, value in vars(model).items()
               if isinstance(value, type) and issubclass(value, model.BaseModel) and value.__pydantic_complete__)
with open(sys.argv[1], "w", encoding="utf-8") as stream:
    json.dump({"code": code, "modules": sorted(sys.modules), "built": built}, stream)
"""

# Never needed when every file is unchanged since the last run.
NOT_ON_A_CACHE_HIT = (
    "lark", "goallint.syntax.statement", "goallint.syntax.build", "goallint.syntax.okr",
    "goallint.syntax.markdown.reader", "markdown_it", "goallint.company.checks", "goallint.progress.evaluate",
)
# Never needed by a plain `check` (no --fix, no --diff, a few small files: no worker processes).
NOT_IN_A_PLAIN_CHECK = (
    "goallint.fixes", "goallint.service", "goallint.lsp", "goallint.outline", "goallint.company.render",
    "concurrent.futures", "uvicorn", "rich",
)


def imported_by(tmp_path: Path, *args: str) -> dict[str, Any]:
    """Run `goallint ARGS` in tmp_path in a new process: its modules and the schemas it built."""
    report = tmp_path / "imported.json"
    env = {**os.environ, "GOALLINT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", _PROBE, str(report), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert result["code"] == 1, done.stderr  # the plans have findings
    result["stdout"] = done.stdout
    return result


def first_and_hit(tmp_path: Path, *args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A run that fills the cache, then one of the same files unchanged. goallint's own source
    files are part of the key: if one was edited between the two runs (in a working tree shared
    with other work), the second was rightly a miss, and the pair is run again."""
    store = tmp_path / "cache" / STORE_NAME
    for _ in range(3):
        first = imported_by(tmp_path, *args)
        engine = json.loads(store.read_text(encoding="utf-8"))["engine"]
        hit = imported_by(tmp_path, *args)
        if json.loads(store.read_text(encoding="utf-8"))["engine"] == engine:
            break
    return first, hit


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if any(m == name or m.startswith(name + ".") for m in modules)]


def test_a_cache_hit_imports_no_grammar_no_reader_and_builds_no_schema(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN, "page.md": PAGE})
    first, hit = first_and_hit(tmp_path, "check", ".")
    # the probe sees what a run imports: the first run parses, so it has the grammar and readers
    assert loaded(first["modules"], NOT_ON_A_CACHE_HIT) == list(NOT_ON_A_CACHE_HIT)
    assert hit["stdout"] == first["stdout"] and "kr-count" in hit["stdout"]
    assert loaded(hit["modules"], NOT_ON_A_CACHE_HIT + NOT_IN_A_PLAIN_CHECK) == []
    assert hit["built"] == []


def test_a_cache_hit_in_json_needs_no_grammar_either(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    first, hit = first_and_hit(tmp_path, "check", "plan.okr", "--output-format", "json")
    assert json.loads(hit["stdout"]) == json.loads(first["stdout"]) != []
    assert loaded(hit["modules"], NOT_ON_A_CACHE_HIT) == []


def test_a_plain_check_imports_only_the_reader_of_its_files(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN, "page.md": PAGE})
    okr = imported_by(tmp_path, "check", "--no-cache", "plan.okr")
    assert "goallint.syntax.okr" in okr["modules"]
    assert loaded(okr["modules"], ("goallint.syntax.markdown.reader", "markdown_it", *NOT_IN_A_PLAIN_CHECK)) == []
    page = imported_by(tmp_path, "check", "--no-cache", "page.md")
    assert "goallint.syntax.markdown.reader" in page["modules"]
    assert loaded(page["modules"], ("goallint.syntax.okr", *NOT_IN_A_PLAIN_CHECK)) == []
