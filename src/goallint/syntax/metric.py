"""The metric of a statement: the thing measured, as a short noun phrase in the writer's words.

"Grow weekly active teams from 1.2k to 2,000" measures `weekly active teams`; "Hire 10 account
executives" measures `account executives`; "IACV doubles year over year" measures `IACV`. The
phrase is cut from the text around the main verb and the first quantity; each cut looks at a
bounded stretch of text (a metric is at most eight words), never at the whole statement.
"""

from __future__ import annotations

import re

# Where a metric phrase stops: punctuation, a spaced dash, a preposition that starts a scope, a
# deadline or a means, and "to" before an amount ("churn to 3%") or a purpose ("… to enable X"),
# but not "to" inside a name ("time to first response", "members to the Community Committee").
_PUNCTUATION_CUT = re.compile(r"[,;:(\[]|\.(?!\w)| [-–—] ")
_LIST_PUNCTUATION_CUT = re.compile(r"[;:(\[]|\.(?!\w)| [-–—] ")  # a name's list commas stay
# "(3+ times)", "(EPC)": a short aside inside the phrase, read past rather than cut at
_ASIDE = re.compile(r" ?\([^()\n]{0,60}\)")
_CUT_WORDS = frozenset(
    """
    by per within via over across so while which who whose where that down up than compared versus vs
    according each as through
    """.split()
)
_RELATIVE_WORDS = frozenset("who which that whose where".split())
# "proportion of our subjects in the UK upper quartile", "% of students reading at grade level"
_SHARE_START = re.compile(
    r"(?:(?:the|our|a|an) )?(?:%|proportion|percentage|percent|per cent|share|number|rate) of ", re.I
)
_CLAUSE_CUT_WORDS = frozenset("by per within over than compared versus vs according".split())
# Prepositions that end a phrase of two words or more ("weekly active teams in EMEA") but carry
# the qualifier of a lone noun ("mentions in social media", "streams with guests")
_QUALIFIER_WORDS = frozenset("in on with for at from".split())
_PLACE_WORDS = frozenset("in at from".split())
_QUALIFIER_OR_TO = _QUALIFIER_WORDS | {"to"}
_IN_A_PHRASE = re.compile(
    r"(?:excess|line|accordance|order|support|partnership|collaboration|terms|addition|respect|relation|"
    r"comparison|response|conjunction|keeping|particular|general)\b",
    re.I,
)
_START_AHEAD = re.compile(r"\b(?:baseline|current|currently|present|today|existing|latest)\b", re.I)
_PURPOSE_VERBS = frozenset(
    """
    be ensure enable make help support allow improve increase reduce drive get reach keep see have
    deliver achieve avoid prevent let provide create build scale accelerate grow show give gain
    """.split()
)
_TIME_AHEAD = ("the first", "the last", "the next", "the same", "first", "last", "next", "this", "every", "each")
# "for all other applications", "for each content type" (but "for each month" is a window)
_POPULATION_AHEAD = re.compile(
    r"(?:all|each|every|other)\s(?!(?:day|week|month|quarter|year|term|semester|time|period|session)s?\b)\S"
)
# "or increase", "and if possible increase", "and/or reduce": a second verb joined to the first
_JOINED_VERB = re.compile(
    r"(?:and/or|and|or|&)\s+(?:(?:if|where|when)\s+possible\s+|ideally\s+|then\s+)?"
    r"(?:increase|grow|raise|improve|reduce|decrease|cut|lower|maintain|keep|sustain|boost|lift|enhance|expand|"
    r"strengthen|minimi[sz]e|maximi[sz]e|exceed|meet|achieve|reach|double|halve)\s+",
    re.I,
)
_COMPARED_WITH = re.compile(r"(?:the |our |their |its )?(?:old|previous|existing|prior|former)\b")
_RATE_BASE = re.compile(r"(?:1|10|100|1,?000|10,?000|100,?000)$")  # "per 1,000": a rate's base
# "per meal", "per patient" (but not "per week", "per cent", "per capita" or "per the plan")
_PER_THING = re.compile(
    r"(?!(?:cent|capita|annum|the|a|an|each|every|our|their|its|day|week|month|quarter|year|hour|minute|second|"
    r"session|period|term|semester|sprint|night|shift|visit|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|fifty|hundred|thousand|million)s?\b)[a-z][a-z-]+",
    re.I,  # ("Meals per Person in Need")
)
_BOUND_WORDS = frozenset("less more fewer below under above over".split())  # "disposed to less than 0.5%"
_YEAR_AHEAD = re.compile(r"(?:the )?(?:19|20)\d\d\b")  # "… at grade level on the 2023 assessment"
_AMOUNT_AHEAD = re.compile(r"[$€£¥~<>≤≥]?\d|\S*%|tb[dc]\b")
_LEADING_FILLER = re.compile(
    r"^(?:(?:%|the|our|a|an|of|in|on|for|at|its|their|at least|at most|more than|"
    r"less than|fewer than|more(?! than)|fewer(?! than)|less(?! than)|over|under|up|down|never|always|each|every|all|"
    r"(?:t|kg|tonnes|tons)\s+(?:reduced|less|fewer|more)|reduced|additional|extra|-strong)(?:\s+|$))+",
    re.I,
)
_AGED = re.compile(
    r" (?:(?:aged?|ages) (?:(?:between|from|under|over) )?\d{1,3}(?: ?(?:-|–|to|and) ?\d{1,3})?"
    r"(?: (?:and|or) (?:over|under|above|below|older|younger))?|between the ages of \d{1,3} and \d{1,3})(?!\w)",
    re.I,
)
# "18,000 hectares of woodland", "1.5 million tons of carbon dioxide": a unit of measure before what it measures
MEASURE_UNIT_OF = re.compile(
    r"(?:hectares?|acres?|tonnes?|tons?|kilograms?|kg|litres?|liters?|gallons?|miles?|kilometres?|kilometers?|km|"
    r"square\s+(?:metres?|meters?|feet|miles?)|megawatts?|mw|gwh|mwh|kwh)\s+of\s+(?=\S)",
    re.I,
)
_TRAILING_SMALL = frozenset(
    "of in into onto at for to by with from per than the a an and or on is are be everyday its our their".split()
)  # ("meals to 3 million children everyday": how often, at the end)
# (and how often: "help 1 million people annually improve their shelter", "11.6 M meals annually")
_DROPPED_WORDS = frozenset({"never", "always", "consistently", "significantly", "annually", "yearly"})
# Words after a verb that say how, not what: "IACV doubles year over year"
_NOT_A_METRIC = re.compile(
    r"(?:year|month|quarter|week)\s+(?:over|on)\s+(?:year|month|quarter|week)\b|(?:yoy|qoq|mom|wow)\b|"
    r"(?:again|steadily|significantly|substantially|further|overall|consistently|each|every)$",
    re.I,
)
_HOW_OFTEN = re.compile(r"(?:each|every|per|a|an)\s(?:day|week|month|quarter|year|annum)s?\b", re.I)
_NOT_A_METRIC_START = frozenset(
    "year month quarter week yoy qoq mom wow again steadily significantly substantially further overall "
    "consistently each every".split()
)
# Words after a verb that say how it changes, or point back at what was named before it:
# "Newsletter is growing faster than …", "Feedback … decreases dramatically", "(Reduce this by X%)"
_HOW_NOT_WHAT = frozenset(
    "faster slower quicker sooner dramatically measurably noticeably rapidly quickly sharply drastically "
    "considerably greatly this it them these those throughout during".split()
)
_MAX_CHUNK = 240
# "churn standing at 2%", "retention curve flattening at 20%": how a level sits, not what it is
_STANDING = frozenset(
    "standing sitting holding flattening remaining staying running hovering plateauing levelling leveling "
    "peaking settling".split()
)
# What says when a counted thing counts, kept after the noun: "launches delivered on budget and on
# time", "services operate within 5 minutes of schedule", "seen within 18 weeks of their referral"
# (a bare "within 5 mins" is a window and still ends the phrase).
_SUCCESS_CONDITION = re.compile(
    r"(?:on|in|within)\s(?:time|budget|schedule|full|spec)\b|within\s\S+\s(?:\S+\s)?of\s\S|"
    r"within\s(?:the\s)?(?:(?:agreed|statutory|target|set|required|national)\s)?(?:timescales?|timeframes?|deadlines?|"
    r"targets?|standards?|sla|limits?)\b",  # "applications determined within statutory timescales"
    re.I,
)
# after "by": who does it ("by our products", "by constituents"), not how much, how or when
_AGENT_AHEAD = re.compile(
    r"(?!(?:the\s+(?:end|close|time|start|middle|beginning)|half|a\s+(?:half|third|quarter|fifth|tenth)|"
    r"(?:one|two)[\s-]thirds?|at\b|more\b|less\b|over\b|up\b|around\b|about\b|approximately\b|nearly\b|"
    r"almost\b|[\w-]+ing\b|end\b|eo[yqm]\b|mid))(?:(?:our|the|its|their|local|all|each|every|other)\s+)?[a-z][\w'’-]*",
    re.I,
)
# a participle or an action noun before "by": "accepted by our products", "response by constituents"
_DONE_ENDINGS = ("ed", "ion", "ment", "ance", "ence", "onse", "age")
_IRREGULAR_PARTICIPLES = frozenset("paid seen done made sent met given taken held heard built won".split())
_SATISFIED = ("satisf", "dissatisf")  # "customer satisfaction with the repairs carried out": with what


