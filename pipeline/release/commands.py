"""What `canada-relations verify`, `releases` and `diff` do, given the releases folder; pipeline/cli.py parses.

Each returns the exit status: 0 all is well, 1 a release does not verify, 2 no such release.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.release.layout import LATEST, MANIFEST, incomplete_releases, list_releases
from pipeline.release.releases import compare_releases
from pipeline.release.verify import chain_problems, releases_problems, verify_release

EXIT_OK, EXIT_ALTERED, EXIT_NO_SUCH_RELEASE = 0, 1, 2


def verify(releases: Path, release: str | None, chain: bool) -> int:
    """One release (its files and its links in the chain), or, with no release or `chain`, every release."""
    if release is None or chain:
        return _report(releases, releases_problems(releases), "every release verifies and the chain holds")
    folder = release_folder(releases, release)
    if folder is None:
        print(no_such_release(releases, release), file=sys.stderr)
        return EXIT_NO_SUCH_RELEASE
    problems = verify_release(folder)
    if folder.name in list_releases(folder.parent):  # beside the releases before and after it: check the links
        problems += chain_problems(folder.parent, [folder.name])
    return _report(folder, problems, "every file matches manifest.json and SHA256SUMS, and the chain holds")


def list_versions(releases: Path) -> int:
    latest = (releases / LATEST).read_text().strip() if (releases / LATEST).exists() else None
    for version in list_releases(releases):
        manifest = json.loads((releases / version / MANIFEST).read_text())
        marker = "  (LATEST)" if version == latest else ""
        code = (manifest["code_version"] or "unknown")[:12]
        print(f"{version}  schema {manifest['schema_version']}  {manifest['bump']}  code {code}{marker}")
    for name in incomplete_releases(releases):
        print(
            f"{name}: not a complete release (no {MANIFEST} or SHA256SUMS); see canada-relations verify",
            file=sys.stderr,
        )
    return EXIT_OK


def diff(releases: Path, old: str, new: str) -> int:
    """The release notes from `old` to `new`, read from their files once both verify."""
    for version in (old, new):
        if version not in list_releases(releases):
            print(no_such_release(releases, version), file=sys.stderr)
            return EXIT_NO_SUCH_RELEASE
        if verify_release(releases / version):
            print(
                f"release {version} does not verify, so it is not diffed: see canada-relations verify {version}",
                file=sys.stderr,
            )
            return EXIT_ALTERED
    print(compare_releases(releases, old, new), end="")
    return EXIT_OK


def release_folder(releases: Path, release: str) -> Path | None:
    """A folder path, or a version in the releases folder; None when it is neither."""
    for folder in (Path(release), releases / release):
        if folder.is_dir():
            return folder
    return None


def no_such_release(releases: Path, release: str) -> str:
    return f"no such release {release} in {releases} (releases: {', '.join(list_releases(releases)) or 'none'})"


def _report(where: Path, problems: list[str], ok: str) -> int:
    for problem in problems:
        print(problem)
    print(f"{where}: {f'FAILED, {len(problems)} problem(s)' if problems else f'OK, {ok}'}")
    return EXIT_ALTERED if problems else EXIT_OK
