"""Layout evidence: small tests on the visible text of one line that say what role it can play
on a page that never writes "Objective:" or "KR:". Each test names the class of layout it
recognises and carries a real example of it; `layout.py` weighs them over the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from goallint.syntax.markdown.labels import PERIOD_IN_HEADING_RE
from goallint.syntax.statement import read_statement

# --------------------------------------------------------------------------- grading notes

# A Google-style score after the item: "Improve input latency and smoothness 0.40",
# "Ship pointerrawmove P2 0.80", "P1 - Ship Viz Hit Testing V2 1.0" (Chromium team pages).
_SCORE_RE = re.compile(r"(?:^|(?<=\s))(?:P[0-4]\s+)?[01]?\.\d{1,2}\s*$")
# A priority in front: "P1 - Sign off on spec and I2S" (Chromium animations), "`PX` @magik6k - The
# Core API is finalized" (go-ipfs: an unset priority and the owner's handle).
_PRIORITY_PREFIX_RE = re.compile(r"^P[0-4X]\s*(?:@[\w-]+\s*){0,3}[-–—:]\s+(?=\S)")
# A priority before the score: "Fix impactful bugs P1 0.60".
_PRIORITY_SUFFIX_RE = re.compile(r"(?:^|\s)P[0-4](?:\s+[01]?\.\d{1,2})?\s*$")
# Written after a finished item: "=> 60% achieved", "- DONE", "(done)", "✅".
# (Each note starts where a run of blanks starts, `(?<!\s)`, and takes blanks possessively: a long
# run of blanks is then scanned once, not once from each of its blanks.)
_DONE_NOTE_RE = re.compile(
    r"(?<!\s)(?:\s*+(?:=>|→|->)\s*+\d{1,3}\s*+%\s*+(?:achieved|complete[d]?|done)?\.?"
    r"|\s++[-–—]\s++(?:DONE|COMPLETE[D]?|ACHIEVED|MISSED|DROPPED|IN PROGRESS)\.?"
    r"|\s*+\((?:done|complete[d]?|achieved|missed|dropped)\)\.?"
    r"|\s*+[✅✔☑])\s*+$",
    re.I,
)
# Words before a bare number that make it a target, not a score: "keep error rate below 0.5".
_TARGET_WORD_RE = re.compile(
    r"(?:\b(?:to|at|of|from|by|below|under|above|over|than|within|least|most|only|is|be|reach|hit)|[<>≤≥=~±])\s*$",
    re.I,
)
# A reference to a tracker after the item: "… more efficiently. [Issue 8303](…)", "[Epic 720](…)",
# "(crbug.com/848778)", "([ipfs-companion/#324](…))", "(#123)": where the work is tracked, not
# part of the statement (and never its target).
_TRACKER_REF = r"(?:[\w.-]+/(?:[\w.-]+)?#\d+|[\w-]+#\d+|#\d+|crbug\.com/\d+|(?-i:[A-Z][A-Z0-9]+-\d+))"
_WORD_REF = r"(?:epic|issue|mr|pr|merge\s++request|pull\s++request|ticket|bug)\s*+[#!]?\d+"
_ANY_REF = rf"(?:{_WORD_REF}|{_TRACKER_REF})"
# in parentheses; a worded one ("Issue 8303") after the sentence's end; a tracker's ("#123", not a
# rank like "#1") after a space
_REFERENCE_RE = re.compile(
    rf"(?:(?<!\s)\s*+\({_ANY_REF}(?:[\s,;]++{_ANY_REF})*+\)|[.;:]\s*+{_WORD_REF}|(?<!\s)\s++(?!#\d{{1,2}}\b)"
    rf"{_TRACKER_REF})[.;]?\s*+$",
    re.I,
)
# Progress written after the item in brackets: "… via CI/CD. [7/14]", "… project.[30%]", "… [2.5/4]",
# "… to satisfy []" (a data team's OKRs): how far it got, never its target.
_PROGRESS_NOTE_RE = re.compile(
    r"(?<!\s)\s*+\[[ \t]*+(?:\d{1,4}(?:\.\d{1,2})?[ \t]*+(?:/[ \t]*+\d{1,4}(?:\.\d{1,2})?|%))?[ \t]*+\]\s*+$"
)
# Tags after the item: "Team Velocity #Velocity", "… in M82 #Implement".
_HASHTAGS_RE = re.compile(r"(?<!\s)(?:\s++#[A-Za-z][\w-]*+)++\s*+$")


# Whatever can end a line as a note: a first look before the notes are taken off one by one. The
# look-ahead names the notes' first characters, so that the case-blind search skips every other
# place at once instead of trying each note there (`re` makes no such skip for a case-blind pattern).
_ANY_NOTE_RE = re.compile(
    r"(?=[#\d=→\-dcamp.\[✅✔☑])"
    r"(?:#[A-Za-z][\w-]*|#\d+|\d+\)?|=>|→|->|DONE|COMPLETED?|ACHIEVED|MISSED|DROPPED|PROGRESS|done|complete[d]?|achieved|"
    r"missed|dropped|[✅✔☑]|\bP[0-4X]|[01]?\.\d{1,2}|\[[\d./% \t]{0,16}\])\W*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Grade:
    """What a page wrote around an item to grade or rank it, and where the statement ends."""

    end: int  # the statement is text[start:end]
    start: int = 0
    score: bool = False
    priority: str = ""  # "prefix" ("P1 - …"), "suffix" ("… P1 0.60") or ""


# The characters every form of a note writes: a line without any of them cannot hold that note.
_REFERENCE_MARKS = frozenset("(.;:#-")  # "(#123)", "; Issue 8303", "crbug.com/848778", "ABC-12"
_DONE_MARKS = frozenset(">→-–—(✅✔☑")  # "=> 60%", "- DONE", "(done)", "✅"


@lru_cache(maxsize=16384)  # a line is graded by the layout and by the reader, and plans repeat lines
def grade_of(text: str, scores: bool = True) -> Grade:
    """Split grading notes, priorities and tags from an item's text. A bare number at the end
    ("… 0.40") is read as a score only where `scores` says the page grades its items so.

    >>> grade_of("Fix impactful bugs P1 0.60")
    Grade(end=18, start=0, score=True, priority='suffix')
    """
    prefix = _PRIORITY_PREFIX_RE.match(text)
    if prefix is None and _ANY_NOTE_RE.search(text, max(0, len(text) - 48)) is None:
        return Grade(len(text.rstrip()))  # most lines end in their statement: one look says so
    start = 0
    priority = ""
    if prefix:
        start, priority = prefix.end(), "prefix"
    end = len(text.rstrip())
    score = False
    # a note is only looked for where the line has a character every form of it writes (most
    # lines that end in a number, "… by Q3", have none: no pattern is run over them)
    chars = set(text)
    for _ in range(3):  # "… #Velocity 0.3", "… P1 0.60 - DONE": a few notes in any order
        body = text[start:end]
        if "#" in chars and (tags := _HASHTAGS_RE.search(body)) and tags.start() > 0:
            end = start + tags.start()
            continue
        if not chars.isdisjoint(_REFERENCE_MARKS) and (reference := _REFERENCE_RE.search(body)) \
                and reference.start() > 0:
            end = start + reference.start()
            continue
        if not chars.isdisjoint(_DONE_MARKS) and (done := _DONE_NOTE_RE.search(body)) and done.start() > 0:
            end, score = start + done.start(), True
            continue
        if "[" in chars and (progress := _PROGRESS_NOTE_RE.search(body)) and progress.start() > 0:
            end = start + progress.start()
            continue
        found = _SCORE_RE.search(body) if "." in chars and (scores or priority) else None
        if found and found.start() > 0 and not _TARGET_WORD_RE.search(body[: found.start()]):
            if priority != "prefix" and _PRIORITY_SUFFIX_RE.search(body[found.start():]) and "P" in found.group():
                priority = "suffix"
            end, score = start + found.start(), True
            continue
        suffix = _PRIORITY_SUFFIX_RE.search(body) if "P" in chars else None  # the pattern is case-sensitive
        if suffix and suffix.start() > 0 and not priority:
            end, priority = start + suffix.start(), "suffix"
            continue
        break
    while end > start and text[end - 1] in " \t,;":
        end -= 1
    return Grade(end, start, score, priority)


# --------------------------------------------------------------------------- headings and lead-ins

# "2. Marketing — Grow pipeline", "### 3) Reduce churn", "O2 Grow": a numbered heading or item.
_NUMBER_RE = re.compile(r"^(?P<n>\d{1,2})(?:\.\d{1,2})*[.):]?\s+(?=\S)")
# "CFO: Grow net revenue", "Marketing — Grow pipeline", "[Finance] Close the books faster":
# an owner or team in front of an objective; short, capitalised, no verb of its own.
_OWNER_PREFIX_RE = re.compile(
    r"^(?:\[(?P<tag>[A-Z][\w&/.,' -]{0,40})\]\s*|(?P<who>[A-Z][\w&/.,'()+ -]{0,40}?)\s*(?::|\s[-–—]|[–—])\s+)(?=\S)"
)
# Words of a heading that names a part of the page, not a goal: "Overview", "Details".
_GENERIC_HEADING_RE = re.compile(
    r"^(?:table\s+of\s+contents|contents|toc|on\s+this\s+page|in\s+this\s+(?:page|document)|overview|details|background|context|summary|introduction|intro|"
    r"notes?|appendix|faq|glossary|resources|links|references|related(?:\s+\w+)?|about(?:\s+\w+)?|history|"
    r"changelog|timeline|schedule|process|how\s+(?:we|to)\b.*|scoring|grading|status|updates?|retro\w*|"
    r"archive|previous\s+\w+|see\s+also|questions|next\s+steps|template|example|how\s+it\s+works|"
    r"purpose|scope|vision|mission|values|principles|team|members|people|contacts?)\s*:?$",
    re.I,
)
# A heading or bold line over a page's list of goals: "Objectives", "Q2 goals", "Our priorities for 2025".
_GOAL_SECTION_RE = re.compile(
    r"^(?:(?:[Oo]ur|[Tt]eam|[Cc]ompany|[Tt]he)\s+)?(?:[A-Z0-9][\w'&/-]*\s+){0,3}?"
    r"(?i:OKRs?|objectives|goals|priorities)(?:\s+(?i:for|in)\s+\S+(?:\s+\S+)?|\s+[A-Z0-9][\w'-]*){0,2}\s*:?$"
)
# What a page writes under an item about it, not as an item: "**Notes:**", "**Tracked:** Weekly".
_METADATA_RE = re.compile(
    r"^(?:key\s+results?|krs?|notes?|tracked|tracking|status|score|final\s+score|grade|progress|comments?|"
    r"updates?|why|rationale|context|links?|dependencies|risks?|owners?|dri|leads?|due|deadline|"
    r"timeline|cadence|frequency|baseline|source|priority|confidence|stakeholders?|reviewers?|"
    r"end\s+of\s+quarter\s+result|measure\s+is)\s*(?::|$)",
    re.I,
)
# An in-page link alone: a table-of-contents entry "[Objective 1: Grow revenue](#objective-1)".
_ANCHOR_LINK_RE = re.compile(r"^\s*(?:\d+[.)]\s*)?\[[^\]]*\]\(#[^)]*\)\s*$")
_ONLY_LINK_RE = re.compile(r"^\s*(?:\d+[.)]\s*)?\[[^\]]*\]\([^)]*\)\s*$")


# "**Get the [Brave](https://brave.com) integration released**", "**Set up X.** ([#24](…))": a bold
# line alone, perhaps with a link inside the bold or one link after it, or who owns it in brackets
# ("**Scale go-to-market** (Owner: CRO)", "**Grow activation** (@maria)").
_BOLD_LEAD_RE = re.compile(
    r"^(\*\*|__)(?=\S)(?P<inner>(?:(?!\1).){1,300}?)(?<=\S)\1[ \t]*"
    r"(?:\(?\[[^\]]{0,200}\]\([^)]{0,500}\)\)?|\((?:owner|lead|dri|led\s+by)\s*:?\s*[^()]{1,60}\)|\(@[\w.-]{1,40}\))?"
    r"[\s.:;!?]*$",
    re.I,
)


def is_bold_lead(raw: str) -> bool:
    """A line that is one bold phrase (a link inside it or one after it allowed), as pages write a
    goal over its list: "**go-ipfs handles large datasets (1TB++) without a sweat**"."""
    return _BOLD_LEAD_RE.match(raw.strip()) is not None


# "Goal One: …": a goal's number spelled out
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# "Priority 1: Thriving local economy", "Goal 2 – Healthy lives", "Strategic objective 3: …",
# "FOCUS AREA IV- Stabilize Leadership", "Goal / Focus Area 2: Education": how council, agency and
# school plans name the goals their measures serve (numbered, or in roman numerals)
_GOAL_LABEL_RE = re.compile(
    r"^(?:strategic\s+)?(?:goal|priority|theme|outcome|ambition|aim|objective|focus\s+area|pillar)"
    r"(?:\s*/\s*(?:goal|priority|theme|outcome|focus\s+area|pillar))?\s*#?\s*"
    r"(?P<n>\d{1,2}|(?-i:[IVX]{1,4})(?=\s|[:.)–—]|-\s)|(?P<word>" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"\s*(?:[:)–—-]|\.(?!\d))\s*(?=\S)",
    re.I,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def goal_number(match: re.Match[str]) -> int:
    """The number of a goal's label, from digits or roman numerals ("Focus area IV" is 4)."""
    written = match["n"]
    if written.isdigit():
        return int(written)
    if match["word"]:
        return _NUMBER_WORDS.index(written.lower()) + 1
    values = [_ROMAN_VALUES[char] for char in written]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0], strict=True))


