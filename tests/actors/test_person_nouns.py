"""Nouns that name people by how they are made (herald.actors.person_nouns)."""

from __future__ import annotations

import pytest

from herald.actors.person_nouns import is_person_noun


@pytest.mark.parametrize(
    "noun",
    [
        "seller",  # one who sells
        "moderator",  # one who moderates
        "attendant",
        "respondent",
        "supplier",  # supply, -ier
        "shopper",  # a doubled consonant undone
        "separatist",
        "politician",
        "detainee",
        "gunman",
        "spokeswoman",
        "profiteer",
        "speechwriter",  # a word and a maker noun written as one
        "peacekeeper",
        "landowner",
        "whistleblower",
    ],
)
def test_nouns_made_to_name_people(noun: str) -> None:
    assert is_person_noun(noun)


@pytest.mark.parametrize(
    "noun",
    [
        "letter",  # "lett-er" is no one who lets: short stems keep their double consonant
        "matter",
        "paper",
        "order",
        "payment",  # -ment names an act
        "behavior",
        "barrier",  # no verb "barry"
        "degree",
        "coffee",
        "checklist",
        "statement",
        "fee",
        "list",
        "surrender",  # a verb itself, whatever "render" makes
        "sunflower",  # a compound whose head is a thing
        "skyscraper",
    ],
)
def test_nouns_of_things_are_no_people(noun: str) -> None:
    assert not is_person_noun(noun)
