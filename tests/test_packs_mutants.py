"""Rule packs (checks/packs.py) pinned in process, so that mutation testing (bench/mutation.py)
sees them: each kind's messages, hints and fixes, where two words overlap, the statements after
the first, and the line a mistake in a pack is pointed at."""

from __future__ import annotations

from pathlib import Path

import pytest

from goallint.checks.packs import PackError, load_pack
from goallint.engine.rule import Rule
from goallint.engine.runner import Selection, lint
from goallint.model import Finding
from goallint.syntax import parse_document

DOCS = '\n[rule]\ncode = "HOUSE1"\nname = "house-rule"\nsummary = "A house rule."\n'


def pack(tmp_path: Path, body: str) -> type[Rule]:
    path = tmp_path / "house.toml"
    path.write_text(body + DOCS, encoding="utf-8")
    return load_pack(path)


def findings(rule: type[Rule], text: str, path: str = "plan.okr") -> list[Finding]:
    return lint([parse_document(text, path)], Selection([rule()], {rule.name: rule.Options()}))


def said(rule: type[Rule], text: str, path: str = "plan.okr") -> list[tuple[int, str, str | None]]:
    return [(f.span.start.line, f.message, f.hint) for f in findings(rule, text, path)]


def mistake(tmp_path: Path, text: str) -> tuple[int | None, str]:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(path)
    return raised.value.line, raised.value.detail


OBJECTIVE = "Objective: Sell more\n"

# --- forbidden-words ------------------------------------------------------------------------------------------


def test_a_replacement_is_offered_as_a_fix_only_where_the_word_is_written_as_read(tmp_path: Path) -> None:
    rule = pack(tmp_path, 'kind = "forbidden-words"\n[[words]]\nword = "client*"\nsuggestion = "We say customer."\n'
                          'replacement = "customers"\n')
    [finding] = findings(rule, OBJECTIVE + "  KR: Visit 5 clients by Q3\n")
    assert (finding.message, finding.hint) == ("'clients' should not be used here.", "We say customer.")
    assert finding.fix is not None and finding.fix.message == "Replace 'clients' with 'customers'"
    assert [(edit.span.start.column, edit.replacement) for edit in finding.fix.edits] == [(15, "customers")]
    # in bold on a Markdown page the finding covers the whole statement: no edit could be exact
    [marked] = findings(rule, "# Plan\n\n## Objective: Sell more\n\n- KR: Visit 5 **clients** by Q3\n", "plan.md")
    assert marked.message == "'clients' should not be used here." and marked.fix is None


def test_where_two_words_start_together_the_longer_is_reported(tmp_path: Path) -> None:
    rule = pack(tmp_path, 'kind = "forbidden-words"\nmessage = "{word}"\n'
                          '[[words]]\nword = "world"\nsuggestion = "Say where."\n'
                          '[[words]]\nword = "world-class"\nsuggestion = "Say how good."\n'
                          '[[words]]\nword = "class"\nsuggestion = "Say which."\n')
    assert [(f.message, f.hint) for f in findings(rule, OBJECTIVE + "  KR: Build a world-class flow for 5 teams\n")] \
        == [("world-class", "Say how good.")]


def test_a_pattern_that_can_match_nothing_reports_only_what_it_matched(tmp_path: Path) -> None:
    rule = pack(tmp_path, 'kind = "forbidden-words"\n[[words]]\npattern = "(bonus(es)?)?"\nsuggestion = "No."\n')
    assert [f.message for f in findings(rule, OBJECTIVE + "  KR: Pay bonuses to 5 teams\n")] == [
        "'bonuses' should not be used here."]


# --- required-words -------------------------------------------------------------------------------------------

TICKETS = ('kind = "required-words"\npatterns = ["jira-[0-9]+"]\nsatisfied_by = ["deadline"]\n'
           'message = "Link the ticket."\nsuggestion = "Write its key, such as JIRA-12."\n')


def test_required_words_are_looked_for_in_every_statement_in_any_case(tmp_path: Path) -> None:
    rule = pack(tmp_path, TICKETS)
    plan = (OBJECTIVE + "  KR: Ship the wizard JIRA-12 to 5 teams\n  KR: Ship the wizard by 2026-09-30\n"
            "  KR: Ship the export to 5 teams\n")
    assert said(rule, plan) == [(4, "Link the ticket.", "Write its key, such as JIRA-12.")]