_TIME_WORDS_AHEAD = frozenset(
    "day week fortnight month quarter year annum half term semester sprint time period session night weekend".split()
)


def _time_ahead(written: list[str], index: int) -> bool:
    """"users in the first month", "in the next 3 years", "for this quarter": a time window (but
    "trained in first aid" names what they are trained in)."""
    ahead = [word.lower().strip(",.;:") for word in written[index + 1 : index + 5]]
    if ahead[:1] == ["the"]:
        ahead = ahead[1:]
    if ahead and "-" in ahead[0]:  # "in first-year retention", "within same-day delivery": a time in a word
        first, _, period = ahead[0].partition("-")
        return first in _TIME_AHEAD and period.rstrip("s") in _TIME_WORDS_AHEAD
    if not ahead or ahead[0] not in _TIME_AHEAD:
        return False
    rest = ahead[1:3]  # (none when the phrase stops at a number: "in the next [3 months]")
    return not rest or any(word.rstrip("s") in _TIME_WORDS_AHEAD or word.isdigit() for word in rest)


def _participle(word: str) -> bool:
    """"issues marked with the ux label", "staff trained in first aid": a participle's preposition completes it."""
    lowered = word.lower()
    return (lowered.endswith("ed") and len(lowered) > 4) or lowered in _IRREGULAR_PARTICIPLES


