"""Words by lemma: the one place a lemma becomes its written forms."""

import pytest

from pipeline.extract.inflection import PAST_FORMS, inflections, lemmas, longest_first
from pipeline.extract.phrases import noun_forms, verb_forms


def test_inflections_expand_a_lemma_to_every_form():
    assert set(inflections("accede")) == {"accede", "accedes", "acceded", "acceding"}
    taken = {"take part", "took part", "taken part", "taking part", "takes part"}
    assert taken <= set(inflections("take part"))
    assert set(inflections("founding member", "NOUN")) == {"founding member", "founding members"}
    assert "co-founded" in inflections("co-found")
    assert inflections("ally", "NOUN")[0] == "ally"  # the lemma first
    with pytest.raises(ValueError):
        inflections("ally", "ADJ")


def test_only_the_forms_asked_for_and_a_regular_participle():
    assert set(inflections("establish", "VERB", PAST_FORMS)) == {"established"}  # no base form, no gerund
    assert set(inflections("re-establish", "VERB", PAST_FORMS)) == {"re-established"}
    assert verb_forms("serve as")[0] == "serving as"  # longest first, for alternations
    assert set(noun_forms("agency")) == {"agency", "agencies"}
    assert longest_first(["a", "abc", "ab", "abc"]) == ("abc", "ab", "a")


def test_lemmas_tell_word_classes():
    assert lemmas("met") == {"VERB": ("meet",)}
    assert "ADJ" in lemmas("full")
    assert lemmas("Germany") == {} or "VERB" not in lemmas("Germany")
