"""A guard on loss: a build that would drop most of what is published publishes nothing unless asked to.

An empty raw folder, a mistyped path or a half-copied folder would otherwise
publish empty tables and cut a release that removes every row, with exit 0.
The baseline is what users have now: the current build in the outputs folder,
else the latest release.
"""

from __future__ import annotations

DEFAULT_MAX_SHRINK = 0.5  # refuse to lose more than half of the documents or of the rows


def shrink_refusal(
    rows: dict[str, int], baseline: dict[str, int] | None, where: str, max_shrink: float = DEFAULT_MAX_SHRINK
) -> str | None:
    """Why publishing tables with these row counts would lose too much, or None when it would not.

    `baseline` holds the row counts of what is published (None: nothing is); `sources` counts documents.
    """
    documents, total = rows.get("sources", 0), sum(rows.values())
    if documents == 0:
        return (
            f"no raw document was read from {where}: nothing to publish (check the raw folder, or pass --allow-shrink)"
        )
    if not baseline:
        return None
    before_documents, before_total = baseline.get("sources", 0), sum(baseline.values())
    for what, now, before in (("documents", documents, before_documents), ("rows", total, before_total)):
        if before and now < before * (1 - max_shrink):
            return (
                f"this build would drop {before - now} of the {before} published {what} "
                f"({(before - now) / before:.0%}, more than {max_shrink:.0%}); nothing was published. "
                "If that is intended, build again with --allow-shrink"
            )
    return None