def _names_a_span(written: list[str], index: int) -> bool:
    """"cycle time from planning to production": a "from … to …" of words names what is timed."""
    if written[index] != "from" or index + 1 >= len(written) or _AMOUNT_AHEAD.match(written[index + 1]):
        return False
    for at in range(index + 2, min(index + 6, len(written) - 1)):
        if written[at] == "to":
            return not _AMOUNT_AHEAD.match(written[at + 1])
    return False


# Words that open a clause after a comma rather than the next item of a list
_CLAUSE_OPENERS = frozenset(
    """
    with while which who whose that including includes such especially so but by as to for in on at from
    excluding per where when and or then than measured tracked based via through across within over we it
    this these they our its their particularly notably mainly mostly primarily chiefly specifically
    ideally e.g. i.e. eg ie like not
    """.split()
)
# Verbs that start a new clause after "and" or a list's comma ("eradicate hunger, halve stunting, and
# ensure …", "eradicate extreme poverty and reduce relative poverty")
_AND_WORDS = frozenset({"and", "or", "&", "And", "Or"})
_CLAUSE_VERBS = frozenset(
    """
    increase grow raise improve reduce decrease cut lower maintain keep sustain boost lift enhance expand
    strengthen halve double triple treble eradicate eliminate end ensure provide deliver achieve reach make
    create build develop launch support promote secure establish introduce deliver embed enable implement
    get gain win sign hire publish ship complete attract recruit onboard retain
    """.split()
)
_CLAUSE_STARTS = _CLAUSE_VERBS | frozenset("we i you they it this these those there".split())
_LIST_ITEM = re.compile(r"\s*([^,;:.()\[\]]{1,60})(,|)")  # (a long last item: its first words say enough)


def list_follows(chunk: str, after: int) -> bool:
    """Does a list of names go on after this comma ("alcohol, resource consent, building consent and
    LIMs application survey respondents", "Aragon products, DAO events, and the AN DAO community")?
    Short items, none opening a clause, and an "and" or "or" before a noun within the last one."""
    position = after
    for _ in range(5):
        item = _LIST_ITEM.match(chunk, position)
        if item is None:
            return False
        words = item.group(1).split()
        if not words or (words[0].lower() in _CLAUSE_OPENERS and words[0].lower() not in ("and", "or")) or (
            words[0].lower() in _CLAUSE_VERBS
        ):
            return False
        joined = next((i for i, word in enumerate(words[:6]) if word.lower() in ("and", "or")), None)
        if joined is not None:
            if any(word.lower() in _CLAUSE_OPENERS for word in words[1:joined]):
                return False  # ", validated by SBTi and aligned with …": a clause, not a name
            rest = " ".join(words[joined:])
            next_word = words[joined + 1].lower() if joined + 1 < len(words) else ""
            starts_clause = next_word in _CLAUSE_OPENERS or next_word in _CLAUSE_VERBS
            return bool(next_word) and _JOINED_VERB.match(rest) is None and not starts_clause
        if len(words) > 4 or item.group(2) != ",":
            return False
        position = item.end()
    return False


# The words the phrase rules look at (any other word is simply kept)
_LOOKED_AT = (
    _CUT_WORDS | _QUALIFIER_WORDS | _BOUND_WORDS | {w.lower() for w in _AND_WORDS}
    | frozenset("through across against within by per at from in to based a an each every last this next".split())
    | frozenset({"has", "have"})
)
# "A target of 50,000 new jobs has been set for 2030": the aim being set is said of the count, not part of it
_AIM_SET = frozenset("set agreed adopted established approved announced".split())