def test_required_words_of_a_list_and_patterns_together(tmp_path: Path) -> None:
    rule = pack(tmp_path, TICKETS + 'words = ["ticket"]\n')
    plan = OBJECTIVE + "  KR: Ship the ticket export to 5 teams\n  KR: Ship the export to 5 teams\n"
    assert [line for line, _, _ in said(rule, plan)] == [3]


# --- required-fields ------------------------------------------------------------------------------------------


def test_each_missing_field_is_said_and_an_objective_needs_an_owner_of_its_own_or_the_plans(tmp_path: Path) -> None:
    rule = pack(tmp_path, 'kind = "required-fields"\nlook_in = ["objective", "key_result"]\n'
                          'fields = ["owner", "deadline"]\n')
    plan = "Objective: Sell more\n  owner: Dana\n  KR: Sign 5 customers\n"
    assert said(rule, plan) == [
        (3, "This key result has no deadline.", "Say by when: 'by end of Q3', 'by 30 September'.")]
    own = "Objective: Sell more\n  owner: Dana\n  KR: Sign 5 customers\n    owner: Sam\n"
    assert said(rule, own) == [
        (3, "This key result has no deadline.", "Say by when: 'by end of Q3', 'by 30 September'.")]
    unowned = "Objective: Sell more\n  KR: Sign 5 customers by 2026-09-30\n"
    assert said(rule, unowned) == [
        (1, "This objective has no owner.", "Add an indented 'owner: <name>' line under it."),
        (2, "This key result has no owner.", "Add an indented 'owner: <name>' line under it.")]
    assert said(rule, "owner: Sales\n" + unowned) == []
    # a field an objective cannot have (a deadline) is skipped, not the end of its fields
    deadline_first = pack(tmp_path, 'kind = "required-fields"\nlook_in = ["objective"]\n'
                                    'fields = ["deadline", "owner"]\n')
    assert [message for _, message, _ in said(deadline_first, unowned)] == ["This objective has no owner."]


# --- unit-required --------------------------------------------------------------------------------------------

UNITS = ('kind = "unit-required"\nlook_in = ["key_result", "kpi"]\nunits = ["currency", "%"]\n'
         'suggestion = "Write the currency: $2M."\n')


def test_a_quantity_without_an_accepted_unit_is_told_which_units_are(tmp_path: Path) -> None:
    rule = pack(tmp_path, UNITS)
    plan = (OBJECTIVE + "  KR: Grow revenue from $1M to $2M\n  KR: Grow revenue to 2M\n"
            "  KR: Grow margin to 40%\n  KR: Grow seats to 40 seats\n")
    assert said(rule, plan) == [
        (3, "'2M' has no unit this rule accepts (currency, %).", "Write the currency: $2M."),
        (5, "'40' has no unit this rule accepts (currency, %).", "Write the currency: $2M.")]


def test_a_currency_is_accepted_only_where_the_pack_lists_currency(tmp_path: Path) -> None:
    rule = pack(tmp_path, UNITS.replace('units = ["currency", "%"]', 'units = ["%"]'))
    assert [line for line, _, _ in said(rule, OBJECTIVE + "  KR: Grow revenue to $2M\n")] == [2]


def test_an_annual_target_counts_as_a_quantity_of_its_kpi(tmp_path: Path) -> None:
    rule = pack(tmp_path, UNITS)
    assert said(rule, "KPI: Revenue – target 500k\n  annual target: $12M\n") == []
    assert [line for line, _, _ in said(rule, "KPI: Revenue – target 500k\n")] == [1]


def test_a_statement_with_no_number_is_told_only_when_numbers_are_required(tmp_path: Path) -> None:
    plan = OBJECTIVE + "  KR: Launch the pricing page\n  KR: Grow revenue to 2M\n"
    assert [line for line, _, _ in said(pack(tmp_path, UNITS), plan)] == [3]
    required = pack(tmp_path, UNITS + "require_numbers = true\n")
    assert said(required, plan) == [
        (2, "It has no unit this rule accepts (currency, %).", "Write the currency: $2M."),
        (3, "'2M' has no unit this rule accepts (currency, %).", "Write the currency: $2M.")]


# --- a mistake in a pack --------------------------------------------------------------------------------------


