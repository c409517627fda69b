from dataclasses import replace

from herald.events.coreference import merge_mentions
from herald.records import ActorRef, Attribution, Event, Evidence, Mention, TimeValue

POLICE = Attribution(kind="source", text="police")


def _event(n: int, trigger: str, start: int, type: str = "ASSAULT", **fields) -> Event:
    fields.setdefault("evidence", Evidence("...", 0, 10))
    return Event(
        event_id=f"d:e{n}",
        doc_id="d",
        type=type,
        mode=None,
        trigger=Mention(trigger, start, start + len(trigger)),
        **fields,
    )


def test_each_telling_keeps_its_own_modality_and_source() -> None:
    gunmen = (ActorRef(name="al-Shabab", kind="organization", actor_id="d:a1"),)
    lede = _event(1, "killed", 10, actor=gunmen)
    told_by_police = _event(2, "killed", 300, actor=gunmen, modality="reported", attribution=POLICE)
    (merged,) = merge_mentions([lede, told_by_police])
    assert merged.modality == "asserted"
    (telling,) = merged.mentions
    assert (telling.start, telling.modality, telling.attribution) == (300, "reported", POLICE)
    # the record says who asserts it: the named source, not the bare publisher
    assert merged.attribution == POLICE


def test_a_planned_telling_is_not_merged_into_the_asserted_one() -> None:
    party = (ActorRef(name="Kenya", kind="country", actor_id="d:a1"),)
    done = _event(1, "attacked", 10, actor=party)
    planned = _event(2, "attack", 200, actor=party, modality="planned")
    assert len(merge_mentions([done, planned])) == 2


def test_a_historical_telling_is_another_event() -> None:
    now = _event(1, "killed", 10)
    background = _event(2, "killed", 400, modality="historical")
    assert len(merge_mentions([now, background])) == 2


def test_a_statement_without_its_speaker_is_not_merged_into_another_speakers() -> None:
    korea = (ActorRef(name="North Korea", kind="country", actor_id="d:a2"),)
    japan = (ActorRef(name="Japan", kind="country", actor_id="d:a3"),)
    condemned = _event(1, "condemned", 10, actor=japan, recipient=korea, type="ACCUSE")
    opposed = _event(2, "opposed", 300, recipient=korea, type="ACCUSE")  # "it opposed"
    assert len(merge_mentions([condemned, opposed])) == 2
    # the same speaker saying it again is one statement
    again = _event(3, "condemns", 500, actor=japan, recipient=korea, type="ACCUSE")
    assert len(merge_mentions([condemned, again])) == 1


def test_a_charge_is_known_by_whom_it_charges() -> None:
    joseph = (ActorRef(name="Arnel Joseph", kind="person", actor_id="d:a4"),)
    legal = {"type": "ACCUSE", "recipient": joseph, "contexts": ("legal",)}
    charged = _event(1, "charged", 10, **legal)
    also_charged = _event(2, "charged", 300, **legal)
    assert len(merge_mentions([charged, also_charged])) == 1
    someone = (ActorRef(name="Paul Joseph", kind="person", actor_id="d:a5"),)
    other = _event(3, "charged", 500, **{**legal, "recipient": someone})
    assert len(merge_mentions([charged, other])) == 2


def test_one_attack_told_by_its_blast_and_its_gunmen_is_one_event() -> None:
    tuesday = TimeValue("Tuesday", "2025-03-11", "day", anchor="relative")
    hotel = (ActorRef(actor_id=None, name="hotel", kind="group"),)
    gunmen = (ActorRef(actor_id="d:a1", name="Gunmen", kind="group"),)
    stormed = _event(1, "stormed", 10, actor=gunmen, recipient=hotel, when=tuesday)
    stormed = replace(stormed, mode="firearms")
    blast = replace(_event(2, "attacked", 300, recipient=hotel, when=tuesday), mode="explosives")
    assert len(merge_mentions([stormed, blast])) == 1
    # with no target in common, another mode is another attack
    market = (ActorRef(actor_id=None, name="market", kind="group"),)
    bomb = _event(3, "attacked", 300, recipient=market, when=tuesday)
    bomb = replace(bomb, mode="explosives")
    assert len(merge_mentions([stormed, bomb])) == 2


