"""Pandera without its Dask types, which cost a fifth of every start-up and no model here uses.

Pandera registers Dask's DataFrame, Series and Index types whenever dask is importable, and so imports
`dask.dataframe` (about a second) the first time a model class is made. dask is installed only for the
Dask executor, which runs steps on workers and never hands a Dask frame to Pandera: every model here is a
pandas model. So `pandera.typing.dask` is imported once with `dask.dataframe` hidden, and records Dask as
absent. Where `dask.dataframe` is already imported (the cost already paid) nothing is hidden.
"""

from __future__ import annotations

import sys


def load_pandera_without_dask_types() -> None:
    if "pandera.typing.dask" in sys.modules or "dask.dataframe" in sys.modules:
        return
    sys.modules["dask.dataframe"] = None  # an import of it now raises ImportError, which pandera expects
    try:
        import pandera.typing.dask  # noqa: F401
    finally:
        del sys.modules["dask.dataframe"]


load_pandera_without_dask_types()