def goal_label(text: str) -> re.Match[str] | None:
    """A numbered goal label in front of a heading: "Priority 1: Thriving local economy"."""
    return _GOAL_LABEL_RE.match(text)


# "Goal : Provide … internet access": the same label with its number left out (a plan's last goal,
# numbered "Goal 1:" … "Goal 3:" above it)
_UNNUMBERED_GOAL_LABEL_RE = re.compile(
    r"^(?:strategic\s+)?(?:goal|priority|theme|outcome|focus\s+area|pillar)\s*[:–—-]\s*(?=\S)", re.I
)


def unnumbered_goal_label(text: str) -> re.Match[str] | None:
    """A goal's label with no number: "Goal : Provide internet access" (a sibling of numbered ones)."""
    return _UNNUMBERED_GOAL_LABEL_RE.match(text)


def number_of(text: str) -> re.Match[str] | None:
    """A number in front of a heading or item: "2. Marketing — Grow pipeline"."""
    return _NUMBER_RE.match(text)


_OWNER_JOINERS = frozenset({"of", "and", "the", "for", "&", "+", "-"})


def owner_prefix(text: str) -> re.Match[str] | None:
    """An owner or team written before an objective: "CFO: Grow net revenue",
    "2. Marketing — Grow pipeline" (after its number), "[Finance] Close the books faster".
    A prefix of more than four words is a sentence of its own, not an owner."""
    match = _OWNER_PREFIX_RE.match(text)
    if match is None:
        return None
    who = match["tag"] or match["who"] or ""
    words = who.replace(",", " ").split()
    if not all(word[0].isupper() or word[0].isdigit() or word in _OWNER_JOINERS or word[0] in "(&/" for word in words):
        return None  # "Grow revenue: …" is the objective itself
    if len(words) > 4 or who.lower().rstrip(" s") in ("objective", "goal", "key result", "kr", "note"):
        return None
    return match


