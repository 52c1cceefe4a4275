"""CI's guard: rebuilding from raw/ gives exactly the latest committed release."""

import hashlib
import json

import pytest

from pipeline.build import validated_tables
from pipeline.publish.parquet import parquet_bytes
from pipeline.release.releases import CHECKSUMS, latest_release, plan_release, verify_release
from schemas import TABLES
from tests.conftest import PROJECT_ROOT

RELEASES = PROJECT_ROOT / "outputs" / "releases"
HOW_TO_CUT = "the extracted data differs from the latest committed release: run `make build` (it cuts the next release into outputs/releases/) and commit outputs/releases/"
SAME_CONTENT_OTHER_BYTES = "same rows and schema as the latest release but different Parquet bytes: a writer setting or a locked library changed; restore it (releases promise reproducible bytes)"


def test_rebuild_equals_the_latest_committed_release(results):
    latest = latest_release(RELEASES)
    assert latest is not None, f"no release is committed; {HOW_TO_CUT}"
    manifest = json.loads((RELEASES / latest / "manifest.json").read_text())
    tables = validated_tables(list(results.values()))
    assert sorted(manifest["tables"]) == sorted(spec.name for spec in TABLES), HOW_TO_CUT
    for spec in TABLES:
        rebuilt = parquet_bytes(spec.name, tables[spec.name])
        assert hashlib.sha256(rebuilt).hexdigest() == manifest["tables"][spec.name]["sha256"], f"{spec.name}: {HOW_TO_CUT}"


@pytest.mark.parametrize("version", sorted(p.name for p in RELEASES.iterdir() if p.is_dir()) if RELEASES.is_dir() else [])
def test_every_committed_release_verifies(version):
    assert verify_release(RELEASES / version) == []
    assert (RELEASES / version / CHECKSUMS).is_file()


def test_repository_changelog_lists_every_release():
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text()
    versions = sorted(p.name for p in RELEASES.iterdir() if p.is_dir()) if RELEASES.is_dir() else []
    missing = [v for v in versions if f"**{v}**" not in changelog]
    assert not missing, f"CHANGELOG.md does not list releases {missing}; add them under 'Data releases'"
