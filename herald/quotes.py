"""quotes: direct and reported speech with speakers, and who asserts each sentence. (stub)"""

from __future__ import annotations

from collections.abc import Sequence

from herald.records import Actor, Attribution, Document, ParsedText, Quote


def find_quotes(doc: Document, parsed: ParsedText, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    """Every direct quote and reported statement of the document, with its speaker."""
    return ()


def attribution_for(
    parsed: ParsedText, token_i: int, quotes: Sequence[Quote], actors: Sequence[Actor]
) -> Attribution:
    """Who asserts what token ``token_i`` (an event trigger) says happened."""
    return Attribution(kind="publisher")
