"""The contract's closed vocabularies, declared once: the schemas check them and the extractors map words onto them.

A word a document uses that a vocabulary lacks maps to `other`, with the
word kept in the sibling `*_raw` column and a quality issue (the contract's
rule that closed vocabularies stay open to new words).
"""

DOCUMENT_FORMATS = ("wiki_article", "web_page", "fact_sheet", "plain_text", "unreadable")
MEMBERSHIP_STATUSES = (
    "member",
    "founding member",
    "nonregional member",
    "observer",
    "partner",
    "dialogue partner",
    "observer and partner",
    "other",
)
MISSION_TYPES = (
    "embassy",
    "consulate general",
    "consulate",
    "honorary consulate",
    "permanent mission",
    "high commission",
    "other",
)
AGREEMENT_KINDS = ("treaty", "convention", "protocol", "agreement", "act", "regulation", "roadmap", "other")
DISPUTE_STATUSES = ("ongoing", "resolved")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania", "other")
RELATION_STATUSES = ("active", "ended", "suspended", "unknown")
PARTNER_SOURCES = ("cell", "notes", "prose")
CURRENCY_SOURCES = ("amount", "document", "note")
