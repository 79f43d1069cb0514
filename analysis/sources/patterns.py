"""Regular expressions of the grammar of attribution, built from the lexicon.

The patterns hold no names, only grammar: a reporting verb after a name
("X says", "X, a therapist, notes") or before it with no subject ("..., wrote
X"), "according to X", a name after a quotation ("” – X", "” (X)"), role
pre-modifiers ("dating coach X"), apposition (", a psychologist,"), venues
("told X", "in an interview with X"), works ("on her blog X", "in his book
X"), studies ("research conducted by X", "a study from X University",
"researchers at X") and pronouns that carry a named source ("she adds").

Examples
--------
>>> p = compiled_patterns()
>>> bool(p.right_verb.match(", a family therapist, explains that"))
True
>>> p.left_inverted.search('”, says ').group("verb")
'says'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import config
from .lexicon import INITIAL, NAME_RUN, PARTICLE, TITLE_RUN, WORD, Lexicon, load_lexicon

_ADVERBS = (r"(?:(?:also|further|once|has|have|had|recently|then|even|previously|famously|often|"
            r"rightly|simply|clearly|later|repeatedly|always|goes on to|went on to|likes to|"
            r"is quick to|was quick to|perhaps|best|aptly|wisely|memorably|succinctly|"
            r"who|which)\s+)*")
_MODIFIERS = r"(?P<pre>(?:[\w'’-]+\s+){0,3}?%s)"
_WORKS = (r"(?:blog|podcast|website|site|column|newsletter|book|article|essay|paper|show|channel|"
          r"TED talk|talk|memoir|bestseller|best-seller|video|series|course|workbook|guide)")
_VENUE_VERBS = (r"(?:told|tells|telling|said to|says to|explained to|explains to|speaking (?:to|with)|"
                r"spoke (?:to|with)|in an interview (?:with|for)|interviewed by|writing (?:in|for)|"
                r"wrote (?:in|for)|writes (?:in|for)|quoted (?:in|by)|(?:said|says|explained|explains|"
                r"wrote|writes|noted|notes) (?:in|on|for|during) (?:an? |the )?(?:interview|episode|"
                r"article|piece|post|video|talk|column|op-ed|essay) (?:with|for|on|in|by))")
_STUDY_NOUNS = (r"(?:study|studies|survey|surveys|research|report|poll|analysis|paper|experiment|"
                r"experiments|findings|data|review|trial|investigation|work)")


@dataclass(frozen=True)
class Patterns:
    """Compiled attribution patterns (see the module docstring)."""

    lex: Lexicon
    person: re.Pattern
    right_verb: re.Pattern
    right_appos: re.Pattern
    right_copula: re.Pattern
    right_work: re.Pattern
    left_inverted: re.Pattern
    left_according: re.Pattern
    left_dash: re.Pattern
    left_role: re.Pattern
    left_example: re.Pattern
    venue: re.Pattern
    work: re.Pattern
    study_by: re.Pattern
    published_in: re.Pattern
    adj_study: re.Pattern
    pronoun: re.Pattern
    role_word: re.Pattern
    org: re.Pattern
    example_cue: re.Pattern


def _person(lex: Lexicon) -> re.Pattern:
    word = rf"(?:{INITIAL}|(?!{lex.title_re}\s){WORD})"
    run = rf"{word}(?:\s+(?:{PARTICLE}\s+)*{word})*"
    assert NAME_RUN  # the shared definition; here titles are kept out of the run
    return re.compile(rf"(?:(?P<title>{lex.title_re})\s+)?(?P<name>{run})"
                      rf"(?P<post>(?:,?\s+{lex.postnominal_re})+)?")


def _build(lex: Lexicon) -> Patterns:
    verb, role = lex.verb_re, lex.role_re
    pre = _MODIFIERS % role
    return Patterns(
        lex=lex,
        person=_person(lex),
        right_verb=re.compile(rf"^(?:\s+(?:of|at|from)\s+(?:the\s+)?(?P<aff>{TITLE_RUN}))?"
                              rf"(?:\s*\((?P<paren0>[^()]{{1,60}})\))?"
                              rf"\s*(?:,\s*(?P<app>[^,;:\"()]{{1,100}}?)\s*,|,)?\s*"
                              rf"(?:\((?P<paren>[^()]{{1,60}})\)\s*)?{_ADVERBS}(?P<verb>{verb})\b", re.I),
        right_appos=re.compile(rf"^\s*(?:,|\()\s*(?P<app>[^,;:\"()]{{1,100}}?)\s*(?:[,;:.)]|$)"),
        right_copula=re.compile(r"^\s+(?:is|was|has been|works as)\s+(?P<app>(?:a|an|the)\s+[^,;:.\"()]{1,80})"),
        right_work=re.compile(r"^['’]s?\s+(?:(?:new|latest|recent|own|\d{4}|popular|bestselling|"
                              r"best-selling|groundbreaking|famous|landmark|seminal|early|later)\s+)*"
                              r"(?:book|books|research|work|study|studies|findings|article|podcast|"
                              r"theory|theories|blog|survey|data|advice|model|framework|lab|team|"
                              r"writing|talk|experiments?)\b", re.I),
        left_inverted=re.compile(rf"(?:^|[\",;:–—]\s*)(?P<verb>{verb})\s+(?:the\s+)?(?:{pre}\s+)?$", re.I),
        left_according=re.compile(rf"\b(?:according to|in the words of|per|quoting|citing|cites|"
                                  rf"as (?:noted|described|explained|put|argued|suggested) by|via)\s+"
                                  rf"(?:the\s+)?(?:{pre}\s+)?$", re.I),
        left_dash=re.compile(rf"[\"”)]\s*[.,]?\s*(?:[–—-]+|\()\s*(?:{pre}\s*,?\s+)?$", re.I),
        left_role=re.compile(rf"{pre}\s*,?\s+$", re.I),
        left_example=re.compile(r"(?:\b(?:my|our|your|his|her|their)\s+(?:[\w'’-]+\s+){0,2}|"
                                r"\b(?:when|if|whenever|until|unless|suppose|imagine)\s+|"
                                r"\b(?:named|called|call (?:him|her)|say|like|let's say|"
                                r"for example|for instance|e\.g\.),?\s+)$", re.I),
        venue=re.compile(rf"\b(?i:{_VENUE_VERBS}\s+(?:the\s+)?)(?P<name>{TITLE_RUN})"),
        work=re.compile(rf"\b(?i:(?:in|on|from|via|at)\s+(?:(?:his|her|their|the|a|an|its|one)\s+)?"
                        rf"(?:(?:new|latest|recent|popular|bestselling|best-selling|\d{{4}}|own|"
                        rf"famous|classic)\s+)*(?P<work>{_WORKS})\s*,?\s*(?:(?:called|titled|entitled|"
                        rf"named)\s+)?)(?P<name>\"[^\"]{{2,80}}\"|\*[^*]{{2,80}}\*|_[^_]{{2,80}}_|{TITLE_RUN})"),
        study_by=re.compile(rf"\b(?i:(?:{_STUDY_NOUNS}\s+(?:(?:conducted|published|carried out|led|run|"
                            rf"funded|released|done|commissioned|authored|co-authored|performed|"
                            rf"presented)\s+)?(?:by|from|at|of)|(?:researchers|scientists|"
                            rf"psychologists|experts|a team|professors?)\s+(?:at|from|with))\s+"
                            rf"(?:(?:researchers|scientists|a team|experts|psychologists)\s+"
                            rf"(?:at|from)\s+)?(?:the\s+)?)(?P<name>{TITLE_RUN})"),
        published_in=re.compile(rf"\b(?:(?i:(?:published|appeared|appearing|publishing)\s+(?:(?:their|his|her|its|the|"
                                rf"these)\s+(?:findings|results|study|research|paper|work|data)\s+)?"
                                rf"(?:in|by|on)\s+(?:the\s+)?(?:(?:journal|magazine|website|site|blog)\s+)?)|"
                                rf"(?:the\s+)?(?:journal|magazine)\s+)(?P<name>{TITLE_RUN})"),
        adj_study=re.compile(rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne|recent|new|\d{{4}})\s+(?:\d{{4}}\s+)?"
                             rf"(?P<name>{TITLE_RUN})\s+(?:study|survey|report|poll|researchers?|"
                             rf"scientists|analysis|experiment|data)\b"),
        pronoun=re.compile(rf"(?:^|[,;:\"]\s*|\b(?:but|and|yet|so|here|now|instead|still|also|"
                           rf"however|similarly|again)\s*,?\s+)(?P<pro>he|she)\b"
                           rf"(?:\s*,\s*[^,\"]{{1,80}}?,)?\s+{_ADVERBS}(?P<verb>{verb})\b", re.I),
        role_word=re.compile(rf"\b{role}s?\b", re.I),
        org=_org(lex),
        example_cue=re.compile(rf"\b(?:{'|'.join(re.escape(c) for c in lex.example_cues)})\b", re.I),
    )


def _org(lex: Lexicon) -> re.Pattern:
    """A name headed by a cue word: "[Cap words] Cue [of|for|on Cap words]"."""
    cue = "|".join(re.escape(w) for w in sorted(lex.cues, key=lambda w: (-len(w), w)))
    tail = rf"(?:\s+(?:of|for|on|in)\s+(?:the\s+)?{WORD}(?:\s+(?:and\s+|&\s+)?{WORD})*)?"
    return re.compile(rf"(?P<name>(?:{WORD}(?:['’]s)?\s+)*(?:{cue})(?![\w-]){tail})")


@lru_cache(maxsize=4)
def compiled_patterns(folder: str = str(config.SOURCES_LEXICON_DIR)) -> Patterns:
    """The compiled patterns for the lexicon in ``folder`` (cached)."""
    return _build(load_lexicon(folder))