def test_a_message_that_is_no_template_or_names_an_unknown_placeholder(tmp_path: Path) -> None:
    body = 'kind = "forbidden-words"\nmessage = "{message}"\n[[words]]\nword = "synergy"\nsuggestion = "Say how."\n'
    assert mistake(tmp_path, body.replace("{message}", "{word") + DOCS) == (
        2, "message: cannot be read as a template (expected '}' before end of string)")
    assert mistake(tmp_path, body.replace("{message}", "{wrod}") + DOCS) == (
        2, "message: has an unknown placeholder {wrod}; use {suggestion} or {word}")


@pytest.mark.parametrize(("word", "detail"), [
    ("syn*ergy", "'*' may only end a word"), ("synerg*y", "'*' may only end a word"),
    ("--", "has no letters to match"),
])
def test_a_word_a_pack_cannot_match(tmp_path: Path, word: str, detail: str) -> None:
    body = f'kind = "forbidden-words"\n[[words]]\nword = "{word}"\nsuggestion = "Say how."\n' + DOCS
    assert mistake(tmp_path, body) == (3, f"words[1].word: {detail}")


def test_the_other_problems_of_a_pack_are_counted(tmp_path: Path) -> None:
    one = 'kind = "required-fields"\nfields = ["owner"]\nlook_in = ["kr"]\n' + DOCS
    assert mistake(tmp_path, one)[1] == "look_in[1]: Input should be 'key_result', 'kpi' or 'objective'"
    two = one.replace('look_in = ["kr"]', 'look_in = ["kr"]\ninherit = true')
    assert mistake(tmp_path, two)[1].endswith("'objective' (and 1 more problem)")
    three = two.replace('fields = ["owner"]', 'fields = ["owners"]')
    assert mistake(tmp_path, three)[1].endswith(" (and 2 more problems)")


def test_a_bad_item_of_a_list_is_pointed_at_by_the_line_that_writes_the_list(tmp_path: Path) -> None:
    body = 'kind = "required-fields"\nfields = ["owner"]\nlook_in = ["key_result", "kr"]\n' + DOCS
    assert mistake(tmp_path, body) == (3, "look_in[2]: Input should be 'key_result', 'kpi' or 'objective'")


def test_a_key_of_an_inline_table_is_pointed_at_by_the_line_that_writes_the_table(tmp_path: Path) -> None:
    body = ('kind = "forbidden-words"\nrule = { code = "x1", name = "house-rule", summary = "A house rule." }\n'
            '[[words]]\nword = "synergy"\nsuggestion = "Say how."\n')
    line, detail = mistake(tmp_path, body)
    assert (line, detail.split(":")[0]) == (2, "rule.code")


def test_a_pack_that_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    with pytest.raises(PackError) as raised:
        load_pack(missing)
    assert (raised.value.path, raised.value.line, raised.value.detail) == (
        missing, None, "cannot be read (No such file or directory)")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('kind = "forbidden-words"\n# café\n'.encode("latin-1"))
    with pytest.raises(PackError) as raised:
        load_pack(latin)
    assert (raised.value.path, raised.value.line, raised.value.detail) == (latin, None, "is not valid UTF-8")
    assert str(raised.value) == f"{latin}: is not valid UTF-8"


# --- which statements and which of their fields ------------------------------------------------------------


def _forbidden(tmp_path: Path, words: str, *keys: str) -> type[Rule]:
    return pack(tmp_path, 'kind = "forbidden-words"\n' + "".join(f"{key}\n" for key in keys) + words)


SYNERGY = '[[words]]\nword = "synergy"\nsuggestion = "Say what changes."\n'


def test_a_field_of_the_statement_is_searched_instead_of_its_text(tmp_path: Path) -> None:
    in_metric = _forbidden(tmp_path, SYNERGY, 'field = "metric"', 'look_in = ["objective", "key_result", "kpi"]')
    plan = ("Objective: Build synergy\n  KR: Use synergy to grow revenue from $1M to $2M\n"
            "  KR: Launch the synergy app\n  KR: Raise synergy score from 3 to 4\n")
    assert [line for line, _, _ in said(in_metric, plan)] == [4]
    in_source = _forbidden(tmp_path, '[[words]]\nword = "spreadsheet"\nsuggestion = "Name the system."\n',
                           'field = "source"', 'look_in = ["key_result", "kpi"]')
    plan = ("Objective: Sell more\n  KR: Fill the spreadsheet with 5 leads\n"
            "  KPI: Revenue – target $2M, monthly, source: the finance spreadsheet\n  KPI: Churn – target 2%\n")
    assert [line for line, _, _ in said(in_source, plan)] == [3]