# Who owns an item, written after it: "(Owner: CRO)", "(owner: Li)", "(DRI: Dana Lee)", "— @sara",
# "(@maria, @tom)"
_HANDLES = r"@[\w.-]{1,40}(?:\s*(?:,|and|&)\s*@[\w.-]{1,40}){0,4}"
_OWNER_AFTER_RE = re.compile(
    rf"(?<=\S)\s*(?:\((?:owners?|lead|dri|led\s+by)\s*:?\s*(?P<named>[^()@]{{1,60}}?)\s*\)"
    rf"|\((?P<in>{_HANDLES})\)|\s[—–-]\s*(?P<after>{_HANDLES}))\s*$",
    re.I,
)


def owner_after(text: str) -> re.Match[str] | None:
    """The owner written after an objective or key result ("Scale go-to-market (Owner: CRO)",
    "NPS from 32 to 45 — @sara"); `owner_after_span` says where their name is."""
    return _OWNER_AFTER_RE.search(text)


def owner_after_span(match: re.Match[str]) -> tuple[int, int]:
    """Where the owner's name is in a match of `owner_after`."""
    group = "named" if match["named"] else "in" if match["in"] else "after"
    return match.start(group), match.end(group)


_YEAR_NAME_RE = re.compile(
    r"(?:(?:OKRs?|goals|priorities)\s+(?:for\s+)?)?\d{4}(?:\s+(?:OKRs?|goals|priorities))?", re.I
)


