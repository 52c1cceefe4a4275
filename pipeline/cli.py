"""The command-line entry point: `canada-relations build | ...`.

`build` materializes every Dagster asset in one in-process run, so a build
from the terminal is recorded in the same instance the UI shows (DAGSTER_HOME).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

EXIT_OK = 0
EXIT_FAILED = 1  # nothing was published: a check failed, an asset raised, or another build holds the lock
EXIT_PUBLISHED_WITHOUT_RELEASE = 2  # sound documents published; a refused document kept the release from being cut


def _build(args: argparse.Namespace) -> int:
    import pipeline.definitions  # noqa: F401  (Dagster, pandas, Pandera: most of the process's objects)

    # Those ~180,000 objects live as long as the process; frozen, full garbage collections skip
    # them (each took about 0.1 s here, a tenth of a one-document rebuild). Unfrozen at the end,
    # so that shutdown frees them (DuckDB's bindings report them as leaks otherwise).
    gc.collect()
    gc.freeze()
    try:
        return _run_build_job(args)
    finally:
        gc.unfreeze()


def _run_build_job(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipeline.assets.resources import PipelineSettings
    from pipeline.run import run_build

    settings = PipelineSettings(raw_dir=args.raw_dir, outputs_dir=args.outputs_dir, lock_wait_seconds=args.lock_wait)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run = run_build(settings, instance=instance, log_level="INFO" if args.verbose else "WARNING")
    for (asset, check), evaluation in run.check_results().items():
        print(f"check {asset}.{check}: {'passed' if evaluation.passed else 'FAILED'}")
    if not run.success:
        for step, message in run.step_failures():
            print(f"failed: {step}: {message}", file=sys.stderr)
        if run.published:
            print("build published the sound documents, but no release was cut (exit 2)", file=sys.stderr)
            return EXIT_PUBLISHED_WITHOUT_RELEASE
        print("build failed: nothing was published; the previous outputs are unchanged (exit 1)", file=sys.stderr)
        return EXIT_FAILED
    published = run.asset_metadata("published_outputs")
    rows = ", ".join(f"{key.split('/', 1)[1]}={value}" for key, value in published.items() if key.startswith("rows/"))
    print(f"published build {published['build_id']} to {published['outputs_dir']}: {rows}")
    release = run.release
    if release.get("released"):
        print(f"cut release {release['version']} ({release['bump']}) at {release['folder']}; commit outputs/releases/ to publish it")
    elif release:
        print(f"no new release: the tables equal release {release['version']}")
    return EXIT_OK


def _releases_folder(args: argparse.Namespace):
    from pipeline.release.releases import releases_dir
    from pipeline.settings import outputs_folder

    return releases_dir(outputs_folder(args.outputs_dir))


def _verify(args: argparse.Namespace) -> int:
    from pipeline.release.commands import verify

    return verify(_releases_folder(args), args.release, args.chain)


def _list(args: argparse.Namespace) -> int:
    from pipeline.release.commands import list_versions

    return list_versions(_releases_folder(args))


def _diff(args: argparse.Namespace) -> int:
    from pipeline.release.commands import diff

    return diff(_releases_folder(args), args.old, args.new)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="canada-relations", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="materialize every asset: raw/ -> validated tables -> outputs/")
    build.add_argument("--raw-dir", help="default: $CANADA_RELATIONS_RAW_DIR or raw/")
    build.add_argument("--outputs-dir", help="default: $CANADA_RELATIONS_OUTPUTS_DIR or outputs/")
    build.add_argument("--lock-wait", type=float, default=0.0, help="seconds to wait for another build's lock (default: refuse at once)")
    build.add_argument("--verbose", action="store_true", help="show Dagster's step log")
    build.set_defaults(run=_build)
    verify = commands.add_parser("verify", help="check a release against its manifest.json and SHA256SUMS")
    verify.add_argument("release", nargs="?", help="a version (in outputs/releases/) or a folder; default: all")
    verify.add_argument("--chain", action="store_true", help="every release and their chain, as with no version")
    verify.add_argument("--outputs-dir")
    verify.set_defaults(run=_verify)
    releases = commands.add_parser("releases", help="list the releases, oldest first")
    releases.add_argument("--outputs-dir")
    releases.set_defaults(run=_list)
    diff = commands.add_parser("diff", help="print what changed between two releases, as their release notes say")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--outputs-dir")
    diff.set_defaults(run=_diff)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