def phrase(
    text: str, start: int, stop: int, *, lists: bool = False, clause: bool = False, closed: bool = False
) -> str | None:
    """The metric phrase in text[start:stop], or None when nothing measurable is there. With
    `lists`, the text is a name written before a colon, whose commas join a list
    ("Number of street cleaning, grounds maintenance and waste complaints: 190"); with `clause`,
    it is what a share counts, a whole clause ("100% of transactions received via our apps are
    processed correctly"): only a window, a deadline or a comparison ends it. With `closed`, the
    stretch is closed by the amount it changes by ("Increase lending in support of affordable
    housing by $1 billion"): its first qualifier says which is measured and stays."""
    chunk = " ".join(text[start : min(stop, start + _MAX_CHUNK)].split())
    worth = chunk.find("worth of ")
    if worth == 0 or (worth > 0 and chunk[worth - 1] == " "):  # "$100k worth of lifetime work": after "worth of"
        chunk = chunk[worth + len("worth of ") :]
    if "(" in chunk:
        chunk = _ASIDE.sub("", chunk)
    share_start = _SHARE_START.match(chunk)
    share = share_start is not None
    percent = share_start is not None and "numb" not in share_start.group().lower()
    first = chunk[: chunk.find(" ") % (len(chunk) + 1)].lower()
    if first in ("by", "to") and _AMOUNT_AHEAD.match(chunk, len(first) + 1):
        return None  # "is decreased by x%": an amount, however it is written, is no metric
    if first == "within":
        return None  # "stays within the agreed limits": a bound, the subject is what is held
    if _HOW_OFTEN.match(chunk):
        return None  # "by 10% each year": how often it changes, not what
    chunk = _LEADING_FILLER.sub("", chunk)
    unit_of = MEASURE_UNIT_OF.match(chunk) if " of " in chunk[:24] else None
    if unit_of is not None:  # "tons of carbon dioxide emissions": what the tons are of is measured
        chunk = chunk[unit_of.end() :]
    joined = _JOINED_VERB.match(chunk)
    if joined is not None:  # "Maintain or increase the percentage of …": the second verb is no metric
        chunk = _LEADING_FILLER.sub("", chunk[joined.end() :])
    first = chunk[: chunk.find(" ") % (len(chunk) + 1)].lower().rstrip(".,;:)")
    if first in _HOW_NOT_WHAT or (first in _NOT_A_METRIC_START and _NOT_A_METRIC.match(chunk)):
        return None
    if first in ("compared", "versus", "vs", "vs.", "relative", "against"):
        return None  # "by 32% compared to FY2018": what it is compared with
    punctuation = (_LIST_PUNCTUATION_CUT if lists else _PUNCTUATION_CUT).search(chunk)
    if punctuation is not None and punctuation.group() == "," and (
        " and " in chunk[punctuation.end() :] or " or " in chunk[punctuation.end() :]
    ) and list_follows(chunk, punctuation.end()):
        punctuation = _LIST_PUNCTUATION_CUT.search(chunk)  # "awareness of Aragon products, DAO events, and …"
    if punctuation is not None:
        chunk = chunk[: punctuation.start()]
    if "age" in chunk:
        aged = _AGED.search(chunk)  # "young people aged 6-18 shape …": whose ages, left out of what is counted
        chunk = chunk[: aged.start()] + chunk[aged.end() :] if aged is not None and aged.start() > 0 else chunk
    written = chunk.strip(" -–—:\"'“”").split()
    words: list[str] = []
    cut_words = _CLAUSE_CUT_WORDS if clause else _CUT_WORDS
    # "proportion of our subjects in the UK upper quartile": a share's qualifiers say which it counts
    if share and not clause:  # "the number of people who engage with libraries": who is counted
        cut_words = cut_words - _RELATIVE_WORDS
    kept = -1  # the index of a word that the population before it keeps ("for each content type")
    limit = 14 if percent or clause else 12 if closed else 8  # a percentage says at length whom it counts
    for index, word in enumerate(written):
        lowered = word.lower()
        if lowered not in _LOOKED_AT:  # an ordinary word: none of the rules below looks at it
            if lowered not in _DROPPED_WORDS:
                words.append(word)
                if len(words) == limit:
                    break
            continue
        ahead = " ".join(written[index + 1 : index + 3]).lower()
        # (and in a count or a share, "across all social media channels" says which are counted)
        # ("send 1+ release through all stages": which releases count; "through food drives" is a means)
        if (word in _QUALIFIER_WORDS or word == "through" or (word == "across" and share)) and (
            _POPULATION_AHEAD.match(ahead)
        ):
            kept = index + 1  # "graduation rate for all ENL and SWD students": which ones are counted
            words.append(word)
            continue
        qualifies = (  # ("revenue per capita against peer systems": what it is compared with)
            (word in _QUALIFIER_WORDS or word == "against") and len(words) > 1 and not clause and not share
            and not _names_a_span(written, index) and not (
                # one place or source says where it is measured: "water intensity at priority sites",
                # "GHG emissions from our own operations" (a second one, or "with"/"for"/"on", ends it)
                (word in _PLACE_WORDS or closed or _participle(words[-1])) and index + 1 < len(written)
                and not _AMOUNT_AHEAD.match(written[index + 1])
                and not any(kept_word.lower() in _QUALIFIER_OR_TO for kept_word in words)
            )
        )
        if index and (word in cut_words or qualifies) and (
            _SUCCESS_CONDITION.match(" ".join(written[index : index + 5]))
            or (word == "with" and words and words[-1].lower().startswith(_SATISFIED))
        ):
            kept = index
        if word == "within" and words and index + 1 < len(written) and _AMOUNT_AHEAD.match(written[index + 1]) and (
            words[-1].lower().endswith("ed") or words[-1].lower() in _IRREGULAR_PARTICIPLES
        ):
            kept = index  # "issues reviewed within 2 working days": when one counts (the amount is elsewhere)
        if word == "by" and words and index + 1 < len(written) and _AGENT_AHEAD.match(ahead) and (
            words[-1].lower().endswith(_DONE_ENDINGS) or words[-1].lower() in _IRREGULAR_PARTICIPLES
        ):
            kept = index  # "transactions accepted by our products", "rate of response by constituents": who does it
        if word == "per" and index + 1 < len(written) and _RATE_BASE.match(written[index + 1]):
            kept = index  # "falls per 1000 occupied bed days", "crimes per 1,000 population": a rate's base
        if word == "per" and index + 1 < len(written) and _PER_THING.fullmatch(written[index + 1]):
            kept = index  # "cost per meal", "spend per patient": a ratio's denominator names the metric
        if closed and word in ("across", "among") and words and index + 1 < len(written) and not any(
            kept_word.lower() in _QUALIFIER_OR_TO for kept_word in words
        ):
            kept = index  # "Cut energy use across our estate by 20%": where, inside the closed stretch
        if index and index != kept and (word in cut_words or qualifies):
            if word == "at" and len(words) > 1 and words[-1].lower() in _STANDING:
                words.pop()
            break
        if index and lowered in ("has", "have") and ahead.startswith("been ") and ahead[5:] in _AIM_SET:
            break
        if index and word in _AND_WORDS and ahead.split(" ", 1)[0] in _CLAUSE_STARTS:
            break  # "extreme poverty and reduce relative poverty", "… record and we will also track": a new clause
        if index and word.lower() in _BOUND_WORDS and _YEAR_AHEAD.match(ahead):
            break  # "water use below 2015 levels": a year's level it is held to, not which use
        if index and word in _QUALIFIER_WORDS and (
            (ahead.startswith(_TIME_AHEAD) and _time_ahead(written, index)) or _YEAR_AHEAD.match(ahead)
        ):
            break  # "users in the first month": a time window, not a qualifier
        if index and word == "from" and _START_AHEAD.search(" ".join(written[index + 1 : index + 4])):
            break  # "NPS from a baseline figure of 30", "… from the current level": where it starts, not which
        if index and lowered in _HOW_OFTEN_WORDS and ahead.split(" ", 1)[0].rstrip("s") in _PERIOD_WORDS:
            break  # "visitors a year to the city centre", "bins are missed each month": how often, not what
        if index and lowered in ("last", "this", "next") and index + 1 < len(written) and (
            written[index + 1].lower().rstrip("s,.;") in _TIME_WORDS_AHEAD
        ):
            break  # "visitors last year", "sales this quarter": when, not what
        if index and word == "based" and ahead.startswith(("on ", "upon ")):
            break  # "features to the product roadmap based on feedback": why, not which
        if index and word == "in" and _IN_A_PHRASE.match(ahead) and not (closed and ahead.startswith("support of")):
            break  # "growth in excess of 10 percent", "in line with SDG 6": a bound or a link, not a place
        if index and word == "to" and _COMPARED_WITH.match(ahead):
            break  # "rate the new design preferable to the old": what it is compared with
        if index and word == "to" and ahead in ("a total", "a minimum", "a maximum", "an average", "a level"):
            break  # "meals served to a total of 200": the level reached
        if index and word == "to" and index + 1 < len(written):
            following = written[index + 1]
            if (following in _PURPOSE_VERBS and not clause) or _AMOUNT_AHEAD.match(following) or (
                following.lower() in _BOUND_WORDS or ahead.lower().startswith(("at least", "at most"))
            ):
                break
        if lowered not in _DROPPED_WORDS:
            words.append(word)
            if len(words) == limit:
                break
    while words and (words[-1].lower() in _TRAILING_SMALL or words[-1] == ","):
        words.pop()
    if words and words[-1].endswith(","):  # a list cut short: "Aragon products, DAO events,"
        words[-1] = words[-1].rstrip(",")
        while words and words[-1].lower() in _TRAILING_SMALL:
            words.pop()
    if not any(char.isalnum() for word in words for char in word):
        return None  # ")" or "–": punctuation is no metric
    return " ".join(words)