def is_period_name(text: str) -> bool:
    """A line that names a period and nothing else: "2015 Q4 0.54", "**2020 Q1**", "FY23-Q1 OKRs"."""
    body = text[: grade_of(text).end].strip(" *_:#")
    found = PERIOD_IN_HEADING_RE.search(body)
    if found is None:
        return _YEAR_NAME_RE.fullmatch(body) is not None
    rest = (body[: found.start()] + body[found.end():]).strip(" -–—:,")
    return not rest or bool(re.fullmatch(r"(?:OKRs?|goals|objectives|priorities|plan|planning)", rest, re.I))


def is_generic_heading(text: str) -> bool:
    """A heading that names a part of the page: "Overview", "Details", "How we grade"."""
    return _GENERIC_HEADING_RE.match(text.strip(" *_")) is not None


# The first word of a goal written as a heading: "Bring 'Code as Data' to market", "Improve
# infrastructure"; a heading that names a team or a part of the page ("Sales", "Lookout") has none.
_GOAL_VERBS = frozenset(
    """
    accelerate achieve adopt advance analyse analyze attract automate be become bring build celebrate close
    collect complete consolidate continue create cut decrease deepen define deliver design develop document
    double drive educate empower enable engage ensure establish evaluate expand explore feed finish foster get go
    grow have help hire hit hold host implement improve increase integrate introduce invest keep land launch
    lead lower maintain make migrate modernise modernize nurture onboard optimise optimize own prepare promote
    protect provide publish refactor resolve raise reach recruit reduce release research retain run scale
    secure sell set ship simplify
    stabilise stabilize start store streamline strengthen support transform unify win write
    add adapt align assess audit clarify communicate consider coordinate curate deploy encourage enhance extend
    facilitate fix formalise formalize identify leverage measure monitor pilot prioritise prioritize pursue redesign
    refine remove replace revise rewrite show solidify standardise standardize sustain test track train update
    upgrade
    """.split()
)


