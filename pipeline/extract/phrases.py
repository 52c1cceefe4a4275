"""Phrases several extractors read, declared once so a new wording is one edit.

Each pattern here is a concept the texts express in several ways ('both
countries', 'the two states'); extractors import the concept rather than
spelling their own variant of it.
"""

from __future__ import annotations

import re

# 'Both countries', 'the two nations': the document's two subject countries together.
BOTH_COUNTRIES = re.compile(r"\b(?:both|the\s+two)\s+(?:countries|states|nations|governments)\b", re.IGNORECASE)
