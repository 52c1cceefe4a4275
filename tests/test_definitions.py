"""The code location: public asset names follow the contract's tables; workspace.yaml and pyproject agree."""

import tomllib

import dagster as dg

from pipeline.definitions import defs
from schemas import TABLES
from tests.conftest import PROJECT_ROOT


def test_every_contract_table_is_an_asset_with_a_blocking_check():
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {spec.name for spec in TABLES} <= keys
    assert {"raw_documents", "document_tables", "published_outputs", "dataset_release"} <= keys
    checks = {(k.asset_key.to_user_string(), k.name): graph.get_check_spec(k) for k in graph.asset_check_keys}
    for spec in TABLES:
        assert checks[(spec.name, "pandera_schema")].blocking, spec.name
    assert not checks[("quality_issues", "every_document_extracted")].blocking


def test_jobs_and_sensor():
    assert defs.resolve_job_def("build_all").executor_def.name == "in_process"
    assert defs.resolve_job_def("build_all_parallel").executor_def.name == "multiprocess"
    sensor = defs.resolve_sensor_def("raw_files_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_workspace_and_pyproject_name_the_same_code_location():
    import yaml

    workspace = yaml.safe_load((PROJECT_ROOT / "workspace.yaml").read_text())["load_from"][0]["python_module"]
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["dagster"]
    assert workspace["module_name"] == pyproject["module_name"] == "pipeline.definitions"
    assert workspace["location_name"] == pyproject["code_location_name"]


SNAPSHOT = PROJECT_ROOT / "tests" / "snapshots" / "code_location.json"


def code_location_keys() -> dict:
    graph = defs.resolve_asset_graph()
    return {
        "assets": sorted(key.to_user_string() for key in graph.get_all_asset_keys()),
        "asset_checks": sorted(f"{key.asset_key.to_user_string()}:{key.name}" for key in graph.asset_check_keys),
        "jobs": sorted(job.name for job in defs.resolve_all_job_defs()),
        "sensors": sorted(sensor.name for sensor in defs.sensors or []),
    }


def test_the_code_location_keys_match_the_snapshot():
    """Asset, check, job and sensor keys are what schedules, the UI and users' scripts refer to: renaming one is a
    deliberate change. After one, run `UPDATE_SNAPSHOTS=1 make test-fast` and commit
    tests/snapshots/code_location.json."""
    import json
    import os

    current = code_location_keys()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(current, indent=2) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())
