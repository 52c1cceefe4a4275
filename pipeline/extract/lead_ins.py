"""The sentence that introduces a bulleted list ('Canada is represented in Mexico by:'), for the list's items.

A list item is often a fragment ('consulates in Guadalajara and Monterrey') whose subject, verb and the
country it is about stand in the lead-in sentence before the list. The lead-in is the last sentence of the
paragraph right before the list, when nothing else stands between them and it ends with a colon.
"""

from __future__ import annotations

import re

from pipeline.documents.model import BulletList, Document, Sentence

_ENDS_WITH_COLON = re.compile(r":\s*$")


def lead_in(document: Document, bullet_list: BulletList) -> Sentence | None:
    """The sentence ending in a colon right before the list; None when there is none."""
    before = [p for p in document.paragraphs if p.line < bullet_list.line]
    if not before:
        return None
    last = before[-1]
    if not _ENDS_WITH_COLON.search(last.text):
        return None
    if any(last.line < node.line < bullet_list.line for node in [*document.lists, *document.tables]):
        return None
    sentences = last.sentences()
    if not sentences or not _ENDS_WITH_COLON.search(sentences[-1].text):
        return None
    return sentences[-1]


def lead_ins_by_item_line(document: Document) -> dict[int, Sentence]:
    """{line of a list item: its list's lead-in}, for every list that has one."""
    found = {}
    for bullet_list in document.lists:
        sentence = lead_in(document, bullet_list)
        if sentence is not None:
            found.update({item.line: sentence for item in bullet_list.items})
    return found
