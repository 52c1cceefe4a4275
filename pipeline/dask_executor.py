"""Running a build's steps on a Dask cluster: each step is one Dask task, launched when it becomes ready.

This is the design of Dagster's own Kubernetes executor (a StepDelegatingExecutor:
the run's plan stays in the process that launched the run, which launches each
step when its inputs are ready and follows the steps through the instance's
event log), with `Client.submit` as the way to launch. The executor of the
dagster-dask package is not used: it plans every step before the run starts, so
the steps of a dynamic fan-out (`document_tables` batches its documents that
way) never run while the run reports success, and it names tasks by step alone,
so two runs on one scheduler share them (both known upstream, in the dagster-dask tracker).

What the workers need, like any executor that runs steps elsewhere: the code
(installed, or on PYTHONPATH), the Dagster instance (the same DAGSTER_HOME on one
machine, Postgres across machines), the raw folder for the steps that read it
(raw_documents lists it, each extract_batch step reads again the documents it
extracts), and the IO manager's folder and the build state's folder on storage
every worker reaches (settings `state_dir` and the IO manager's `base_dir`; an
fsspec URL such as s3://... works as well as a path).
"""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
from dagster._core.definitions.executor_definition import multiple_process_executor_requirements
from dagster._core.events import DagsterEvent
from dagster._core.execution.retries import RetryMode, get_retries_config
from dagster._core.executor.step_delegating import (
    CheckStepHealthResult,
    StepDelegatingExecutor,
    StepHandler,
    StepHandlerContext,
)


def execute_step_in_worker(serialized_args: str) -> int:
    """What `dagster api execute_step` does, in the Dask worker's own process; events go to the instance's log."""
    from dagster._cli.api import _execute_step_command_body
    from dagster._core.instance import DagsterInstance
    from dagster._grpc.types import ExecuteStepArgs
    from dagster_shared.serdes import deserialize_value

    args = deserialize_value(serialized_args, ExecuteStepArgs)
    with DagsterInstance.from_ref(args.instance_ref) as instance:
        run = instance.get_run_by_id(args.run_id)
        return sum(1 for _ in _execute_step_command_body(args, instance, run))


class DaskStepHandler(StepHandler):
    """Launches a step as a Dask task whose key names the run, the step and the attempt."""

    def __init__(self, address: str):
        super().__init__()
        self._address = address
        self._client = None
        self._futures: dict = {}

    @property
    def name(self) -> str:
        return "DaskStepHandler"

    def client(self):
        if self._client is None:
            import distributed

            self._client = distributed.Client(self._address)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @staticmethod
    def _key(context: StepHandlerContext) -> str:
        args = context.execute_step_args
        (step_key,) = args.step_keys_to_execute
        attempt = args.known_state.get_retry_state().get_attempt_count(step_key) if args.known_state else 0
        return f"dagster-step-{args.run_id}-{step_key}-{attempt}"

    def launch_step(self, step_handler_context: StepHandlerContext) -> Iterator[DagsterEvent]:
        from dagster_shared.serdes import serialize_value

        key = self._key(step_handler_context)
        (step_key,) = step_handler_context.execute_step_args.step_keys_to_execute
        arguments = serialize_value(step_handler_context.execute_step_args)
        self._futures[key] = self.client().submit(execute_step_in_worker, arguments, key=key, pure=False)
        yield DagsterEvent.step_worker_starting(
            step_handler_context.get_step_context(step_key),
            message=f'Submitted step "{step_key}" to Dask as {key}.',
            metadata={"dask key": key},
        )

    def check_step_health(self, step_handler_context: StepHandlerContext) -> CheckStepHealthResult:
        future = self._futures.get(self._key(step_handler_context))
        if future is None:
            return CheckStepHealthResult.unhealthy(reason="no Dask task for this step")
        if future.status == "error":
            return CheckStepHealthResult.unhealthy(reason=f"the Dask task failed: {future.exception()!r}")
        if future.status == "cancelled":
            return CheckStepHealthResult.unhealthy(reason="the Dask task was cancelled")
        return CheckStepHealthResult.healthy()

    def terminate_step(self, step_handler_context: StepHandlerContext) -> Iterator[DagsterEvent]:
        future = self._futures.pop(self._key(step_handler_context), None)
        if future is not None:
            future.cancel()
        yield from ()


class _ClosingStepDelegatingExecutor(StepDelegatingExecutor):
    """Closes its Dask client when the run ends, whatever happened."""

    def execute(self, plan_context, execution_plan):
        try:
            yield from super().execute(plan_context, execution_plan)
        finally:
            self._step_handler.close()


@dg.executor(
    name="dask_steps",
    requirements=multiple_process_executor_requirements(),
    config_schema={
        "address": dg.Field(
            dg.StringSource, description="The Dask scheduler, e.g. tcp://127.0.0.1:8786 (or an env var)."
        ),
        "max_concurrent": dg.Field(dg.IntSource, is_required=False, description="At most this many steps at once."),
        "poll_seconds": dg.Field(
            float, is_required=False, default_value=0.2, description="How often the event log is read."
        ),
        "retries": get_retries_config(),
    },
)
def dask_steps_executor(init_context: dg.InitExecutorContext) -> StepDelegatingExecutor:
    config = init_context.executor_config
    return _ClosingStepDelegatingExecutor(
        DaskStepHandler(config["address"]),
        retries=RetryMode.from_config(config["retries"]),
        max_concurrent=config.get("max_concurrent"),
        sleep_seconds=config["poll_seconds"],
        should_verify_step=True,
    )


def exit_without_final_collection():
    """A Dask worker plugin: at worker exit, end the process after the atexit handlers, skipping finalization.

    A worker that ran build steps holds every object of dagster, pandas, pyarrow and duckdb; the last
    full garbage collection of interpreter finalization then outlasts the nanny's grace period on a
    busy machine ('Worker process still alive after 4.0 seconds, killing'). Register it on a cluster
    with `client.register_plugin(exit_without_final_collection())`.
    """
    from distributed.diagnostics.plugin import WorkerPlugin

    class ExitWithoutFinalCollection(WorkerPlugin):
        name = "canada-relations-exit-without-final-collection"

        def teardown(self, worker) -> None:
            import atexit
            import os
            import sys

            def exit_now() -> None:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except (OSError, ValueError):
                        pass
                os._exit(0)

            atexit.register(exit_now)

    return ExitWithoutFinalCollection()