# Words before the first number that are the statement's verb or frame, not its metric:
# "Make sure that 70% of …", "There are at least 10 builders", "We want …".
_SUBJECT = re.compile(
    r"^(?:we|i|you|they)(?:'ll|’ll|'re|’re|'m|’m| will| want| aim| need| plan| expect| have| are| am)?"
    r"(?: to)?(?:\s+|$)",
    re.I,
)
_FRAME = re.compile(
    r"^(?:mak(?:e|ing)\s+sure|ensur(?:e|ing)|see|there\s+(?:are|is|will\s+be|should\s+be)|have|get|be|"
    r"target(?:\s+the\s+organisation)?(?:\s+to)?)(?:\s+(?:that|to))?(?:\s+|$)",
    re.I,
)
_CLAUSE_SPLIT = re.compile(r"[,;]\s")
# first words of a frame ("we're", "we'll" and "i'm" as their stems)
_FRAME_STARTS = frozenset("we i you they make making ensure ensuring see there have get be target".split())
# A clause that ends before the number with a verb ("each SAE has 10 SAOs") or "with": the
# thing counted comes after the number.
_ENDS_WITH_VERB = frozenset(
    """
    has have had get gets got with on in at for across reach reaches hit achieve see sees
    receive receives earn earns see includes include contain contains publish ship launch
    host hold run write hire deliver complete close sign win add onboard recruit attract
    conduct create release produce speak present comprise comprises include includes mean means
    represent represents consider considers
    """.split()
)


