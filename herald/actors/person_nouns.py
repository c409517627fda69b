"""actors.person_nouns: nouns that name people by what they do, read from how they are made.

herald's tables list the agent nouns news uses most (``agent_nouns.csv``, ``roles.csv``), but
news names people by their trade or deed without end: "chicken sellers held a sit-in",
"vendors protested", "organizers said", "a questioner claimed". A closed list refuses each
noun it lacks, and the event goes with it. English makes most such nouns in a few regular
ways, so this module reads the word itself:

- a noun of a doctrine, a trade or an origin: "-ist" ("separatist", "economist") and "-ian"
  ("politician", "civilian", "historian");
- one to whom something is done: "-ee" ("detainee", "nominee", "evacuee");
- a compound of "man", "woman" or "person" ("gunman", "spokeswoman", "businessperson") and
  the "-eer" of a trade ("profiteer", "mountaineer");
- one who does what a verb says: "-er", "-or", "-ant", "-ent" on a verb the parser's
  lemmatizer knows ("seller" from sell, "moderator" from moderate, "attendant" from attend,
  "respondent" from respond), and "-ier" on a verb in "-y" ("supplier");
- a word and such an "-er" noun written as one ("speechwriter", "peacekeeper", "landowner",
  "whistleblower"), when the whole is no verb itself ("surrender").

The endings also make things look like people: instruments ("computer", "reactor"),
substances ("pollutant"), and words that only look made ("tower" is no one who tows,
"number" no one who numbs). ``thing_nouns.csv`` lists those that news uses often, found by
running the rules over the common nouns of 390 news articles no gold set labels (the
unlabelled sets of docs/eval.md) and over the lemmatizer's 55,000 nouns. Of the nouns the
rules accept in those articles (counted by use), about two in three named people before the
list and about nine in ten after it; the rest are mostly craft ("carrier", "launcher"),
which may act for their force. On the single-word agents of the CAMEO agent dictionary
that the NGEC coder ships (read from ``../shared/data`` to measure, never copied), herald
knew 29% from its tables and knows 50% with these rules (docs/eval.md, "Agent nouns").
"""

from __future__ import annotations

import functools

from herald.data_files import read_rows
from herald.parse.model import common_words, known_verbs

_KIND_ENDINGS = ("ist", "ian")  # of a doctrine, trade or origin
_ACTOR_ENDINGS = ("ier", "er", "or", "ant", "ent")  # one who does what the verb says
_SHORTEST_STEM = 3  # "us-er", "do-er"; shorter stems are chance ("b-ee")
_SHORTEST_HEAD = 5  # the head of a compound: "maker", "owner"; "doer" is too short to tell


def is_person_noun(lemma: str) -> bool:
    """Whether a common noun (lower-case lemma) names people by what they do or are."""
    word = lemma.lower()
    if not word.isalpha() or word in thing_nouns():
        return False
    if len(word) >= 6 and word.endswith(_KIND_ENDINGS):
        return True
    if len(word) >= 5 and word.endswith(("man", "woman", "person", "eer")):
        return True
    if len(word) >= 5 and word.endswith("ee") and not word.endswith("eee"):
        return True
    return _made_from_verb(word) or _compound(word)


def _compound(word: str) -> bool:
    """A word and a maker noun of "-er" written as one word: "speech-writer", "peace-keeper",
    "land-owner"; not a verb itself ("sur-render"), nor with a thing for its head
    ("sun-flower", "ice-breaker")."""
    if not word.endswith("er") or word in known_verbs():
        return False  # every maker head ends the word
    words = common_words()
    return any(
        word[:cut] in words and _maker(word[cut:])
        for cut in range(_SHORTEST_STEM, len(word) - _SHORTEST_HEAD + 1)
    )


def _maker(head: str) -> bool:
    return head.endswith("er") and head not in thing_nouns() and _made_from_verb(head)


def _made_from_verb(word: str) -> bool:
    """One who does what a verb says ("seller")."""
    suffix = next((s for s in _ACTOR_ENDINGS if word.endswith(s)), None)
    if suffix is None or word.endswith("ment"):
        return False
    verbs = known_verbs()
    return any(len(stem) >= _SHORTEST_STEM and stem in verbs for stem in _stems(word, suffix))


def _stems(word: str, suffix: str) -> list[str]:
    """The verbs ``word`` may be made from: "trad-er" -> trade, "kidnapp-er" -> kidnap,
    "suppl-ier" -> supply. A doubled consonant is undone on stems of four letters or more
    only: "shopp-er" is one who shops, "lett-er" is no one who lets."""
    base = word[: -len(suffix)]
    if suffix == "ier":
        return [f"{base}y"]
    stems = [base, f"{base}e"]
    if len(base) >= 5 and base[-1] == base[-2]:
        stems.append(base[:-1])
    return stems


@functools.cache
def thing_nouns() -> frozenset[str]:
    """Nouns of things that the endings would take for people (thing_nouns.csv)."""
    return frozenset(row["noun"] for row in read_rows("actors/thing_nouns.csv"))