def test_only_unmeasured_statements_are_searched_when_the_pack_says_so(tmp_path: Path) -> None:
    rule = _forbidden(tmp_path, '[[words]]\nword = "revenue"\nsuggestion = "Give a number."\n',
                      "only_unmeasured = true", 'look_in = ["objective", "key_result"]')
    plan = ("Objective: Grow revenue\n  KR: Grow revenue to $2M\n  KR: Grow revenue from $1M to $2M\n"
            "  KR: Grow revenue with 1+ partners\n  KR: Grow revenue\n")
    assert [line for line, _, _ in said(rule, plan)] == [1, 5]


def test_every_statement_is_searched_past_those_without_the_word_or_the_field(tmp_path: Path) -> None:
    rule = _forbidden(tmp_path, SYNERGY + '[[words]]\npattern = "leverag(e|ing)"\nsuggestion = "Say how."\n')
    plan = OBJECTIVE + "  KR: Sign 5 customers\n  KR: Leverage 5 partners\n  KR: Find synergy in 5 teams\n"
    assert [(line, message) for line, message, _ in said(rule, plan)] == [
        (3, "'Leverage' should not be used here."), (4, "'synergy' should not be used here.")]
    owners = _forbidden(tmp_path, '[[words]]\nword = "tbd"\nsuggestion = "Name someone."\n', 'field = "owner"',
                        'look_in = ["objective"]')
    plan = "Objective: Sell more\nObjective: Sell more again\n  owner: TBD\n"
    assert [line for line, _, _ in said(owners, plan)] == [3]


def test_a_word_matches_whole_words_and_a_pattern_any_case(tmp_path: Path) -> None:
    rule = _forbidden(tmp_path, '[[words]]\nword = "class"\nsuggestion = "Say which."\n'
                                '[[words]]\npattern = "bonus"\nsuggestion = "Pay is not a goal."\n'
                                '[[words]]\npattern = ""\nsuggestion = "Nothing."\n')
    plan = OBJECTIVE + "  KR: Ship classes to 5 XXXX teams\n  KR: Pay a Bonus to 5 teams\n"
    assert [(line, message) for line, message, _ in said(rule, plan)] == [(3, "'Bonus' should not be used here.")]


def test_which_kinds_of_statement_a_pack_reads(tmp_path: Path) -> None:
    plan = "KPI: Synergy index\nObjective: Find synergy\n  KR: Find synergy in 5 teams\n  KPI: Synergy score\n"
    assert [line for line, _, _ in said(_forbidden(tmp_path, SYNERGY, 'look_in = ["key_result"]'), plan)] == [3]
    assert [line for line, _, _ in said(_forbidden(tmp_path, SYNERGY, 'look_in = ["kpi"]'), plan)] == [1, 4]
    when = _forbidden(tmp_path, SYNERGY, 'when = ["teams"]')
    plan = OBJECTIVE + "  KR: Find synergy in 5 units\n  KR: Find synergy in 5 teams\n"
    assert [line for line, _, _ in said(when, plan)] == [3]


def test_a_pack_that_is_not_toml_is_pointed_at_its_line_where_toml_says_one(tmp_path: Path) -> None:
    line, detail = mistake(tmp_path, 'kind = "forbidden-words"\nname = "x\n')
    assert line == 2 and detail.startswith("is not valid TOML (")
    line, detail = mistake(tmp_path, 'kind = "forbidden-words"\nname =')
    assert line is None and detail.startswith("is not valid TOML (")


def test_a_word_written_with_other_characters_still_matches_a_plain_text(tmp_path: Path) -> None:
    """'ſ' (long s) matches 's' in any case: a word with such a character is looked for in every
    ASCII statement, not skipped because its first part is not written there as such."""
    rule = _forbidden(tmp_path, '[[words]]\nword = "ſynergy"\nsuggestion = "Say what changes."\n')
    assert [message for _, message, _ in said(rule, OBJECTIVE + "  KR: Find synergy in 5 teams\n")] == [
        "'synergy' should not be used here."]