# More verbs a subject does to a counted thing ("Every portfolio identifies 2 decisions")
_COUNTING_VERBS = frozenset(
    "handle identify avoid resolve support serve process answer review merge mentor train help fix solve "
    "document submit visit use adopt deliver".split()
)
_AUXILIARY_WORDS = frozenset("has have had will would can could should must did does do".split())


_AIM_FOR = re.compile(r"\b(?:target|goal|aim|ambition)s?\s+(?:for|on)\s+", re.I)
_LINK_VERBS = frozenset("is are was were will shall should has have had remains must can to".split())
_HOW_OFTEN_WORDS = frozenset("a an each every per".split())
_PERIOD_WORDS = frozenset("day week fortnight month quarter year annum".split())
_ACRONYM = re.compile(r"[A-Z][A-Z0-9/&-]+s?")  # "NPS ≥ 50", "ARR: …": a measure's short name, no verb
_SPACED_DASH = re.compile(r" [–—-] ")
_TAKES = frozenset("take takes took last lasts lasted".split())
_MADE_STATES = frozenset("available accessible possible visible ready free open public".split())
_LABEL_WORDS = frozenset("goal goals target targets aim aims objective kpi kr metric measure".split())
# a line's role named alone before its colon: "Key result: 30 contributors …", "Outcome: 20 case
# studies added", "Milestone: 3 pilot sites live" (the measure follows the number)
_ROLE_WORDS = _LABEL_WORDS | frozenset("result outcome milestone deliverable indicator".split())
# verbs that give something to the people counted: "provide meals to", "deliver training to"
_GIVING_VERBS = frozenset(
    "provide provides providing deliver delivers delivering offer offers offering give gives giving serve serves "
    "serving supply supplies supplying distribute distributes "
    "distributing".split()
)
_LEVEL_VERBS = frozenset("be remain stay reach hit exceed achieve hold keep stand".split())
_AIM_NOUNS = frozenset("target targets ambition ambitions goal goals aim aims objective minimum maximum".split())
# "an average of 8,000 user sessions", "a total of 40 events": what is counted follows the number
_LEVEL_OF_NOUNS = _AIM_NOUNS | frozenset("average total mean median".split())
_ACTION_ENDINGS = ("ment", "tion", "sion", "ance", "ence", "ing")


def _ends_with_a_verb(words: list[str], not_metric_words: frozenset[str]) -> bool:
    """Does the clause before a number end with its subject's verb: "Every OCTO Portfolio identifies",
    "OCTO has helped resolve/support", "Peerpad handles"? Then the number counts what follows."""
    if len(words) < 2:
        return False
    if any(word.lower() in _AUXILIARY_WORDS for word in words[-3:-1]):
        return True
    last = words[-1].lower().split("/")[0]
    verbs = _ENDS_WITH_VERB | _COUNTING_VERBS | not_metric_words
    if last.endswith("ies"):
        stems: tuple[str, ...] = (last[:-3] + "y",)
    elif last.endswith("ing"):  # "committed to making 20,000 housing units safe", "include getting 60%"
        if words[-2].lower() in _GERUND_BEFORE:
            return True  # "setting our sights on feeding 3 million children": a gerund after a preposition acts
        stems = (last[:-3], last[:-3] + "e", last[:-4] if last[-4:-3] == last[-5:-4] else last[:-3])
    elif last.endswith(("s", "ed")):
        stems = (last[:-1], last[:-2])
    else:
        return False
    return any(stem in verbs for stem in stems)


