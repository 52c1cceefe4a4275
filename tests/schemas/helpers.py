"""Validating a frame and naming the checks that failed."""

import pandas as pd
import pandera.errors

from pipeline.validate import validate_frame


def failed_checks(table: str, rows: list[dict]) -> set[str]:
    _, failures = validate_frame(table, pd.DataFrame(rows))
    return set(failures["check"])


def assert_valid(table: str, rows: list[dict]) -> pd.DataFrame:
    frame, failures = validate_frame(table, pd.DataFrame(rows))
    assert frame is not None and failures.empty, failures.to_string()
    return frame


def vocabulary_check(values) -> str:
    """The name Pandera gives a failed vocabulary (isin) check."""
    return f"isin({list(values)!r})"


__all__ = ["failed_checks", "assert_valid", "vocabulary_check", "pandera"]