def reads_as_goal(text: str) -> bool:
    """A heading worded as a goal: it starts with a verb ("Improve infrastructure") or a goal's
    number ("Goal #0: Make the boundaries … clear")."""
    words = text.split(None, 1)
    if not words:
        return False
    word = words[0].lower()
    # "Being a better company to work at", "Making", "Getting": the verb's -ing form
    # (with its object: "Onboarding", "Hiring" or "Planning" alone names a topic, not a goal)
    stems = (word[:-3], word[:-3] + "e", word[:-4]) if word.endswith("ing") and len(words) > 1 else ()
    return word in _GOAL_VERBS or any(stem in _GOAL_VERBS for stem in stems) or goal_label(text) is not None


# A line that speaks about goals: the noun, not a goal's own wording ("Ortelius Development Goals
# for 2021", "The following are our goals for 2021:", "OKRs for Q3 2021 to Q2 2022").
_GOAL_NOUN_RE = re.compile(r"\b(?:OKRs?|objectives|goals|priorities)\b", re.I)
_KEY_RESULTS_RE = re.compile(r"\bkey\s+results?\b|\bKRs?\b", re.I)


def names_goals(text: str) -> bool:
    """A heading about goals, not worded as one: "Additional Goals/Research Questions",
    "Medicare-Specific Goals". It can hold goals; it is none itself."""
    body = text.strip(" *_")
    if len(body) > 80 or _GOAL_NOUN_RE.search(body) is None or _KEY_RESULTS_RE.search(body):
        return False
    return not reads_as_goal(body) and goal_label(body) is None and _OBJECTIVE_WORD_LABEL_RE.match(body) is None