# "X will be within 13 minutes", "X should be under 20 seconds", "X is to amount to a minimum of 14
# percent", "X not exceeding 4.5 times EBITDA": the subject of a level is what is measured
_LEVEL_TAIL = re.compile(
    r"\s(?:(?:will|should|must|shall|would|can)\s+(?:[a-z]+ly\s+)?(?:not\s+)?(?:be|remain|stay|exceed|range|amount\s+to|"
    r"equal|total|average)|(?:is|are)\s+to\s+(?:be|amount\s+to|remain|stay)"
    r"|not\s+(?:exceeding|to\s+exceed|above|over))"
    r"(?:\s+(?:within|under|below|over|above|at|from|between|(?:an?\s+)?(?:minimum|maximum)\s+of))?$",
    re.I,
)
_COUNTED_AFTER = re.compile(r"\S+[ \t]+[a-z]")  # an amount, then a word of what it counts
_GERUND_BEFORE = frozenset("on at to towards toward about".split())
_MODALS = frozenset("will would should must shall can could".split())
_PRONOUNS = frozenset("we i you they it this that there".split())


def _subject_of_a_level(words: list[str]) -> str | None:
    """The subject of "will be" (or "should be", "is to be", "not exceeding") before a level."""
    text = " ".join(words)
    tail = _LEVEL_TAIL.search(text) if len(words) >= 3 else None
    if tail is None or not tail.start() or text.split(None, 1)[0].lower() in _PRONOUNS:
        return None
    return phrase(text[: tail.start()], 0, _MAX_CHUNK)


def before_number(text: str, start: int, stop: int, not_metric_words: frozenset[str]) -> str | None:
    """The metric written before the first number: "YTD Closed Won ACV: $650K"."""
    before = text[max(start, stop - _MAX_CHUNK) : stop]
    head, colon, tail = before.rpartition(":")
    named = bool(colon) and not tail.strip()  # "Name (note): 45%": the whole name is the metric
    before = tail if not named else head.rsplit(":", 1)[-1]
    label = before.split() if named else ()
    if len(label) == 2 and label[0].lower() in ("the", "our", "its", "their", "my", "key", "main", "overall"):
        label = label[1:]  # ("The goal: 100 new electric buses", "Our target: …")
    if len(label) == 1 and label[0].lower() in _ROLE_WORDS:
        return None  # "Goal: <5% of …": a label, the measure follows the number
    if "(" in before:
        before = _ASIDE.sub(" ", before)
    if not named and (" – " in before or " - " in before or " — " in before):
        parts = _SPACED_DASH.split(before)
        label = parts[0].split()
        if len(parts) > 1 and 0 < len(label) <= 3 and label[-1].lower() in _LABEL_WORDS:
            before = " ".join(parts[1:])  # "Key metric – Net Promoter Score of 50+": a label, then the name
    # only the clause the number is in: "…, and send 1+ releases", "…, shipping at least 4 posts"
    if not named and ("," in before or ";" in before):
        before = _CLAUSE_SPLIT.split(before)[-1]
    words = before.split()
    if words and words[0].lower().replace("’", "'").split("'")[0] in _FRAME_STARTS:
        words = _FRAME.sub("", _SUBJECT.sub("", " ".join(words), count=1), count=1).split()
    if "and" in words or "&" in words:
        joined = [
            i for i, word in enumerate(words[:-1])
            if word.lower() in ("and", "&") and words[i + 1].lower() in not_metric_words
        ]
        if joined:  # "Automate interview training and ensure that 100% …": the last verb's clause
            words = _FRAME.sub("", " ".join(words[joined[-1] + 1 :]), count=1).split()
    if len(words) >= 2 and words[-1].lower() in _TAKES and not named:
        # "Upgrades take less than 30 minutes": what takes the time is measured
        return phrase(" ".join(words[:-1]), 0, _MAX_CHUNK)
    if len(words) >= 3 and words[-1].lower() == "at" and words[-2].lower() in _STANDING:
        # "retention curve flattening at 20%", "churn standing at 4%": what stands at the level
        return phrase(" ".join(words[:-2]), 0, _MAX_CHUNK)
    subject_of = _subject_of_a_level(words) if not named else None
    if subject_of is not None:  # "The average attendance time … will be within 13 minutes"
        return subject_of
    if not named and len(words) >= 4 and words[-1].lower() == "by" and words[-3].lower() in _MODALS:
        # "The number of internet users will increas by 10%": a subject, a modal, any verb, "by"
        named_subject = phrase(" ".join(words[:-3]), 0, _MAX_CHUNK)
        if named_subject and named_subject.split()[0].lower() not in _PRONOUNS:
            return named_subject
    if words and (words[-1].lower() in _ENDS_WITH_VERB or (not named and _ends_with_a_verb(words, not_metric_words))):
        return None
    if len(words) >= 2 and words[-1].lower() == "by" and words[-2].lower().endswith(("ed", "en")) and not named:
        return None  # "They will be supported by 150,000 volunteers": who does it follows the number
    aimed = None
    if not named and len(words) >= 4:
        lowered = before.lower()
        if "target" in lowered or "goal" in lowered or "aim" in lowered or "ambition" in lowered:
            aimed = _AIM_FOR.search(" ".join(words))
    if aimed is not None:  # "the target for the EBITA margin changed to a minimum of 12%": what the aim is for
        after_aim = " ".join(words)[aimed.end() :].split()
        cut = next(
            (i for i, word in enumerate(after_aim) if word.lower() in _LINK_VERBS or (i and word.endswith("ed"))),
            len(after_aim),
        )
        aimed_at = phrase(" ".join(after_aim[:cut]), 0, _MAX_CHUNK) if cut else None
        if aimed_at and aimed_at[0].isalpha():  # (not "the target for 2022/23 is …": a time)
            return aimed_at
    if len(words) >= 2 and words[-1].lower() in ("is", "are", "was") and any(
        word.lower() in _AIM_NOUNS for word in words[:-1]
    ):
        return None  # "The trust target is no more than 3.35 falls per …": what the aim counts follows it
    if words and words[-1].lower() in ("that", "a", "an"):
        return None  # "… indicates that 75% feel …", "Inspire a one million-strong movement": what follows is counted
    if len(words) >= 2 and words[-2].lower() == "to" and not named and words[-1].lower() not in _LEVEL_VERBS:
        # "… architecture to unify at least 3 key data sources": the verb's object is counted (but
        # "we want the share of repairs on time to be no less than 95%" names its level)
        return None
    if len(words) >= 2 and words[-1].lower() == "of" and (
        words[-2].lower() in _LEVEL_OF_NOUNS or words[-2].lower().endswith(_ACTION_ENDINGS)
    ):
        return None  # "a national target of 65% of people …", "the replacement of 500,000 lead lines"
    if not named and len(words) >= 3 and words[-1] == "to" and any(w.lower() in _GIVING_VERBS for w in words[:-2]):
        return None  # "provide meals to 3 million children": whom it reaches is counted, after the number
    if len(words) == 2 and words[1] == "to" and not colon and (words[0].islower() or len(before.split()) == 2):
        return None  # "scale to $100k worth of …", "Respond to 95% of …": a verb and its "to"; the thing follows
    if words and words[0].lower() == "to":
        words = words[1:]  # "One-year Target: To exceed 84% of respondents …": an aim as an infinitive
        if words and words[0].lower() in not_metric_words:
            words = words[1:]
            if not words:
                return None
    # "Sell 3 million GBP of renewals": a lone word before the number is its verb
    lone_verb = len(words) == 1 and not colon and not _ACRONYM.fullmatch(words[0])
    if len(words) == 3 and words[1].lower() in ("and", "or", "&") and not colon and words[0][:1].isupper() and (
        words[0].isalpha() and words[2].isalpha() and words[2].islower() and _COUNTED_AFTER.match(text, stop)
    ):
        return None  # "Amplify and celebrate 10 community stories": two verbs opening the statement, the thing follows
    if words and (words[0].lower() in not_metric_words or lone_verb):
        words = words[1:]
        if words and all(word.lower() in _MADE_STATES for word in words):
            words = []  # "make available 80 per cent of government services online": the share's clause says what
        if words and words[0].lower() in ("and", "or", "&") and len(words) <= 2:
            words = []  # "Identify and solve 2 bottlenecks": two verbs, the metric follows
    return phrase(" ".join(words), 0, _MAX_CHUNK, lists=named) if words else None


