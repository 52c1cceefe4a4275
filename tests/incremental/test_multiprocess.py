"""The parse step fans out and runs in parallel processes with Dagster's multiprocess executor, with the same tables."""

from pathlib import Path

import dagster as dg
import pyarrow as pa
import pytest

from pipeline.definitions import defs, parallel_build_job
from schemas import TABLES
from tests.conftest import RAW_DIR

pytestmark = pytest.mark.slow

PARSE = [dg.AssetKey("raw_documents"), dg.AssetKey("document_tables"), *(dg.AssetKey(spec.name) for spec in TABLES)]


def test_multiprocess_executor_gives_the_same_tables_as_in_process(tmp_path, arrow_tables):
    settings = {"raw_dir": str(RAW_DIR), "documents_per_step": 2, "reuse_state": False}
    run_config = {"resources": {"settings": {"config": {**settings, "outputs_dir": str(tmp_path / "outputs")}}}}
    in_process = defs.resolve_job_def("build_all").execute_in_process(
        run_config=run_config, instance=dg.DagsterInstance.ephemeral(), asset_selection=PARSE
    )
    expected = {spec.name: in_process.output_for_node("contract_tables", spec.name) for spec in TABLES}
    with dg.instance_for_test() as instance:
        with dg.execute_job(
            dg.reconstructable(parallel_build_job), instance=instance, run_config=run_config, asset_selection=PARSE
        ) as parallel:
            assert parallel.success
            steps = {e.step_key for e in parallel.all_events if e.event_type_value == "STEP_START"}
            step_pids = {e.pid for e in parallel.all_events if e.event_type_value == "STEP_START"}
            folder = Path(instance.storage_directory()) / parallel.run_id  # values between steps, one folder per run
            actual = {spec.name: pa.ipc.open_file(str(folder / spec.name)).read_all() for spec in TABLES}
    assert {f"document_tables.extract_batch[batch_0000{i}]" for i in range(3)} <= steps
    assert len(step_pids) == len(steps)  # every step ran in a process of its own
    assert expected["memberships"].num_rows == 120
    for spec in TABLES:
        assert actual[spec.name].equals(expected[spec.name]), spec.name
        assert actual[spec.name].equals(arrow_tables[spec.name]), spec.name  # and what the full build published
