"""CI's guard: rebuilding from raw/ gives exactly the latest committed release."""

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.release.releases import CHECKSUMS, latest_release, plan_release, verify_release
from schemas import TABLES
from tests.conftest import PROJECT_ROOT

RELEASES = PROJECT_ROOT / "outputs" / "releases"
HOW_TO_CUT = (
    "the extracted data differs from the latest committed release: run `make build` "
    "(it cuts the next release into outputs/releases/) and commit outputs/releases/"
)
SAME_CONTENT_OTHER_BYTES = (
    "same rows and schema as the latest release but different Parquet bytes: a writer setting or a locked "
    "library changed; restore it (releases promise reproducible bytes)"
)


def test_rebuild_equals_the_latest_committed_release(seed_build):
    """The build job (what cuts releases) run on raw/ publishes exactly the latest committed release's Parquet bytes."""
    latest = latest_release(RELEASES)
    assert latest is not None, f"no release is committed; {HOW_TO_CUT}"
    manifest = json.loads((RELEASES / latest / "manifest.json").read_text())
    outputs = Path(seed_build.asset_metadata("published_outputs")["outputs_dir"])
    plan = plan_release(seed_build.arrow_tables, RELEASES)
    assert plan.version is None, f"{HOW_TO_CUT} (a {plan.bump} change)"
    for spec in TABLES:
        rebuilt = (outputs / "parquet" / f"{spec.name}.parquet").read_bytes()
        assert hashlib.sha256(rebuilt).hexdigest() == manifest["tables"][spec.name]["sha256"], (
            f"{spec.name}: {SAME_CONTENT_OTHER_BYTES}"
        )


@pytest.mark.parametrize(
    "version", sorted(p.name for p in RELEASES.iterdir() if p.is_dir()) if RELEASES.is_dir() else []
)
def test_every_committed_release_verifies(version):
    assert verify_release(RELEASES / version) == []
    assert (RELEASES / version / CHECKSUMS).is_file()


def test_repository_changelog_lists_every_release():
    changelog = (PROJECT_ROOT / "CHANGELOG.md").read_text()
    versions = sorted(p.name for p in RELEASES.iterdir() if p.is_dir()) if RELEASES.is_dir() else []
    missing = [v for v in versions if f"**{v}**" not in changelog]
    assert not missing, f"CHANGELOG.md does not list releases {missing}; add them under 'Data releases'"
