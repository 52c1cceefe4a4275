"""The parse step fans out and runs in parallel processes with Dagster's multiprocess executor, with the same tables."""

import pickle
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pipeline.definitions import defs, parallel_build_job
from pipeline.validate import validate_tables
from schemas import TABLES
from tests.conftest import RAW_DIR

pytestmark = pytest.mark.slow

PARSE = [dg.AssetKey("raw_documents"), dg.AssetKey("document_extractions"), dg.AssetKey("combined_tables")]


def test_multiprocess_executor_gives_the_same_tables_as_in_process(tmp_path):
    settings = {"raw_dir": str(RAW_DIR), "documents_per_step": 2, "reuse_extractions": False}
    run_config = {"resources": {"settings": {"config": {**settings, "outputs_dir": str(tmp_path / "outputs")}}}}
    in_process = defs.resolve_job_def("build_all").execute_in_process(run_config=run_config, instance=dg.DagsterInstance.ephemeral(), asset_selection=PARSE)
    expected = validate_tables(in_process.output_for_node("combined_tables"))
    with dg.instance_for_test() as instance:
        with dg.execute_job(dg.reconstructable(parallel_build_job), instance=instance, run_config=run_config, asset_selection=PARSE) as parallel:
            assert parallel.success
            steps = {e.step_key for e in parallel.all_events if e.event_type_value == "STEP_START"}
            step_pids = {e.pid for e in parallel.all_events if e.event_type_value == "STEP_START"}
            with open(Path(instance.storage_directory()) / "combined_tables", "rb") as stored:
                actual = validate_tables(pickle.load(stored))
    assert {f"document_extractions.extract_batch[batch_0000{i}]" for i in range(3)} <= steps
    assert len(step_pids) == len(steps)  # every step ran in a process of its own
    for spec in TABLES:
        assert expected[spec.name].passed and actual[spec.name].passed
        pd.testing.assert_frame_equal(actual[spec.name].frame, expected[spec.name].frame)