_YEAR_RE = re.compile(r"(?<![\w.-])(?:19|20)\d\d(?![\w.-])")
# the period a page is in, named from where it stands: "Current quarter objectives", "This year's goals"
_PRESENT_PERIOD_RE = re.compile(r"\b(?:this|current|coming|next)\s+(?:quarter|year|half|term)\b", re.I)


def names_period(text: str) -> bool:
    """A line that names a period somewhere in it: "Q2 2026 Goals", "Goals for 2021", "Current
    quarter objectives"."""
    return PERIOD_IN_HEADING_RE.search(text) is not None or _YEAR_RE.search(text) is not None \
        or _PRESENT_PERIOD_RE.search(text) is not None


def is_goal_section(text: str, broad: bool = True) -> bool:
    """A heading over a list of goals: "Objectives", "Q2 goals", "Priorities 2025", "2024 OKRs",
    and any short line that names a period's goals without being worded as one: "The following are our
    goals for 2021:", "Ortelius Development Goals for 2021" (it holds the goals, it is none)."""
    body = text.strip(" *_")
    if _GOAL_SECTION_RE.match(body) is not None:
        return True
    if not broad or body.endswith("?"):
        return False
    # a period's goals, not goals in general ("OKR's 4 Key Parts:", "How we set goals")
    return names_goals(body) and names_period(body)


# "Objective: Grow revenue", "Goal – Grow revenue": a label, not a section
_OBJECTIVE_WORD_LABEL_RE = re.compile(r"^\W*(?:\w+\s+){0,3}(?:objective|goal|priority)\s*\d*\s*[:–—-]", re.I)


# a line that goes on past its end: "… for", "… and", "… of the", "… (see"
_OPEN_END_RE = re.compile(
    r"(?:[,;:(&/–—-]|\b(?:a|an|the|and|or|of|for|to|in|on|at|by|with|from|as|our|its|their))$", re.I
)


def goes_on(text: str) -> bool:
    """Whether a line breaks off mid-phrase, so the next line continues it rather than starting anew."""
    return _OPEN_END_RE.search(text) is not None


def is_metadata(text: str) -> bool:
    """A line about the item above it, not an item: "Notes: …", "Tracked: Weekly", "Final Score"."""
    return _METADATA_RE.match(text.strip()) is not None


def is_toc_entry(raw: str) -> bool:
    """An in-page link alone, as a table of contents writes it: "[Objective 1](#objective-1)"."""
    return _ANCHOR_LINK_RE.match(raw) is not None


def is_only_link(raw: str) -> bool:
    """An item that is one link and nothing else: "[Grow pipeline](https://…)"."""
    return _ONLY_LINK_RE.match(raw) is not None


# a target or a change needs a number, written in digits or as a word ("double", "half", "ten")
_DIGIT_OR_AMOUNT_RE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|million|"
    r"double|triple|half|twice|zero)\b", re.I
)


_TIME_UNITS = frozenset(
    "s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks month months "
    "year years quarter quarters".split()
)


@lru_cache(maxsize=4096)
def reads_as_result(text: str) -> bool:
    """A line that measures: the statement reader finds a change with its direction ("Reduce
    onboarding time from 10 days to 3", "Grow sign-ups by 50%"), a bound ("Uptime above 99.9%",
    "50k+ nodes"), or a count of things a goal's verb promises ("Host 8 OSPOlogy sessions").
    Stricter than the reader itself, which takes any number in a key result as its target
    ("Talk to Bob about page 3", "Meet every Monday for 30 minutes" measure nothing)."""
    if not text or len(text) > 400 or _DIGIT_OR_AMOUNT_RE.search(text) is None:
        return False  # no number, no target (and the statement reader is not asked)
    reading = read_statement(text)
    if reading.kind != "outcome":
        return False
    moving = reading.direction in ("increase", "decrease")
    if reading.baseline is not None and reading.target is not None:
        return True
    if reading.change is not None:
        return moving
    target = reading.target
    if target is None:
        return False
    if target.comparator is not None:
        return True
    if target.unit is None or target.unit.lower() in _TIME_UNITS:
        return False
    # "90% of tickets within 3 days", "3 partners on the new API by June": a share or a count by a
    # date; or one a goal's verb promises ("Host 8 OSPOlogy sessions")
    return moving or reading.deadline is not None or reads_as_goal(text)
