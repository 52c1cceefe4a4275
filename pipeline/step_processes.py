"""Imported last by the forkserver of build_all_parallel (pipeline.definitions.STEP_PROCESS_PRELOAD).

Every step process forks from that server, so what the server has done once no step process does again:
it extracts a small document (the country and organization patterns are compiled, pycountry's and the
registries' tables loaded: about half a second in each process that has not), then freezes every object it
holds out of the garbage collector's full collections, as `canada-relations build` freezes its own. A step
process then neither traverses them in its collections nor, by touching every one of them there, copies the
memory it shares with the server.
"""

import gc
import hashlib

import pipeline.definitions  # noqa: F401  (the code location, before the freeze)
from pipeline.documents.reading import RawDocument
from pipeline.extract import extract_document

_WARM_UP = b"""== Foreign relations of Canada ==

Canada and the United States established diplomatic relations in 1927. Canada is a founding member of the
North Atlantic Treaty Organization (NATO) and joined the United Nations in 1945; it maintains an embassy in
Washington, D.C. and signed the Canada-Mexico Partnership on 1 January 2004.
"""


def _warm_up() -> None:
    data = _WARM_UP
    extract_document(RawDocument("warm-up", "warm-up.txt", data, hashlib.sha256(data).hexdigest(), None))


_warm_up()
gc.collect()
gc.freeze()
