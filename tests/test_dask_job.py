"""The build on a Dask cluster of two worker processes publishes the same Parquet bytes as the in-process build."""

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipeline.dask_executor import exit_without_final_collection
from pipeline.definitions import dask_build_job
from schemas import TABLES
from tests.conftest import PROJECT_ROOT, RAW_DIR

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:  # only to register the plugin; the executor has its own client
            client.register_plugin(exit_without_final_collection())
            worker_pids = set(client.run(os.getpid).values())
        yield cluster, worker_pids


def test_the_dask_job_runs_every_step_on_the_workers_and_publishes_the_in_process_bytes(cluster, seed_build, tmp_path):
    dask_cluster, worker_pids = cluster
    outputs = tmp_path / "outputs"
    run_config = {
        "execution": {"config": {"address": dask_cluster.scheduler_address}},
        "resources": {
            "settings": {
                "config": {
                    "raw_dir": str(RAW_DIR),
                    "outputs_dir": str(outputs),
                    "documents_per_step": 2,
                    "state_dir": (tmp_path / "shared" / "state").as_uri(),
                }
            },  # fmt: skip
            "io_manager": {"config": {"base_dir": str(tmp_path / "shared" / "steps")}},
        },
    }
    with dg.instance_for_test() as instance:
        with dg.execute_job(dg.reconstructable(dask_build_job), instance=instance, run_config=run_config) as result:
            assert result.success
            steps = {e.step_key: e.pid for e in result.all_events if e.event_type_value == "STEP_START"}
    assert {"document_tables.extract_batch[batch_00000]", "document_tables.extract_batch[batch_00002]"} <= set(steps)
    assert set(steps.values()) <= worker_pids and len(set(steps.values())) == 2  # both workers took steps
    in_process = Path(seed_build.asset_metadata("published_outputs")["outputs_dir"]) / "parquet"
    for spec in TABLES:
        assert (outputs / "parquet" / f"{spec.name}.parquet").read_bytes() == (
            in_process / f"{spec.name}.parquet"
        ).read_bytes()
    assert list((tmp_path / "shared" / "state").glob("*.state"))  # the build state went where the settings said


def test_the_code_location_loads_without_dask_dataframe():
    """dask is installed for the Dask executor; Pandera would import dask.dataframe at every start for types no
    model uses (schemas/_pandera.py), about a fifth of the imports."""
    code = (
        "import sys, pipeline.definitions, pandera.typing.dask as d; "
        "print('dask.dataframe' in sys.modules, d.DASK_INSTALLED)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["False", "False"], done.stderr
