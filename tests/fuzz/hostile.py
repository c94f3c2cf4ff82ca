"""Hostile goal documents: each family stresses one part of the reader, the rules, the
suppression or the reporters, and is built at any size, so that time and memory can be
measured as the input grows (tests/test_fuzz.py checks the growth, bench/hostile.py prints it).

A family is a function from a size in characters to (file suffix, text); the text is close to
that size. The families are classes, not single examples: the ones that found a quadratic spot
or a crash (issue 20), and their relatives. Imported by path (this directory is no package):

    spec = importlib.util.spec_from_file_location("hostile", "tests/fuzz/hostile.py")
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

Family = Callable[[int], tuple[str, str]]

HEAD = "period: 2026-Q3\nowner: Growth\n"
OBJECTIVE = "Objective: Grow the business\n"


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to about `size` characters (at least once)."""
    return unit * max(1, size // max(1, len(unit)))


def _lines(make: Callable[[int], str], size: int, head: str = "") -> str:
    """Lines made by `make(n)` for n = 0, 1, … until the text reaches `size` characters."""
    parts = [head]
    total = len(head)
    for n in count():
        line = make(n)
        parts.append(line)
        total += len(line)
        if total >= size:
            break
    return "".join(parts)


def _okr_kr(statement: str) -> str:
    return f"{HEAD}{OBJECTIVE}  KR 1: {statement}\n  KR 2: Cut churn from 4% to 2%\n  KR 3: Ship 3 guides\n"


# --- the statement reader ----------------------------------------------------------------------


def range_then_deadlines(size: int) -> tuple[str, str]:
    # error recovery in the parser: "from 3 to 5-star" followed by many deadlines
    return ".okr", _okr_kr("Raise rating from 3 to 5-star" + _repeat(" by Q3", size))


def many_numbers(size: int) -> tuple[str, str]:
    # per-quantity scans from the start of the statement: thousands of numbers in one key result
    return ".okr", _okr_kr("Grow signups from 100 to 200 " + _repeat("(12 users) in 34 teams, ", size))


def comma_ones(size: int) -> tuple[str, str]:
    # the lexer's scope terminal on a long run of 1,1,1,…
    return ".okr", _okr_kr("Grow signups from " + _repeat("1,", size) + "1 to 5")


def trailing_markers(size: int) -> tuple[str, str]:
    # take_markers re-scanning after each trailing marker
    return ".okr", _okr_kr("Grow signups from 100 to 200" + _repeat(" [KPI]", size))


def many_ands(size: int) -> tuple[str, str]:
    # multiple-metrics re-reading every prefix and suffix at each "and"
    return ".okr", _okr_kr("Grow signups to 500 " + _repeat("and revenue ", size) + "by 20%")


def many_ands_measured(size: int) -> tuple[str, str]:
    return ".okr", _okr_kr(_repeat("grow signups to 5 and ", size) + "cut churn to 2%")


def vague_words(size: int) -> tuple[str, str]:
    # one key result with thousands of vague words: one finding per word, each printing the line
    return ".okr", _okr_kr(_repeat("improve optimize better ", size))


def huge_numbers(size: int) -> tuple[str, str]:
    # numbers past int()'s 4,300 digits and past float's range (inf), in labels and statements
    digits = "9" * max(4400, size // 4)
    body = (
        f"{HEAD}{OBJECTIVE}  KR {digits}: Grow signups from 1 to {digits}\n"
        f"  KR 2: Grow revenue from 1e5 to 1{'0' * 400}\n  KR 3: Grow users from {digits}.5 to 3\n"
    )
    return ".okr", body


def huge_years(size: int) -> tuple[str, str]:
    # a year of 9999 or more in a period or a deadline
    deadlines = ["by Q4 9999", "by Dec 31, 9999", "by FY9999", "by end of 10000", "by H2 99999",
                 "by 9999-12-31", "by next quarter", "by end of next year"]
    head = "period: FY9999 Q4\nowner: Growth\n" + OBJECTIVE
    return ".okr", _lines(lambda n: f"  KR {n + 1}: Grow signups from 1 to {n + 2} {deadlines[n % len(deadlines)]}\n",
                          size, head)


# --- regexes on runs of blanks -----------------------------------------------------------------


def blank_runs(size: int) -> tuple[str, str]:
    # runs of spaces and tabs where the .okr line classifier, markers, the period and the
    # directive body look for a word after them and find none
    run = max(1, size // 30)
    spaces, tabs = " " * run, "\t " * (run // 2)
    lines = [
        f"period:{spaces}2026-Q3{spaces}x",
        f"Objective{spaces}",
        f"KR{tabs}",
        f"  KR 1: Grow signups from 1 to 2{spaces}[KPI]{spaces}x",
        f"  KR 2: Grow signups{spaces}and{spaces}revenue{spaces}by 20%{spaces}",
        f"  KR 3: Ship it #{spaces}goallint{spaces}:{spaces}disable{spaces}={spaces}x{spaces}y",
        f"  # goallint: disable={spaces}kr-count{spaces},{spaces}",
        f"  -{spaces}",
        f"owner{spaces}",
    ]
    return ".okr", "\n".join(lines) + "\n"


def blank_run_statement(size: int) -> tuple[str, str]:
    run = " " * max(1, size // 3)
    return ".okr", _okr_kr(f"Grow{run}signups{run}from 1 to{run}")


# --- the rules and suppression -----------------------------------------------------------------


def sibling_key_results(size: int) -> tuple[str, str]:
    # duplicate-statement comparing every pair of siblings under one objective
    words = ["signups", "revenue", "churn", "latency", "tickets", "visits", "trials", "reviews"]
    return ".okr", _lines(
        lambda n: f"  KR {n + 1}: Grow weekly {words[n % 8]} for team {n} from {n} to {n + 7} in region {n % 13}\n",
        size, HEAD + OBJECTIVE,
    )


def near_duplicate_siblings(size: int) -> tuple[str, str]:
    # siblings that pass difflib's quick bounds, so each comparison runs the matcher
    return ".okr", _lines(lambda n: f"  KR: Grow weekly active teams and paying users from 1 to 2 x{n}\n",
                          size, HEAD + OBJECTIVE)


def directive_repeats(size: int) -> tuple[str, str]:
    # a directive naming one rule thousands of times
    names = _repeat("kr-count,", size - 200).rstrip(",")
    return ".okr", f"{HEAD}# goallint: disable-file={names}\n{OBJECTIVE}  KR: Ship it\n"


def directive_unknown_repeats(size: int) -> tuple[str, str]:
    names = _repeat("kr-cuont,GL9999,", size - 200).rstrip(",")
    return ".okr", f"{HEAD}# goallint: disable={names}\n{OBJECTIVE}  KR: Ship it\n"


def directive_lines(size: int) -> tuple[str, str]:
    # own-line directives, each looking for the next line with content past all the others
    return ".okr", _lines(lambda n: "# goallint: disable=kr-count\n", size, HEAD) + OBJECTIVE + "  KR: Ship it\n"


def file_directives_findings(size: int) -> tuple[str, str]:
    # many file-wide directives naming many rules, and many findings each checked against them
    rules = "kr-count,GL201,missing-baseline,vague-language,GL702,multiple-metrics,GL999"
    half = size // 2
    directives = _lines(lambda n: f"# goallint: disable-file={rules}\n", half, HEAD)
    items = _lines(lambda n: f"  KR: Improve signups to 20000 by Q3 {n}\n", half, OBJECTIVE)
    return ".okr", directives + items


def fixable(size: int) -> tuple[str, str]:
    # many fixes (number-format, kr-numbering) for --fix, and many findings for the reporters
    return ".okr", _lines(lambda n: f"  KR {(n * 7) % 5}: Grow signups from 10000 to 20000 percent {n}\n",
                          size, HEAD + OBJECTIVE)


def long_line_findings(size: int) -> tuple[str, str]:
    # a few findings on one very long line: reporters must not print the line per finding
    return ".okr", _okr_kr("Improve " + _repeat("the onboarding flow for new teams ", size))


def many_objectives(size: int) -> tuple[str, str]:
    # a flat, ordinary plan: the baseline every family is compared with
    return ".okr", _lines(
        lambda n: (f"Objective: Grow area {n}\n  KR 1: Grow signups from {n} to {n + 5} by Q3\n"
                   f"  KR 2: Cut churn from 4% to 2%\n  KR 3: Improve onboarding\n"),
        size, HEAD,
    )


# --- the Markdown reader -----------------------------------------------------------------------

MD_HEAD = "# Q3 2026 OKRs\n\n## Objective: Grow the business\n\n"


def md_emphasis(size: int) -> tuple[str, str]:
    # emphasis matching scanning the whole opener stack per closer
    return ".md", MD_HEAD + "- KR 1: Grow " + _repeat("*a **b _c __d ", size) + "\n"


def md_brackets(size: int) -> tuple[str, str]:
    # every "[" normalising the rest of the line as a reference label
    return ".md", MD_HEAD + "- KR 1: Grow " + _repeat("[a ", size) + "\n"


def md_unclosed_html(size: int) -> tuple[str, str]:
    # unclosed <!--, <? and <![CDATA[ scanning to the end from every "<"
    return ".md", MD_HEAD + "- KR 1: Grow " + _repeat("<!-- <? <![CDATA[ < ", size) + "\n"


def md_nested_headings(size: int) -> tuple[str, str]:
    # each block re-searching the text of every enclosing heading
    def make(n: int) -> str:
        level = n % 6 + 1
        return f"{'#' * level} Objective {n}: Grow area {n}\n\n- KR: Grow signups from 1 to {n + 2} by Q3\n\n"

    return ".md", _lines(make, size, "# Q3 2026 OKRs\n\n")


def md_wide_tables(size: int) -> tuple[str, str]:
    # tables much wider than their rows: padded cell by cell
    width = 200
    header = "|" + "|".join(f"c{n}" for n in range(width)) + "|\n|" + "---|" * width + "\n"
    table = header + "| KR: Grow signups from 1 to 2 |\n" * 3 + "\n"
    return ".md", _lines(lambda n: table, size, MD_HEAD)


def md_directives(size: int) -> tuple[str, str]:
    return ".md", _lines(lambda n: "<!-- goallint: disable=kr-count -->\n", size, MD_HEAD) + "- KR: Ship it\n"


def md_blank_runs(size: int) -> tuple[str, str]:
    run = " " * max(1, size // 8)
    lines = [f"## Objective:{run}x", f"- KR 1:{run}Grow{run}signups from 1 to 2{run}", f"-{run}", f"#{run}",
             f"<!--{run}goallint{run}:{run}disable{run}={run}x{run}-->"]
    return ".md", MD_HEAD + "\n".join(lines) + "\n"


def md_huge_numbers(size: int) -> tuple[str, str]:
    digits = "9" * max(4400, size // 4)
    items = f"- KR {digits}: Grow signups from 1 to {digits} by Q4 9999\n- KR 2: Grow from 1 to 1{'0' * 400}\n"
    return ".md", MD_HEAD + items



# --- relatives: ordinary plans at scale, in both formats, and the other shapes a page takes ------


def one_kr_objectives(size: int) -> tuple[str, str]:
    # many objectives with one key result each: per-objective work (counts, ownership) dominates
    return ".okr", _lines(lambda n: f"Objective: Grow area {n}\n  KR: Grow signups from {n} to {n + 9} by Q3\n",
                          size, HEAD)


def many_kpis(size: int) -> tuple[str, str]:
    # one-line KPIs with their fields, at the plan's top level
    return ".okr", _lines(
        lambda n: f"KPI {n}: Weekly active users {n} – target ≥ {n + 50}, monthly, source: Looker\n"
                  f"  owner: Team {n % 7}\n",
        size, HEAD,
    )


def long_lines(size: int) -> tuple[str, str]:
    # one objective line and one key result line, each half the document: nothing to split on
    half = max(1, size // 2)
    return ".okr", (f"{HEAD}Objective: Make " + _repeat("the product better for everyone ", half)
                    + "\n  KR: Ship " + _repeat("one more small guide ", half) + "\n")


def tiny_key_results(size: int) -> tuple[str, str]:
    # the most items a size can hold: bullets of a word and a number, each with two findings
    return ".okr", _lines(lambda n: "  - x 10000\n", size, HEAD + OBJECTIVE)


def md_plan(size: int) -> tuple[str, str]:
    # many_objectives written as a Markdown page: the Markdown reader's ordinary cost
    return ".md", _lines(
        lambda n: (f"## Objective {n}: Grow area {n}\n\n- KR 1: Grow signups from {n} to {n + 5} by Q3\n"
                   f"- KR 2: Cut churn from 4% to 2%\n- KR 3: Improve onboarding\n\n"),
        size, "# Q3 2026 OKRs\n\n",
    )


def md_bold_items(size: int) -> tuple[str, str]:
    # unlabelled layout: bold objectives over plain bullets (the page's layout decides the roles)
    return ".md", _lines(
        lambda n: f"**Grow area {n}**\n\n- Grow signups from {n} to {n + 5} by Q3\n- Launch guide {n}\n\n",
        size, "# Q3 2026 OKRs\n\n",
    )


def md_nested_lists(size: int) -> tuple[str, str]:
    # bullets nested as deep as a careless indent makes them, each level one more
    def make(n: int) -> str:
        return "  " * (n % 40) + f"- KR {n}: Grow signups from {n} to {n + 2}\n"

    return ".md", _lines(make, size, MD_HEAD)


def md_big_table(size: int) -> tuple[str, str]:
    # one long table of key results, as pages paste them from a spreadsheet
    head = MD_HEAD + "| Key result | Owner | Target | Status |\n|---|---|---|---|\n"
    return ".md", _lines(
        lambda n: f"| KR {n}: Grow signups from {n} to {n + 5} by Q3 | Team {n % 9} | {n + 5} | on track |\n",
        size, head,
    )


def md_links(size: int) -> tuple[str, str]:
    # key results full of links and emphasis, with reference definitions the links may use
    refs = "".join(f"[r{n}]: https://example.com/{n}\n" for n in range(50))
    return ".md", _lines(
        lambda n: f"- KR {n}: Grow [signups](https://example.com/{n}) from **{n}** to _{n + 5}_ by [Q3][r{n % 60}]\n",
        size, MD_HEAD,
    ) + "\n" + refs


def md_directives_findings(size: int) -> tuple[str, str]:
    # Markdown key results, each with a directive comment for the line after it
    return ".md", _lines(
        lambda n: f"<!-- goallint: disable=vague-language -->\n- KR {n}: Improve signups to 20000 by Q3 {n}\n",
        size, MD_HEAD,
    )

FAMILIES: dict[str, Family] = {
    family.__name__: family
    for family in [
        many_objectives, range_then_deadlines, many_numbers, comma_ones, trailing_markers, many_ands,
        many_ands_measured, vague_words, huge_numbers, huge_years, blank_runs, blank_run_statement,
        sibling_key_results, near_duplicate_siblings, directive_repeats, directive_unknown_repeats,
        directive_lines, file_directives_findings, fixable, long_line_findings, md_emphasis, md_brackets,
        md_unclosed_html, md_nested_headings, md_wide_tables, md_directives, md_blank_runs, md_huge_numbers,
        one_kr_objectives, many_kpis, long_lines, tiny_key_results, md_plan, md_bold_items, md_nested_lists,
        md_big_table, md_links, md_directives_findings,
    ]
}
