"""The command-line entry point: `canada-relations build | ...`.

`build` materializes every Dagster asset in one in-process run, so a build
from the terminal is recorded in the same instance the UI shows (DAGSTER_HOME).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys

EXIT_OK = 0
EXIT_FAILED = 1  # nothing was published: a check failed, an asset raised, or another build holds the lock
EXIT_PUBLISHED_WITHOUT_RELEASE = 2  # sound documents published; a refused document kept the release from being cut


def _build(args: argparse.Namespace) -> int:
    """One build per outputs folder: the lock is taken before anything is read, so that even the up-to-date answer
    is never given while another build is changing the folder."""
    from pipeline.publish.lock import PublishLockedError, outputs_lock
    from pipeline.settings import outputs_folder

    _announce(args)
    try:
        with outputs_lock(outputs_folder(args.outputs_dir), args.lock_wait):
            return _build_locked(args)
    except (PublishLockedError, OSError) as error:
        print(f"build refused: {describe_error(error)}; nothing was published (exit 1)", file=sys.stderr)
        return EXIT_FAILED


def _build_locked(args: argparse.Namespace) -> int:
    if not args.force:
        from pipeline.settings import outputs_folder, raw_folder
        from pipeline.uptodate import still_current

        current = still_current(raw_folder(args.raw_dir), outputs_folder(args.outputs_dir))
        if current:
            print(f"{current}; nothing to do (--force builds anyway)")
            return EXIT_OK
    import pipeline.definitions  # noqa: F401  (Dagster, pandas, Pandera: most of the process's objects)

    # Those objects live as long as the process; frozen, full garbage collections skip them. Unfrozen at the end,
    # so that shutdown frees them (DuckDB's bindings report them as leaks otherwise).
    gc.collect()
    gc.freeze()
    try:
        return _run_build_job(args)
    finally:
        gc.unfreeze()


def _announce(args: argparse.Namespace) -> None:
    """Say what is being built before the imports, which take seconds: the run's own lines follow as stages finish."""
    from pipeline.settings import outputs_folder, raw_folder

    print(f"build: {raw_folder(args.raw_dir)} -> {outputs_folder(args.outputs_dir)}", flush=True)


def _run_build_job(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipeline.assets.resources import PipelineSettings
    from pipeline.run import run_build

    settings = PipelineSettings(
        raw_dir=args.raw_dir,
        outputs_dir=args.outputs_dir,
        lock_wait_seconds=args.lock_wait,
        allow_shrink=args.allow_shrink,
    )
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    # A line per stage as it finishes (the progress logger); --verbose shows Dagster's step log instead.
    logger = "console" if args.verbose else "progress"
    run = run_build(settings, instance=instance, log_level="INFO", logger=logger)
    return _report(run)


def _report(run) -> int:
    for (asset, check), evaluation in run.check_results().items():
        print(f"check {asset}.{check}: {'passed' if evaluation.passed else 'FAILED'}")
    if not run.success:
        for step, error in run.step_errors():
            print(f"failed: {step}: {describe_error(error)}", file=sys.stderr)
        if run.published:
            refused = run.release_blockers
            for detail in refused["detail"]:
                print(f"refused: {detail}", file=sys.stderr)
            why = (
                f"{len(refused)} raw file(s) were refused (above)"
                if len(refused)
                else "the release step failed (above)"
            )
            print(f"build published the sound documents, but no release was cut: {why} (exit 2)", file=sys.stderr)
            return EXIT_PUBLISHED_WITHOUT_RELEASE
        print("build failed: nothing was published; the previous outputs are unchanged (exit 1)", file=sys.stderr)
        return EXIT_FAILED
    published = run.asset_metadata("published_outputs")
    rows = ", ".join(f"{key.split('/', 1)[1]}={value}" for key, value in published.items() if key.startswith("rows/"))
    print(f"published build {published['build_id']} to {published['outputs_dir']}: {rows}")
    release = run.release
    if release.get("released"):
        print(
            f"cut release {release['version']} ({release['bump']}) at {release['folder']}; commit outputs/releases/ to "
            f"publish it"
        )
    elif release:
        print(f"no new release: the tables equal release {release['version']}")
    return EXIT_OK


# errno -> what it means to someone running a build
_OS_ERRORS = {
    28: "disk full",
    122: "disk quota exceeded",
    30: "read-only file system",
    13: "permission denied",
    1: "permission denied",
}


def describe_error(error) -> str:
    """One line that names the cause: the innermost error of a chain, an OS error by what it means.

    Takes an exception or Dagster's serialized error (which has `message`, `cls_name` and `cause`).
    """
    while getattr(error, "cause", None) is not None or getattr(error, "__cause__", None) is not None:
        error = getattr(error, "cause", None) or error.__cause__
    number = getattr(error, "errno", None)
    message = str(getattr(error, "message", None) or error).strip().splitlines()[0]
    if number is None:
        found = re.search(r"\[Errno (\d+)\]", message)
        number = int(found.group(1)) if found else None
    if number in _OS_ERRORS:
        filename = getattr(error, "filename", None) or (re.search(r"'([^']+)'\s*$", message) or [None, None])[1]
        return (
            f"{_OS_ERRORS[number]}"
            + (f" on {filename}" if filename else "")
            + f" ({message.split('] ')[-1].split(':')[0]})"
        )
    return re.sub(r"^[\w.]+(?:Error|Exception|Failure): ", "", message)


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


def _seconds(text: str) -> float:
    from pipeline.publish.lock import check_wait

    try:
        return check_wait(float(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="canada-relations", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="materialize every asset: raw/ -> validated tables -> outputs/")
    build.add_argument("--raw-dir", help="default: $CANADA_RELATIONS_RAW_DIR or raw/")
    build.add_argument("--outputs-dir", help="default: $CANADA_RELATIONS_OUTPUTS_DIR or outputs/")
    build.add_argument(
        "--lock-wait",
        type=_seconds,
        default=0.0,
        help="seconds to wait for another build's lock (default: refuse at once)",
    )
    build.add_argument(
        "--allow-shrink", action="store_true", help="publish even if the build drops most documents or rows"
    )
    build.add_argument(
        "--force", action="store_true", help="run the build even when the current build is still current"
    )
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
