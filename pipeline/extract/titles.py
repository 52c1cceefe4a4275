"""Titles of heads of mission, read the same way in infoboxes, tables and prose.

A title says who sends whom, in any of these shapes:

- 'Ambassador of Canada to Russia', 'High Commissioner of Ghana to Canada' (of X to Y);
- 'the Canadian ambassador to Russia', "Russia's ambassador to Canada" (a demonym or a possessive before the role);
- "its High Commissioner to Ghana" (the possessive pronoun stands for the clause's subject, read by the caller);
- "Peru's ambassador in Ottawa", "Canada's first ambassador" (a city or nothing after the role: the other side is
  the document's other country, decided by the caller);
- 'Canada's first envoy to the European Free Trade Association', "Canada's Ambassador to the European Union" (the
  receiver is not a country: it stays null, and is not replaced by the document's other country).

`TITLE` finds titles in prose; `read_title` reads one title as written (an infobox 'Envoytitle1' value, a table
cell). The role is lower case and singular ('High Commissioners' -> 'high commissioner'), with 'acting' or
'interim' kept ('acting high commissioner').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.prose import country_in_phrase
from pipeline.resolve.countries import Country, resolve_country

# The offices that head a mission. A minister heads one (a legation) only when posted somewhere and sent by a
# country ("Canada's first minister to Brazil", "Norway's minister in London"); in prose a minister is far more often
# a member of a government ('the Foreign Minister', 'the Prime Minister in London'), see is_head_of_mission.
ROLE = (
    r"(?i:ambassadors?|high\s+commissioners?|consuls?[-\s]general|consuls?|envoys?|charg[ée]s?\s+d['’]affaires"
    r"(?:\s+a\.\s?i\.)?|permanent\s+representatives?|commissioners?[-\s]general|ministers?(?=\s+(?:to|in)\s+[A-Z]))"
)
# A role word anywhere in a text. Every alternative of ROLE starts with one of these letters, in either case; at any
# other character the lookahead fails at once, where the engine would try each case-insensitive alternative: about
# 3x faster on a sentence (tests/extract/test_titles.py checks the letters against ROLE).
ROLE_STARTS = "aAcCeEhHmMpP"
ROLE_WORD = re.compile(rf"(?=[{ROLE_STARTS}]){ROLE}")
# Words that may stand between the sender and the role: "Canada's first ambassador", 'the acting high commissioner'.
_QUALIFIER = r"(?i:first|new|former|acting|interim|current|then|last|next|resident|non-resident|special|sole)"
# A role right after one of these is not the head of a mission ('deputy ambassador', 'vice-consul').
_NOT_HEAD = re.compile(r"(?i:\b(?:deputy|assistant|vice|goodwill))[\s-]+$")
# ... nor one 'for' a cause ('High Commissioner for Refugees', 'Ambassador for Arctic Affairs').
_FOR_A_CAUSE = re.compile(r"\s+for\b", re.IGNORECASE)
# ... nor one whose holder belongs to an office ("the Prime Minister's special envoy").
_OFFICE_OWNER = re.compile(r"(?i:\b(?:minister|president|secretary|governor|chancellor|premier)\b)")
_CAPITALISED = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’.-]*)"
# 'the Russian Federation', 'the Republic of Korea', 'Bosnia and Herzegovina', 'both Canada and Quebec'.
_COUNTRY_WORDS = rf"(?:(?:the|both)\s+)?{_CAPITALISED}(?:\s+(?:(?:of|and|the)\s+)*{_CAPITALISED})*"
TITLE = re.compile(
    rf"(?:(?P<by>{_CAPITALISED}(?:\s+{_CAPITALISED})*?)['’]s\s+"
    rf"|(?P<demonym>{_CAPITALISED}(?:\s+{_CAPITALISED})*?)\s+"
    rf"|(?P<its>\b(?i:its|their))\s+)?"
    rf"(?P<qualifiers>(?:{_QUALIFIER}\s+)*)(?P<role>{ROLE})\b"
    rf"(?:\s+(?i:extraordinary)(?:\s+(?i:and\s+plenipotentiary))?)?"
    rf"(?:\s+of\s+(?P<of>{_COUNTRY_WORDS}))?"
    rf"(?:\s+(?P<preposition>to|in|at)\s+(?P<to>{_COUNTRY_WORDS}))?"
)


@dataclass
class Title:
    """A title as read: the role, whichever countries it names, and what it leaves to the caller.

    `receiver_named` is True when the title names a receiver that is not a country ('to the European Union'):
    the caller must then leave the receiver null rather than take the document's other country.
    `its` is True when the sender is a possessive pronoun ('its ambassador'), to be read from the clause.
    """

    text: str
    role: str
    sender: Country | None
    receiver: Country | None
    receiver_named: bool = False
    its: bool = False
    former: bool = False


def read_title(text: str) -> Title | None:
    """'Ambassador of Canada to Russia' -> ambassador, CAN, RUS; a bare 'Ambassador' keeps its role only."""
    match = TITLE.search(text)
    if match:
        return title_from_match(match)
    return None


def title_from_match(match: re.Match) -> Title:
    """The Title a TITLE match states."""
    sender = next((c for c in map(country_in_phrase, match.group("of", "by", "demonym")) if c is not None), None)
    receiver, named = None, False
    if match.group("to") and match.group("preposition") == "to":
        receiver = country_in_phrase(match.group("to"))
        named = receiver is None
    qualifiers = match.group("qualifiers").casefold().split()
    role = normal_role(" ".join(q for q in qualifiers if q in ("acting", "interim")) + " " + match.group("role"))
    text = match.group().strip().rstrip(".,")
    return Title(text, role, sender, receiver, named, its=bool(match.group("its")), former="former" in qualifiers)


def is_head_of_mission(text: str, match: re.Match) -> bool:
    """False for 'deputy ambassador', "the Prime Minister's special envoy", 'Commissioner-General of UNRWA' (an
    office 'of' something that is not a country) and 'High Commissioner for Refugees': not a state's head of mission."""
    if _OFFICE_OWNER.search(match.group("by") or ""):
        return False
    if match.group("role").casefold().startswith("minister") and not _sent_by_a_country(match):
        return False
    if match.group("of") and country_in_phrase(match.group("of")) is None:
        return False
    if _FOR_A_CAUSE.match(text, match.end()):
        return False
    return not (_NOT_HEAD.search(text[: match.start()]) or _NOT_HEAD.search(text[: match.start("role")]))


def _sent_by_a_country(match: re.Match) -> bool:
    """The words before the role are the sender and nothing else ("Canada's", 'the Canadian'), so that "Canada's
    Foreign Minister" is no head of mission."""
    by, demonym = match.group("by", "demonym")
    if by:
        return resolve_country(by) is not None
    return bool(demonym) and "'s" not in demonym and "’s" not in demonym and country_in_phrase(demonym) is not None


def normal_role(words: str) -> str:
    """'Consuls-General' -> 'consul general': lower case, single spaces, singular."""
    role = re.sub(r"[\s-]+", " ", words.casefold()).strip()
    role = re.sub(r"\b(ambassador|commissioner|consul|envoy|representative|minister)s\b", r"\1", role)
    return re.sub(r"\bchargés\b", "chargé", role)