# The auxiliaries and pronouns between a subject and its verb: "satisfaction scores have risen"
_SUBJECT_TAIL = frozenset(
    "has have had will would should must shall is are was were be been being also further then "
    "continue continues to significantly steadily substantially successfully measurably noticeably "
    "dramatically considerably materially meaningfully drastically sharply greatly rapidly quickly "
    "gradually consistently".split()
)


_SEE_FRAME = re.compile(
    r"\b(?:(?:wants?|expects?|hopes?|aims?|would[ \t]+like)[ \t]+(?:to[ \t]+see[ \t]+)?|sees?[ \t]+)", re.I
)
_NEW_SUBJECT = re.compile(r", (?=(?:the|our|a|an|this|its|their|each|every|all) )", re.I)


def subject(text: str, start: int, verb_start: int, *, closed: bool = False) -> str | None:
    """The metric as the verb's subject: "IACV doubles year over year", "cloud spend reduced"
    (`closed`: the verb changes it by an amount, "Overall crime on the network will be reduced by 15%")."""
    segment = text[max(start, verb_start - _MAX_CHUNK) : verb_start]
    if "see" in segment or "want" in segment or "expect" in segment:
        frame = max(_SEE_FRAME.finditer(segment), key=lambda m: m.start(), default=None)
        if frame is not None:  # "the trust wants to see waiting lists fall": what is seen to change
            segment = segment[frame.end() :]
    clause = max(_NEW_SUBJECT.finditer(segment), key=lambda m: m.start(), default=None)
    words = segment[clause.end() :].split() if clause else segment.split()  # "…year-to-year basis, the rate will"
    while words and words[-1].lower() in _SUBJECT_TAIL:
        words.pop()
    if not words or words[0].lower() in ("we", "i", "you", "they"):
        return None
    return phrase(" ".join(words[-16:]), 0, _MAX_CHUNK, closed=closed)