def test_a_state_and_its_forces_are_one_side() -> None:
    turkey = (ActorRef(name="Türkiye", kind="country", actor_id="d:a1", country="TUR"),)
    jets = (
        ActorRef(
            name="Turkish F-16 jets", kind="group", actor_id="d:a2", country="TUR", sector="MIL"
        ),
    )
    greece = (ActorRef(name="Greece", kind="country", actor_id="d:a3", country="GRC"),)
    monday = TimeValue("Monday", "2019-11-25", "day", "relative")
    testing = _event(1, "testing", 10, type="MOBILIZE", actor=turkey, when=monday)
    test = _event(2, "test", 300, type="MOBILIZE", actor=jets, when=monday)
    assert len(merge_mentions([testing, test])) == 1
    # undated, the same word ties a state and its forces; another word does not
    undated = [replace(e, when=None) for e in (testing, test)]
    assert len(merge_mentions(undated)) == 1
    flew = _event(8, "flew", 300, type="MOBILIZE", actor=jets)
    assert len(merge_mentions([undated[0], flew])) == 2
    # another state's forces are another side
    drills = _event(3, "test", 300, type="MOBILIZE", actor=greece, when=monday)
    assert len(merge_mentions([testing, drills])) == 2
    # two persons of one country are two people
    trump = (ActorRef(name="Donald Trump", kind="person", actor_id="d:a4", country="USA"),)
    biden = (ActorRef(name="Joe Biden", kind="person", actor_id="d:a5", country="USA"),)
    one = _event(4, "condemned", 10, type="ACCUSE", actor=trump, recipient=greece, when=monday)
    two = _event(5, "condemned", 300, type="ACCUSE", actor=biden, recipient=greece, when=monday)
    assert len(merge_mentions([one, two])) == 2
    # a state's army and the rebels fighting it are two sides
    army = (
        ActorRef(name="army", kind="organization", actor_id="d:a6", country="NGA", sector="MIL"),
    )
    rebels = (
        ActorRef(
            name="Boko Haram", kind="organization", actor_id="d:a7", country="NGA", sector="REB"
        ),
    )
    raid = _event(6, "attacked", 10, actor=army, when=monday)
    ambush = _event(7, "attacked", 300, actor=rebels, when=monday)
    assert len(merge_mentions([raid, ambush])) == 2


def _said(n: int, trigger: str, sentence: str, start: int, **fields) -> Event:
    """A statement whose evidence is ``sentence``, starting at ``start`` in the text."""
    at = start + sentence.index(trigger)
    event = _event(n, trigger, at, type="REQUEST", **fields)
    return replace(event, evidence=Evidence(sentence, start, start + len(sentence)))


def test_one_speakers_demands_on_other_matters_are_two_statements() -> None:
    russell = (ActorRef(name="Catherine Russell", kind="person", actor_id="d:a1"),)
    council = (ActorRef(name="Security Council", kind="organization", actor_id="d:a2"),)
    parties = {"actor": russell, "recipient": council}
    ceasefire = _said(1, "demanded", "Russell demanded an end to the hostilities.", 0, **parties)
    aid = _said(2, "urged", "She urged the council to lift the obstacles to aid.", 100, **parties)
    assert len(merge_mentions([ceasefire, aid])) == 2
    # the same demand told again names its matter again, or is told in the same word
    again = _said(3, "called", "Russell called for the hostilities to end.", 200, **parties)
    assert len(merge_mentions([ceasefire, again])) == 1
    repeated = _said(4, "demands", "She demands it of the council.", 300, **parties)
    assert len(merge_mentions([ceasefire, repeated])) == 1


def test_the_speakers_words_right_after_a_statement_go_on_with_it() -> None:
    turnbull = (ActorRef(name="Malcolm Turnbull", kind="person", actor_id="d:a1"),)
    korea = (ActorRef(name="North Korea", kind="country", actor_id="d:a2"),)
    told = _said(1, "condemn", "Turnbull was quick to condemn the launch.", 0, actor=turnbull,
                 recipient=korea)  # fmt: skip
    quoted = _said(2, "said", '"This is a reckless, criminal act," he said.', 45, actor=turnbull)
    told, quoted = (replace(e, type="ACCUSE") for e in (told, quoted))
    assert len(merge_mentions([told, quoted])) == 1
    # farther on, or naming another party, it is another statement
    later = replace(quoted, evidence=Evidence(quoted.evidence.sentence, 900, 945))
    assert len(merge_mentions([told, later])) == 2
    japan = (ActorRef(name="Japan", kind="country", actor_id="d:a3"),)
    assert len(merge_mentions([told, replace(quoted, recipient=japan)])) == 2


