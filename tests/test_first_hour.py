"""A newcomer's first hour (issue 17): what `goallint check` reads and how it reads it, what the
text report looks like on real lines, and missing-deadline said once on a plan without a period.

The real handbook pages (tests/data/corpus/docs) piped through `check -` with no name must be
read as Markdown and give the findings the files give.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from goallint.inputs import markdown_marks, reading_of
from goallint.report.text import WIDTH, window
from harness import CORPUS, goallint, write

PAGES = sorted((CORPUS / "docs").glob("*.md"))
PLANS = Path(__file__).parent / "data" / "plans"
OKR_FILES = sorted(PLANS.rglob("*.okr")) + sorted((Path(__file__).parents[1] / "examples").glob("*.okr"))


def findings_of(*args: str | Path, cwd: Path, stdin: str | None = None) -> list[dict[str, object]]:
    result = goallint("check", "--no-cache", "--output-format", "json", *args, cwd=cwd, stdin=stdin)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def comparable(finding: dict[str, object]) -> tuple[object, ...]:
    # missing-deadline's hint may name a period read in the file name, which standard input has not
    hint = None if finding["code"] == "GL203" else finding["hint"]
    return finding["code"], finding["severity"], json.dumps(finding["span"]), finding["message"], hint


# --- Which reading ---------------------------------------------------------------------------------


def test_the_corpus_pages_are_all_there() -> None:
    assert len(PAGES) == 14 and len(OKR_FILES) >= 5  # the tests below run over every one of them


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_a_handbook_page_piped_without_a_name_is_read_as_markdown(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    as_file = findings_of(page, cwd=tmp_path)
    piped = goallint("check", "--no-cache", "--output-format", "json", "-", cwd=tmp_path, stdin=text)
    assert piped.returncode in (0, 1), piped.stderr
    assert [comparable(f) for f in json.loads(piped.stdout)] == [comparable(f) for f in as_file]
    assert re.fullmatch(r"goallint: <stdin>: read as Markdown, because it has [^\n]+; to choose, name it with "
                        r"--stdin-filename \(goals\.okr or page\.md\)\n", piped.stderr)


@pytest.mark.parametrize("plan", OKR_FILES, ids=lambda plan: plan.stem)
def test_plain_goals_piped_without_a_name_stay_plain_goals(plan: Path, tmp_path: Path) -> None:
    assert reading_of(None, plan.read_text(encoding="utf-8")).format == "okr"
    assert reading_of("<stdin>", plan.read_text(encoding="utf-8")).because is not None  # the name did not say


def test_a_txt_copy_of_a_handbook_page_is_read_as_markdown_and_the_run_says_so(tmp_path: Path) -> None:
    page = CORPUS / "docs" / "sourcegraph_cy19_q4_okrs.md"
    (tmp_path / "okrs.txt").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    result = goallint("check", "--no-cache", "okrs.txt", cwd=tmp_path)
    assert "syntax" not in result.stdout  # no wall of "start it with 'Objective:'"
    assert result.stderr.startswith("goallint: okrs.txt: read as Markdown, because it has bold text, links")
    assert "rename it to .md or .okr" in result.stderr


def test_the_name_decides_when_it_says() -> None:
    page = "## Goals\n\n- **Objective:** Grow\n"
    assert reading_of("goals.okr", page).format == "okr" and reading_of("goals.okr", page).because is None
    assert reading_of("notes.md", "Objective: Grow\n").format == "md"
    assert reading_of("plan.csv", page, {".csv"}).format == "okr"  # an input-format plugin's text


def test_okr_comments_and_directives_are_not_markdown_headings() -> None:
    plan = "# Our plan\n# goallint: disable-file=kr-count\nperiod: 2026-Q3\nObjective: Grow\n  KR: Raise NPS to 45\n"
    assert markdown_marks(plan) == ["a title line"]
    assert reading_of(None, plan).format == "okr"
    assert reading_of(None, "# Title\n\n> a quote\n").format == "md"  # two weak marks together
    assert reading_of(None, "## Q3 goals\n- Objective: Grow\n").format == "md"


def test_a_fifo_given_as_a_path_is_refused_not_read_forever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "plan.okr")
    result = goallint("check", "--no-cache", "plan.okr", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("goallint: plan.okr: is a named pipe (FIFO), not a goal document; to check text "
                             "from a pipe, give '-' and send it to standard input\n")


# --- Which files ---------------------------------------------------------------------------------------

PLAN = "period: 2026-Q3\nObjective: Grow\n  KR1: Raise NPS from 30 to 45\n"


def checked(root: Path, *args: str) -> set[str]:
    return {Path(str(f["path"])).as_posix() for f in findings_of(*args, cwd=root)}


def test_with_no_path_the_current_directory_is_checked_honouring_gitignore_and_exclude(tmp_path: Path) -> None:
    write(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "build/\n*.draft.okr\n",
        "goallint.toml": 'exclude = ["archive/*", "!archive/keep.okr"]\n',  # as in .gitignore
        "team/plan.okr": PLAN,
        "team/next.draft.okr": PLAN,
        "team/.gitignore": "local.okr\n",
        "team/local.okr": PLAN,
        "build/plan.okr": PLAN,
        "archive/old.okr": PLAN,
        "archive/keep.okr": PLAN,
    })
    assert checked(tmp_path) == {"team/plan.okr", "archive/keep.okr"}
    assert checked(tmp_path / "team") == {"plan.okr"}  # the root's .gitignore counts below it too
    assert checked(tmp_path, "team/local.okr") == {"team/local.okr"}  # a file named is always checked
    (tmp_path / "goallint.toml").write_text("respect-gitignore = false\n")
    assert checked(tmp_path) == {"team/plan.okr", "team/next.draft.okr", "team/local.okr", "build/plan.okr",
                                 "archive/old.okr", "archive/keep.okr"}


def test_when_nothing_is_found_the_run_says_so_and_why(tmp_path: Path) -> None:
    write(tmp_path, {".gitignore": "*.okr\n", "plan.okr": PLAN, "README.md": "# Tools\n\nHow to build.\n"})
    result = goallint("check", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "goallint: nothing was checked: no goal document found in '.'. goallint looks for .okr files, and for "
        "Markdown files that mention objectives, key results, OKRs or KPIs; left out: 1 Markdown file that "
        "mentions no objective, key result, OKR or KPI; 1 file or folder in .gitignore. Name a file to check "
        "it whatever it holds.\n")


# --- The text report -----------------------------------------------------------------------------------


def test_color_is_forced_through_a_pipe_and_the_environment_is_honoured(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})

    def colored(*args: str, env: dict[str, str] | None = None) -> bool:
        import subprocess

        from harness import GOALLINT

        environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        result = subprocess.run([GOALLINT, "check", "--no-cache", "plan.okr", *args], capture_output=True,
                                text=True, cwd=tmp_path, env={**environment, **(env or {})}, timeout=60)
        assert result.returncode == 1, result.stderr
        return "\033[" in result.stdout

    assert not colored()
    assert colored("--color")
    assert colored(env={"FORCE_COLOR": "1"})
    assert not colored(env={"FORCE_COLOR": "0"})
    assert colored("--color", env={"NO_COLOR": "1"})  # the flag wins over the environment
    assert not colored(env={"NO_COLOR": "1", "TERM": "xterm"})
    assert not colored("--no-color", env={"FORCE_COLOR": "1"})


def test_a_long_line_is_shown_as_a_window_around_its_span(tmp_path: Path) -> None:
    before = "Increase revenue " + "for all our partners in every region and every team " * 4
    after = " and keep the books tidy for the auditors" * 6
    write(tmp_path, {"plan.okr": f"period: 2026-Q3\nObjective: Grow\n  KR1: {before}to €5M{after}\n"})
    result = goallint("check", "--no-cache", "--select", "missing-baseline", "plan.okr", cwd=tmp_path)
    header, shown, carets, *_ = result.stdout.splitlines()
    assert header.startswith("plan.okr:3:")
    assert shown.startswith("   3 | …") and shown.endswith("…") and len(shown) == len("   3 | ") + WIDTH
    assert shown[carets.index("^"):carets.rindex("^") + 1] == "€5M"
    # the machine formats keep the whole line: JSON gives the span in the whole text
    (finding,) = findings_of("--select", "missing-baseline", "plan.okr", cwd=tmp_path)
    assert finding["span"]["start"]["column"] == len(f"  KR1: {before}to ") + 1  # type: ignore[index]


def test_the_window_counts_cells_and_stays_bounded() -> None:
    line = "界" * 80 + " increase NPS to 40 " + "界" * 80
    start = line.index("increase")
    shown, indent, carets = window(line, start, start + len("increase NPS to 40"))
    assert shown.startswith("…") and shown.endswith("…")
    cells = sum(2 if char == "界" else 1 for char in shown)
    assert cells <= WIDTH
    before = next(n for n in range(len(shown)) if sum(2 if c == "界" else 1 for c in shown[:n]) == indent)
    assert shown[before:].startswith("increase") and carets == 18
    assert window("short\tline", 6, 10) == ("short line", 6, 4)
    assert window("x" * 300, 305, 306)[1:] == (1 + 98 + 5, 1)  # past the end of a cut line


def test_findings_on_one_span_share_a_block_and_the_summary_counts_fixes(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": "period: 2026-Q3\n\nObjective: Keep the lights on\n  KR1: Raise NPS from 30 to 45\n"
                                 "  KR 3: Cut churn from 5% to 4%\n  KR4: Ship 3 guides\n  KPI: Uptime\n"})
    select = ("--select", "kpi-missing-target,kpi-missing-source,kpi-missing-cadence,kr-numbering")
    lines = goallint("check", "--no-cache", *select, "plan.okr", cwd=tmp_path).stdout.splitlines()
    kpi = lines.index("plan.okr:7:8: warning GL401 kpi-missing-target: The KPI 'Uptime' has no target, so nobody "
                      "can tell whether its value is healthy.")
    assert lines[kpi + 1].startswith("plan.okr:7:8: warning GL402 kpi-missing-source:")
    assert lines[kpi + 2].startswith("plan.okr:7:8: warning GL403 kpi-missing-cadence:")
    assert lines[kpi + 3:kpi + 5] == ["   7 |   KPI: Uptime", "              ^^^^^^"]
    assert [line[:16] for line in lines[kpi + 5:kpi + 8]] == ["  hint (GL401): ", "  hint (GL402): ",
                                                              "  hint (GL403): "]
    assert sum(line.startswith("   7 |") for line in lines) == 1
    assert lines[-2:] == ["Found 3 warnings, 2 infos in 1 file.", "[*] 2 fixable with --fix."]

    concise = goallint("check", "--no-cache", *select, "--output-format", "concise", "plan.okr", cwd=tmp_path)
    assert concise.stdout.splitlines()[:2] == [
        "plan.okr:5:6: info GL701 kr-numbering: [*] KR3 is key result number 2 of this objective.",
        "plan.okr:6:5: info GL701 kr-numbering: [*] KR4 is key result number 3 of this objective.",
    ]
    assert len(concise.stdout.splitlines()) == 5 + 2

    statistics = goallint("check", "--no-cache", *select, "--statistics", "plan.okr", cwd=tmp_path)
    assert statistics.stdout.splitlines() == [
        "2  GL701  [*] kr-numbering",
        "1  GL401      kpi-missing-target",
        "1  GL402      kpi-missing-source",
        "1  GL403      kpi-missing-cadence",
        "Found 3 warnings, 2 infos in 1 file.",
        "[*] 2 fixable with --fix.",
    ]
    assert statistics.returncode == 1


# --- missing-deadline -----------------------------------------------------------------------------------


def deadline_findings(root: Path, name: str, text: str) -> list[tuple[int, str, str]]:
    write(root, {name: text})
    return [(int(f["span"]["start"]["line"]), str(f["message"]), str(f["hint"]))  # type: ignore[index]
            for f in findings_of("--select", "missing-deadline", name, cwd=root)]


def test_missing_deadline_is_said_once_on_a_plan_without_a_period(tmp_path: Path) -> None:
    krs = "".join(f"  KR{n}: Sign {n * 10} paying customers in Germany\n" for n in range(1, 6))
    (found,) = deadline_findings(tmp_path, "plan.okr", f"Objective: Launch in Europe\n{krs}")
    assert found[:2] == (1, "This plan has no period, so none of its 5 key results has a deadline.")
    assert "2026-Q3" not in found[2] and re.search(r"'period: \d{4}-Q[1-4]' for this quarter", found[2])
    # the period it can infer: from the file name, or from the key results' own dates
    (named,) = deadline_findings(tmp_path, "okrs-2025-q2.okr", f"Objective: Launch in Europe\n{krs}")
    assert named[2].startswith("Add 'period: 2025-Q2' at the top of the plan: goallint read 2025-Q2 in the file name.")
    dated = "Objective: Launch in Europe\n  KR1: Sign 10 customers by 2027-08-15\n  KR2: Sign 20 partners\n"
    (inferred,) = deadline_findings(tmp_path, "plan.okr", dated)
    assert inferred[1] == "This plan has no period, so 1 of its 2 key results have no deadline."
    assert "'period: 2027-Q3'" in inferred[2] and "in the key results' deadlines" in inferred[2]


def test_missing_deadline_names_the_undated_few_when_most_key_results_are_dated(tmp_path: Path) -> None:
    plan = ("Objective: Launch in Europe\n  KR1: Sign 10 customers by 2027-08-15\n"
            "  KR2: Sign 20 partners by 2027-09-01\n  KR3: Open an office in Berlin\n")
    assert [line for line, *_ in deadline_findings(tmp_path, "plan.okr", plan)] == [4]
    with_period = "period: 2027-Q3\n" + plan.replace(" by 2027-08-15", "")
    assert deadline_findings(tmp_path, "plan.okr", with_period) == []


# --- Messages ----------------------------------------------------------------------------------------------


def test_low_ambition_does_not_call_an_unmarked_objective_aspirational(tmp_path: Path) -> None:
    def said(objective: str) -> list[tuple[str, str]]:
        write(tmp_path, {"plan.okr": f"period: 2026-Q3\n{objective}\n  KR1: Grow MRR by 5%\n"})
        return [(str(f["message"]), str(f["hint"])) for f in findings_of("--select", "low-ambition", "plan.okr",
                                                                          cwd=tmp_path)]

    ((unmarked, unmarked_hint),) = said("Objective: Grow")
    assert unmarked == ("A change of 5% is small if this objective is meant to stretch (it is marked neither "
                        "[committed] nor [aspirational]).")
    assert "aspirational goal" not in unmarked and "'5%' is a 5% change" not in unmarked
    assert unmarked_hint == "If it is a stretch, aim for a change of at least 10%; if it is a promise, mark the " \
                            "objective [committed]."
    ((marked, _),) = said("Objective: Grow [aspirational]")
    assert marked == "A change of 5% is small for an aspirational goal: that much tends to happen anyway."


def test_missing_baseline_keeps_the_unit_in_its_hint(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": "period: 2026-Q3\nObjective: Speed\n  KR1: Cut p95 page load to under 800 ms\n"
                                 "  KR2: Increase usage to 80%\n  KR3: Increase revenue to $5M\n"})
    hints = [f["hint"] for f in findings_of("--select", "missing-baseline", "plan.okr", cwd=tmp_path)]
    assert hints == [f"Say where you start and where you aim: 'from <today's value> to {aim}'."
                     for aim in ("under 800 ms", "80%", "$5M")]


# --- Rule links ----------------------------------------------------------------------------------------------


def test_rule_links_come_from_the_docs_url_setting_and_are_absent_without_it(tmp_path: Path) -> None:
    from goallint.lsp.diagnostics import Diagnostics
    from goallint.lsp.positions import LineIndex
    from goallint.model import Finding, Position, Span

    write(tmp_path, {"plan.okr": PLAN})

    def help_uris() -> dict[str, str | None]:
        result = goallint("check", "--no-cache", "--output-format", "sarif", "plan.okr", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
        return {rule["id"]: rule.get("helpUri") for rule in rules if rule["id"] in ("GL101", "GL203")}

    assert help_uris() == {"GL101": None, "GL203": None}  # no guessed address that would 404
    (tmp_path / "goallint.toml").write_text('docs-url = "https://goals.example.com/rules#{code_lower}-{name}"\n')
    assert help_uris() == {"GL101": "https://goals.example.com/rules#gl101-kr-count",
                           "GL203": "https://goals.example.com/rules#gl203-missing-deadline"}
    (tmp_path / "goallint.toml").write_text('docs-url = "rules.md#{anchor}"\n')
    wrong = goallint("check", "--no-cache", "plan.okr", cwd=tmp_path)
    assert wrong.returncode == 2 and "docs-url: should be a web address such as" in wrong.stderr

    at = Position(line=1, column=1, offset=0)
    finding = Finding(code="GL101", rule="kr-count", severity="warning", message="m", span=Span(start=at, end=at))
    made = Diagnostics(documented=frozenset({"kr-count"})).diagnostic(finding, LineIndex("x\n"))
    assert "codeDescription" not in made
    linked = Diagnostics("https://goals.example.com/rules#{code_lower}", frozenset({"kr-count"}))
    assert linked.diagnostic(finding, LineIndex("x\n"))["codeDescription"] == {
        "href": "https://goals.example.com/rules#gl101"}


# --- rules, init, serve ------------------------------------------------------------------------------------


def test_rules_as_json_lists_every_rule_as_configured_here(tmp_path: Path) -> None:
    write(tmp_path, {"goallint.toml": 'ignore = ["kr-count"]\n[severity]\nmissing-baseline = "error"\n'})
    result = goallint("rules", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rules = {rule["name"]: rule for rule in json.loads(result.stdout)}
    assert rules["kr-count"]["enabled"] is False and rules["kr-count"]["code"] == "GL101"
    assert (rules["missing-baseline"]["severity"], rules["missing-baseline"]["configured_severity"]) == (
        "warning", "error")
    assert rules["number-format"]["fixable"] is True and rules["number-format"]["docs_url"] is None
    text = goallint("rules", cwd=tmp_path).stdout.splitlines()
    assert len(text) == len(rules)


def test_init_says_what_to_run_next(tmp_path: Path) -> None:
    result = goallint("init", "team", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Next: run 'goallint check team' to check the example plan")
    assert goallint("check", "--no-cache", "team", cwd=tmp_path).returncode in (0, 1)


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = goallint("serve", "--port", str(port), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"goallint: port {port} on 127.0.0.1 is already in use (another goallint serve?): "
                             f"stop that, or choose another port with --port {port + 1}\n")


# --- An FY period with no fiscal-year start configured ---------------------------------------------------


def test_an_fy_period_says_once_which_fiscal_year_start_was_assumed(tmp_path: Path) -> None:
    plan = "period: FY27 Q1\n\nObjective: Grow\n  KR1: Raise NPS from 30 to 45\n"
    write(tmp_path, {"a.okr": plan, "b.okr": plan.replace("NPS", "CSAT"), "c.okr": PLAN})

    def notes(*args: str) -> list[tuple[str, int, str]]:
        return [(str(f["path"]), int(f["span"]["start"]["line"]), str(f["message"]))  # type: ignore[index]
                for f in findings_of("--select", "fiscal-year-assumed", ".", *args, cwd=tmp_path)]

    assert notes() == [("a.okr", 1, "FY27-Q1 is read as 2027-01-01 to 2027-03-31 (and in 1 more plan): no "
                                    "fiscal-year start is configured, so goallint assumed your fiscal year starts "
                                    "in January.")]
    assert notes("--fiscal-year-start", "1") == []
    (tmp_path / "goallint.toml").write_text("fiscal-year-start = 4\n")
    assert notes() == []


def test_a_page_that_says_when_its_fiscal_year_runs_was_not_read_with_an_assumed_start(tmp_path: Path) -> None:
    # "FY22-Q3 … fiscal year 2022, which runs from 2021-08-01": the page's own year, not January's
    page = CORPUS / "docs" / "sourcegraph_fy22_q3_okrs.md"
    assert findings_of("--select", "fiscal-year-assumed", page, cwd=tmp_path) == []
