"""Reading running text the same way in every fact extractor: which units to read, and which countries a phrase names.

Missions, envoys, agreements, disputes and funding are stated in sentences
and in list items alike, and the texts name a country three ways: by name
('the Russian Federation'), by possessive ('Russia's ambassador') and by
demonym ('the Canadian ambassador'). Reading these once, here, keeps the
extractors agreeing with each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.documents.model import BulletList, Document, Sentence
from pipeline.extract.base import Subject
from pipeline.resolve.countries import (
    Country,
    CountryMention,
    find_countries,
    find_multiword_demonyms,
    resolve_country,
    resolve_demonym,
)
from pipeline.text import per_document

# Sections that hold links to other articles, not statements.
_LINK_SECTIONS = r"^(?:see also|external links|references|further reading|notes)$"
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# 'North American', 'Latin American': a demonym inside a longer proper name is not the country's.
_INSIDE_A_NAME = re.compile(r"\b(?!(?:The|A|An)\b)[A-Z][\w.]*\s+$")
_POSSESSIVE = re.compile(r"['’]s?$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def prose_units(document: Document, skip: Iterable[BulletList] = ()) -> list[Sentence]:
    """Every sentence of every paragraph and every list item (one unit each), in raw-line order.

    Lists in link sections ('See also') and the lists in `skip` (read elsewhere
    by the caller) are left out.
    """
    skipped = {id(b) for b in skip}
    key = ("prose_units", frozenset(skipped))
    memo = document.memo()
    if key not in memo:
        memo[key] = tuple(_prose_units(document, skipped))
    return list(memo[key])


def _prose_units(document: Document, skipped: set[int]) -> list[Sentence]:
    link_sections = document.sections_matching(_LINK_SECTIONS)
    units = [sentence for _, sentence in document.sentences()]
    for bullet_list in document.lists:
        if id(bullet_list) in skipped or any(document.within(s, bullet_list.section) for s in link_sections):
            continue
        units.extend(Sentence(item.text, item.line) for item in bullet_list.items)
    return sorted(units, key=lambda unit: unit.line)


def sentences_in(document: Document, heading_pattern: str) -> list[Sentence]:
    """The sentences and list items of every section whose heading matches, subsections included."""
    key = ("sentences_in", heading_pattern)
    memo = document.memo()
    if key not in memo:
        memo[key] = tuple(_sentences_in(document, heading_pattern))
    return list(memo[key])


def _sentences_in(document: Document, heading_pattern: str) -> list[Sentence]:
    sections = document.sections_matching(heading_pattern)
    units = []
    for paragraph, sentence in document.sentences():
        if any(document.within(s, paragraph.section) for s in sections):
            units.append(sentence)
    for bullet_list in document.lists:
        if any(document.within(s, bullet_list.section) for s in sections):
            units.extend(Sentence(item.text, item.line) for item in bullet_list.items)
    return sorted(units, key=lambda unit: unit.line)


def countries_named(text: str) -> list[CountryMention]:
    """Countries named in `text` by name or by demonym ('Canadian', 'Americans'), left to right, never overlapping."""
    return list(_countries_named(text))


@per_document
def _countries_named(text: str) -> tuple[CountryMention, ...]:
    mentions = find_countries(text)
    taken = [(m.start, m.end) for m in mentions]
    for mention in find_multiword_demonyms(text):
        if not any(start < mention.end and mention.start < end for start, end in taken):
            taken.append((mention.start, mention.end))
            if mention.country is not None:
                mentions.append(mention)
    for word in _CAPITALISED_WORD.finditer(text):
        if any(start <= word.start() < end for start, end in taken) or _INSIDE_A_NAME.search(text[: word.start()]):
            continue
        country = resolve_demonym(word.group())
        if country is not None:
            mentions.append(CountryMention(country, word.start(), word.end(), word.group()))
    return tuple(sorted(mentions, key=lambda m: m.start))


def country_in_phrase(phrase: str | None) -> Country | None:
    """The country a short phrase stands for: 'the Russian Federation', "Russia's", 'Canadian', 'The U.S.'."""
    if not phrase:
        return None
    cleaned = _POSSESSIVE.sub("", _ARTICLE.sub("", phrase.strip()))
    country = resolve_country(cleaned) or resolve_demonym(cleaned)
    if country is not None:
        return country
    named = countries_named(cleaned)
    return named[-1].country if named else None


def other_subject_country(subject: Subject, country: Country | None) -> Country | None:
    """In a document about two countries, the one that is not `country`; otherwise None."""
    codes = [c.code for c in subject.countries]
    if country is None or len(codes) != 2 or country.code not in codes:
        return None
    return subject.countries[1 - codes.index(country.code)]
