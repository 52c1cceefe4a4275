"""schemas/DATA_DICTIONARY.md is generated from the models, complete, and never stale."""

from schemas import TABLES
from schemas.dictionary import DICTIONARY_PATH, dictionary, main


def test_the_committed_dictionary_is_what_the_models_say():
    assert DICTIONARY_PATH.read_text(encoding="utf-8") == dictionary(), "run `.venv/bin/python -m schemas.dictionary`"
    assert main(["--check"]) == 0


def test_every_table_and_column_is_described_with_its_key_and_rules():
    text = dictionary()
    for spec in TABLES:
        assert f"### {spec.name}\n" in text
        for column in spec.columns:
            assert f"| `{column}` |" in text, (spec.name, column)
    assert "Key: `country_code`, `org_id`, `source_id`, `line`." in text
    assert "| `since_precision` | string | yes | `day`, `month`, `year` | day, month or year. |" in text
    assert (
        "References: `country_code` → `countries.country_code`, `org_id` → `organizations.org_id`, `source_id` → "
        "`sources.source_id`." in text
    )
    assert "**Dates with their precision.**" in text and "**Never drop silently.**" in text


def test_a_stale_dictionary_is_reported(tmp_path, monkeypatch, capsys):
    import schemas.dictionary as module

    stale = tmp_path / "DATA_DICTIONARY.md"
    stale.write_text(dictionary().replace("Canonical English name.", "An old description."), encoding="utf-8")
    monkeypatch.setattr(module, "DICTIONARY_PATH", stale)
    assert module.main(["--check"]) == 1
    assert "is stale" in capsys.readouterr().err
