"""The build state's room: its keys (keys.py), its splice (splice.py) and its file (store.py).

Validation is not here: a state holds rows that already passed (pipeline.batch).
"""

from pipeline.state.keys import code_version, document_key
from pipeline.state.splice import BuildState, Fragment, in_document_order
from pipeline.state.store import LoadedState, load_state, read_state_file, save_state, write_state_file

__all__ = [
    "BuildState",
    "Fragment",
    "LoadedState",
    "code_version",
    "document_key",
    "in_document_order",
    "load_state",
    "read_state_file",
    "save_state",
    "write_state_file",
]
