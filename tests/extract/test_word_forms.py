"""phrases: word families expand a lemma to every inflection of its part of speech."""

from pipeline.extract.inflection import word_forms


def test_a_lemma_gives_every_inflection_of_its_part_of_speech():
    assert set(word_forms("accede", "VERB")) == {"accede", "accedes", "acceded", "acceding"}
    assert "rules" in word_forms("rule", "VERB") and "ruling" in word_forms("rule", "VERB")
    assert set(word_forms("row", "NOUN")) == {"row", "rows"}  # not 'rowed': the noun only


def test_a_phrase_inflects_the_words_the_lexicon_knows_and_keeps_the_others():
    assert "consulates general" in word_forms("consulate general", "NOUN")
    assert set(word_forms("belong to", "VERB")) == {"belong to", "belongs to", "belonged to", "belonging to"}
    assert word_forms("chargé d'affaires") == ("chargé d'affaires",)