def test_a_definite_noun_of_the_same_word_retells_the_deed() -> None:
    north = (ActorRef(name="North Korea", kind="country", actor_id="d:a1"),)
    japan = (ActorRef(name="Japan", kind="country", actor_id="d:a2"),)
    fired = _event(1, "launched", 12, type="MOBILIZE", actor=north)
    sentence = "Seoul responded to the missile launch over Japan."
    start = sentence.index("launch ")
    retold = replace(
        _event(2, "launch", 300 + start, type="MOBILIZE", recipient=japan),
        evidence=Evidence(sentence, 300, 300 + len(sentence)),
    )
    (merged,) = merge_mentions([fired, retold])
    assert [m.text for m in merged.mentions] == ["launch"]
    # an indefinite one is another deed
    sentence = "Seoul responded to a new missile launch over Japan."
    start = sentence.index("launch ")
    other = replace(
        _event(2, "launch", 300 + start, type="MOBILIZE", recipient=japan),
        evidence=Evidence(sentence, 300, 300 + len(sentence)),
    )
    assert len(merge_mentions([fired, other])) == 2
    sentence = "It led to the launch of another missile."
    start = sentence.index("launch ")
    further = replace(
        _event(2, "launch", 300 + start, type="MOBILIZE"),
        evidence=Evidence(sentence, 300, 300 + len(sentence)),
    )
    assert len(merge_mentions([fired, further])) == 2
    # one with a date of its own is another deed
    dated = replace(retold, when=TimeValue("last week", "2017-W34", "week", "relative"))
    assert len(merge_mentions([fired, dated])) == 2


def test_a_party_is_never_on_both_sides_of_a_merged_deed() -> None:
    joseph = (ActorRef(name="Arnel Joseph", kind="person", actor_id="d:a1"),)
    patrol = (ActorRef(name="police patrol", kind="group", actor_id=None),)
    killed = _event(1, "killed", 10, recipient=joseph)
    fired = _event(2, "fire", 300, actor=joseph, recipient=patrol)
    (gunfight,) = merge_mentions([killed, fired])
    assert (gunfight.actor, gunfight.recipient) == ((), joseph)


def test_a_name_the_actors_stage_left_unresolved_still_tells_two_targets_apart() -> None:
    trump = (ActorRef(name="Donald Trump", kind="person", actor_id="d:a1"),)
    eu = (ActorRef(name="European Union", kind="organization", actor_id="d:a2"),)
    journal = "The Wall Street Journal newspaper"
    paper = (ActorRef(actor_id=None, name=journal, kind="group", text=journal),)
    # two accusations by one speaker on one matter (tariffs), of two targets
    said = {"type": "ACCUSE", "actor": trump, "evidence": Evidence("over tariffs", 0, 12)}
    tariffs = _event(1, "contended", 10, recipient=eu, **said)
    newspaper = _event(2, "attacked", 300, recipient=paper, **said)
    assert len(merge_mentions([tariffs, newspaper])) == 2
    # a capital that only opens a sentence names no one: that target may be the EU's
    rebels = (ActorRef(actor_id=None, name="Separatists", kind="group", text="Separatists"),)
    again = _event(3, "condemned", 500, recipient=rebels, **said)
    assert len(merge_mentions([tariffs, again])) == 1


def test_militants_the_story_names_later_are_no_other_side() -> None:
    tuesday = TimeValue("Tuesday", "2025-03-11", "day", anchor="relative")
    hotel = (ActorRef(actor_id=None, name="hotel", kind="group"),)
    militants = (ActorRef(actor_id="d:a8", name="militants", kind="group", sector="REB"),)
    shabaab = (ActorRef(actor_id="d:a5", name="al-Shabaab", kind="organization", sector="REB"),)
    stormed = _event(1, "attacked", 10, actor=militants, recipient=hotel, when=tuesday)
    claimed = _event(2, "attack", 300, actor=shabaab, recipient=hotel, when=tuesday)
    assert len(merge_mentions([stormed, claimed])) == 1
    # a named group is someone in particular: two named groups are two sides
    named = (ActorRef(actor_id="d:a9", name="Islamic State", kind="organization", sector="REB"),)
    other = _event(3, "attack", 300, actor=named, recipient=hotel, when=tuesday)
    assert len(merge_mentions([claimed, other])) == 2
