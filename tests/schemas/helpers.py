"""Validating a frame and naming the checks that failed."""

import pandas as pd
import pandera.errors

from pipeline.validate import validate_table


def failed_checks(table: str, rows: list[dict]) -> set[str]:
    result = validate_table(table, pd.DataFrame(rows))
    return set(result.failures["check"]) if not result.passed else set()


def assert_valid(table: str, rows: list[dict]) -> pd.DataFrame:
    result = validate_table(table, pd.DataFrame(rows))
    assert result.passed, result.failures.to_string()
    return result.frame


__all__ = ["failed_checks", "assert_valid", "pandera"]
