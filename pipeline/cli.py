"""The command-line entry point: `canada-relations build | ...`.

`build` materializes every Dagster asset in one in-process run, so a build
from the terminal is recorded in the same instance the UI shows (DAGSTER_HOME).
"""

from __future__ import annotations

import argparse
import os
import sys


def _build(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipeline.assets.resources import PipelineSettings
    from pipeline.definitions import defs

    settings = PipelineSettings(raw_dir=args.raw_dir, outputs_dir=args.outputs_dir, lock_wait_seconds=args.lock_wait)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    job = defs.resolve_job_def("build_all")
    run_config = {"loggers": {"console": {"config": {"log_level": "INFO" if args.verbose else "WARNING"}}}}
    result = job.execute_in_process(run_config=run_config, instance=instance, resources={"settings": settings}, raise_on_error=False)
    for event in result.all_events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            status = "passed" if evaluation.passed else "FAILED"
            print(f"check {evaluation.asset_key.to_user_string()}.{evaluation.check_name}: {status}")
    if not result.success:
        for event in result.all_events:
            if event.event_type_value == "STEP_FAILURE":
                print(f"failed: {event.step_key}: {event.event_specific_data.error.message.strip()}", file=sys.stderr)
        print("build failed: nothing was published; the previous outputs are unchanged", file=sys.stderr)
        return 1
    published = result.asset_materializations_for_node("published_outputs")
    if published:
        meta = published[-1].metadata
        rows = ", ".join(f"{k.split('/', 1)[1]}={v.value}" for k, v in meta.items() if k.startswith("rows/"))
        print(f"published build {meta['build_id'].value} to {meta['outputs_dir'].value}: {rows}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="canada-relations", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="materialize every asset: raw/ -> validated tables -> outputs/")
    build.add_argument("--raw-dir", help="default: $CANADA_RELATIONS_RAW_DIR or raw/")
    build.add_argument("--outputs-dir", help="default: $CANADA_RELATIONS_OUTPUTS_DIR or outputs/")
    build.add_argument("--lock-wait", type=float, default=0.0, help="seconds to wait for another build's lock (default: refuse at once)")
    build.add_argument("--verbose", action="store_true", help="show Dagster's step log")
    build.set_defaults(run=_build)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
