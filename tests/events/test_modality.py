"""Modality of an event trigger, table-driven on parsed sentences."""

from __future__ import annotations

import pytest

from herald.events.modality import modality_of
from herald.events.plover import cues
from herald.parse.model import parse
from herald.records import Attribution, TimeValue

PUBLISHED = TimeValue("Dec. 18, 2017", "2017-12-18", "day", "absolute")


def trigger_index(text: str, word: str) -> tuple:
    parsed = parse(text)
    return parsed, next(t.i for t in parsed.tokens if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Israel attacked Gaza.", "attacked", "asserted"),
        ("Israel will attack Gaza.", "attack", "planned"),
        ("Iran plans to hold talks with France.", "hold", "planned"),
        ("Iran is expected to hold talks with France.", "hold", "planned"),
        ("Iran is to hold talks with France.", "hold", "planned"),
        ("A summit on trade is scheduled for May.", "summit", "planned"),
        ("They discussed a meeting to be held in Vancouver.", "meeting", "planned"),
        ("The upcoming meeting drew protests.", "meeting", "planned"),
        ("Russia could invade Ukraine.", "invade", "hypothetical"),
        ("Russia would invade Ukraine.", "invade", "hypothetical"),
        ("Russia might invade Ukraine.", "invade", "hypothetical"),
        ("If Russia invades Ukraine, NATO will respond.", "invades", "hypothetical"),
        ("If he were to start a war, to attack Japan, he would lose.", "attack", "hypothetical"),
        ("Israel did not attack Gaza.", "attack", "negated"),
        ("Israel never attacked Gaza.", "attacked", "negated"),
        ("There were no talks with Iran.", "talks", "negated"),
        ("Israel denied attacking Gaza.", "attacking", "negated"),
        ("Israel refused to release the prisoners.", "release", "negated"),
        ("The army was unable to attack the town.", "attack", "negated"),
        # what someone escapes, avoids or averts did not happen
        ("The opposition leader escaped arrest.", "arrest", "negated"),
        # what someone is forbidden or kept from doing is not done
        ("The resolutions ban the regime from launching rockets.", "launching", "negated"),
        ("Police prevented the crowd from marching to the palace.", "marching", "negated"),
        ("The two countries narrowly avoided a war.", "war", "negated"),
        ("Talks averted a strike by the dockers.", "strike", "negated"),
        ("Police prevented an attack on the mosque.", "attack", "negated"),
        # nor what someone is kept from doing
        ("The court stopped the police from arresting the mayor.", "arresting", "negated"),
        ("The army prevented the rebels from shelling the town.", "shelling", "negated"),
        # a purpose shares the fate of the deed it is the purpose of
        ("The minister could travel to Paris to meet Macron.", "meet", "hypothetical"),
        ("The minister will not travel to Paris to meet Macron.", "meet", "negated"),
        ("The minister will travel to Paris to meet Macron.", "meet", "planned"),
        ("Police fired tear gas to disperse the crowd.", "disperse", "asserted"),
        # a deed named with "any" is none in particular
        ("Beijing opposed any unilateral sanctions on Pyongyang.", "sanctions", "hypothetical"),
        ("Any attack on the base will be answered.", "attack", "hypothetical"),
        ("Police did not make any arrests.", "arrests", "negated"),
        # the alternative not taken did not happen; what was done instead did
        ("Rather than attacking the rebels, the army negotiated.", "attacking", "negated"),
        ("Rather than attacking the rebels, the army negotiated.", "negotiated", "asserted"),
        ("Instead of calling for sanctions, Japan will hold talks.", "calling", "negated"),
        ("The army negotiated with the rebels rather than attacked them.", "attacked", "negated"),
        # a command bids a deed be done
        ("Release the prisoners now, the protesters chanted.", "Release", "hypothetical"),
        ('"Attack them and burn their homes," the commander said.', "burn", "hypothetical"),
        ("Police arrest 20 protesters in Paris", "arrest", "asserted"),
        (  # the tagger takes "clash" for a verb; it opens no clause
            "The United States announced last week that it would cease military aid and "
            "intelligence sharing with Ukraine, following the Oval Office clash between U.S. "
            "President Donald Trump and Ukrainian President Volodymyr Zelenskyy on Feb. 28.",
            "clash",
            "asserted",
        ),
        # an auxiliary before its subject asks or supposes
        ("Did Clinton help the rebels", "help", "hypothetical"),
        ("Should Russia invade Ukraine, NATO will respond.", "invade", "hypothetical"),
        ("Russia did invade Ukraine.", "invade", "asserted"),
        ("Israel will not attack Gaza.", "attack", "negated"),
        ("Police said no one was detained.", "detained", "negated"),
        ("They are expected to talk before the Council meets.", "meets", "planned"),
        ("They talked before the Council meets.", "meets", "asserted"),
        ("Police arrested none of the protesters.", "arrested", "negated"),
        ("Neither Clinton nor her aides have been charged.", "charged", "negated"),
        ("He says neither the candidate nor her campaign helped him.", "helped", "negated"),
        ("Either Clinton or her aides will be charged.", "charged", "planned"),
        # "any" on the effort an infinitive is the aim of
        ("Ankara hopes to blunt any new efforts to impose sanctions.", "sanctions", "hypothetical"),
        ("Police arrested no protesters on Monday.", "arrested", "negated"),
        ("Najib seldom criticized China.", "criticized", "negated"),
        ("Russia rarely attacks civilians directly.", "attacks", "negated"),
        # what a judging verb judges happened even when nobody judged it
        ("China has never condemned Russia's invasion of Ukraine.", "condemned", "negated"),
        ("China has never condemned Russia's invasion of Ukraine.", "invasion", "asserted"),
        ("Police arrested one protester on Monday.", "arrested", "asserted"),
        ("He will meet Trudeau and iron out the details.", "iron", "planned"),
        ("Rubio hopes to meet Lavrov in Riyadh.", "meet", "planned"),
        ("The agency needs to provide support to the refugees.", "provide", "planned"),
        # a modal on the copula reaches its complement
        ("Ukraine might be willing to make concessions.", "willing", "hypothetical"),
        ("Ukraine is willing to make concessions.", "willing", "asserted"),
        ("Soltan is seeking damages for being beaten by police.", "beaten", "asserted"),
        ("Canada could help by working with Cuba.", "working", "hypothetical"),
        # "would" under a past verb of saying is the reported "will"
        ("The U.S. said it would resume cooperation with Kyiv.", "cooperation", "planned"),
        ("It was announced the Council would hold a meeting.", "meeting", "planned"),
        # a second clause of the same report
        (
            "He said the curfew would be extended and that troops would be deployed.",
            "deployed",
            "planned",
        ),
        ("Putin said an attack on NATO would be madness.", "attack", "hypothetical"),
        ("Officials said the army would withdraw if talks failed.", "withdraw", "hypothetical"),
        # the odds a clause is given: none, some
        ("There is no chance the army will withdraw from the town.", "withdraw", "negated"),
        ("There is no way the rebels will sign the accord.", "sign", "negated"),
        ("There is little chance that the army will withdraw.", "withdraw", "hypothetical"),
        # evidence said not to exist: what it would show did not happen
        ("Police found no sign that the men had attacked the embassy.", "attacked", "negated"),
        ("There was not any indication that the rebels kidnapped them.", "kidnapped", "negated"),
        ("There is evidence that the rebels kidnapped them.", "kidnapped", "asserted"),
        # a forecast by an adjective; the adverb only hedges
        ("The tactic was too likely to kill civilians.", "kill", "hypothetical"),
        ("Russia is unlikely to attack Finland.", "attack", "hypothetical"),
        ("Two soldiers were likely killed in the raid.", "killed", "asserted"),
    ],
)
def test_modality_from_the_parse(sentence: str, trigger: str, expected: str) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (TimeValue("last year", "2016", "year", "relative"), "historical"),
        (TimeValue("last week", "2017-W49", "week", "relative"), "asserted"),
        (TimeValue("in January", "2018-01", "month", "relative"), "planned"),
        (TimeValue("in October", "2017-10", "month", "relative"), "historical"),
        # told on Dec. 18, November's middle is more than a month back; a bound's end is not
        (TimeValue("in November", "2017-11", "month", "relative"), "historical"),
        (TimeValue("in November", "2017-11", "month", "relative", "before"), "asserted"),
        (TimeValue("this year", "2017", "year", "relative"), "asserted"),
        (TimeValue("Dec 18", "2017-12-18", "day", "publication"), "asserted"),
    ],
)
def test_modality_from_the_governing_date(when: TimeValue, expected: str) -> None:
    parsed, i = trigger_index("Trudeau met Castro in Havana.", "met")
    assert modality_of(parsed, i, when=when, published=PUBLISHED) == expected


def test_a_deed_told_in_the_past_on_the_day_after_the_stamp_has_happened() -> None:
    # stamped Dec. 18 (UTC) where it was already the 19th: a time zone, not a plan
    tuesday = TimeValue("Tuesday", "2017-12-19", "day", "relative")
    parsed, i = trigger_index("Norland fired a missile on Tuesday.", "fired")
    assert modality_of(parsed, i, when=tuesday, published=PUBLISHED) == "asserted"
    parsed, i = trigger_index("Norland will fire a missile on Tuesday.", "fire")
    assert modality_of(parsed, i, when=tuesday, published=PUBLISHED) == "planned"
    wednesday = TimeValue("Wednesday", "2017-12-20", "day", "relative")
    parsed, i = trigger_index("Norland fired a missile on Wednesday.", "fired")
    assert modality_of(parsed, i, when=wednesday, published=PUBLISHED) == "planned"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("outlet", "reported"),
        ("anonymous_source", "reported"),
        ("named_source", "asserted"),
        ("publisher", "asserted"),
    ],
)
def test_modality_from_the_attribution(kind: str, expected: str) -> None:
    parsed, i = trigger_index("Canada and the United States co-hosted a summit.", "summit")
    attribution = Attribution(kind=kind)  # type: ignore[arg-type]
    assert modality_of(parsed, i, attribution=attribution) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # a plain speech verb: reported when a third party tells of a past act
        ("Freed said an airline manager apologized to the players.", "apologized", "reported"),
        ("Buhari said the girls have been released.", "released", "reported"),
        (
            "Officials said that when the army was able to enter, it freed them.",
            "enter",
            "reported",
        ),
        # ... not one's own account of one's own act, a stance, or a characterization
        ("Trudeau said he met Castro in Havana.", "met", "asserted"),
        ("China opposes the sanctions, Hua said.", "opposes", "asserted"),
        ("Stoltenberg said the launch was a threat.", "threat", "asserted"),
        # doubting verbs and hedges mark a claim whoever speaks
        ("Later, she alleged, she arranged a meeting with Weinstein.", "meeting", "reported"),
        ("US assessments suggested North Korea fired a missile.", "fired", "reported"),
        ("North Korea reportedly fired a missile.", "fired", "reported"),
        ("The alleged attack killed ten people.", "attack", "reported"),
        # a plan or a denial keeps its own label inside a claim
        ("Smith said Jones will visit Paris.", "visit", "planned"),
        ("Smith said Jones did not visit Paris.", "visit", "negated"),
        # a verb that only frames a fact is no claim
        ("Smith noted that Jones visited Paris.", "visited", "asserted"),
        # a finding is its finder's word
        ("A UN report found that government forces killed civilians.", "killed", "reported"),
        ("Investigators concluded that the militia shot down the plane.", "shot", "reported"),
        # the deed an accusation imputes; a condemnation takes it as done
        ("Iran accused Israel of attacking its embassy.", "attacking", "reported"),
        ("Prosecutors charged him with murdering two officers.", "murdering", "reported"),
        ("The UN condemned Israel for attacking the embassy.", "attacking", "asserted"),
    ],
)
def test_reported_claims(sentence: str, trigger: str, expected: str) -> None:
    parsed, i = trigger_index(sentence, trigger)
    attribution = Attribution(kind="named_source")
    assert modality_of(parsed, i, published=PUBLISHED, attribution=attribution) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("The missile is capable of striking the base.", "striking", "hypothetical"),
        ("Japan can assist its allies in a crisis.", "assist", "hypothetical"),
        ("The governor can impose a curfew in the city.", "curfew", "hypothetical"),
        ("It is a measure that can counter the threats.", "threats", "asserted"),
        ("It was irresponsible to blame others.", "blame", "hypothetical"),
        # a power or a fear of an act is no act
        ("We have the power to destroy them beyond recovery.", "destroy", "hypothetical"),
        ("Congress has the authority to take witnesses into custody.", "take", "hypothetical"),
        ("The army destroyed the bridge to stop the advance.", "destroyed", "asserted"),
        ("South Korea fears an invasion from the north.", "invasion", "hypothetical"),
        ("A deal is possible by next week, officials said.", "deal", "hypothetical"),
        ("If Russia invades Ukraine, NATO will respond.", "respond", "hypothetical"),
        ("Unless Russia withdraws, NATO will respond.", "respond", "hypothetical"),
        ("When Russia withdrew, NATO responded.", "responded", "asserted"),
        ("Iran is to hold talks with France.", "hold", "planned"),
        # an obligation is a demand or a judgement, not a deed (one that had to be done was)
        ("China must stop intimidating Taiwan.", "intimidating", "hypothetical"),
        ("The sanctions should be lifted, he said.", "lifted", "hypothetical"),
        ("The army had to withdraw from the town.", "withdraw", "asserted"),
        # an option weighed is no deed yet, nor a plan; what is judged happened
        ("Japan is considering sending aid to North Korea.", "sending", "hypothetical"),
        ("The EU weighs new sanctions on Russia.", "sanctions", "hypothetical"),
        ("Police considered the killing a murder.", "killing", "asserted"),
        # what one wishes others do is no deed; a wish to act oneself is a plan
        ("Turkey voiced hope that Greece will help it.", "help", "hypothetical"),
        ("He said he hoped his daughter had been freed.", "freed", "hypothetical"),
        ("Russia hopes to meet Ukraine next week.", "meet", "planned"),
        ("He hopes the arrest serves as a warning.", "arrest", "asserted"),
        # questions: the interviewer asks, nobody acts
        ("Do you think Taiwan will upgrade its defences?", "upgrade", "hypothetical"),
        ('He asked: "Did the army attack the convoy?"', "attack", "hypothetical"),
    ],
)
def test_hypothetical_capability_generic_and_condition(
    sentence: str, trigger: str, expected: str
) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, published=PUBLISHED) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("The ministry did not respond to the request.", "request", "asserted"),
        ("The ministry did not attend the meeting in Paris.", "meeting", "negated"),
        ("The ministry did not hold talks with Iran.", "talks", "negated"),
        ("Germany is reluctant to endorse the plan.", "endorse", "negated"),
        ("Iran is unwilling to resume talks with France.", "talks", "negated"),
        ("The ministry did not agree to talks with Iran.", "talks", "negated"),
        ("The ministry did not respond to a request.", "request", "negated"),
        ("He said dialogue with Kim was impossible now.", "dialogue", "negated"),
    ],
)
def test_negation_reaches_the_event_only_through_its_own_clause(
    sentence: str, trigger: str, expected: str
) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, published=PUBLISHED) == expected


def test_past_perfect_in_the_narrators_voice_is_background() -> None:
    parsed, i = trigger_index("She drove a car that police had seized.", "seized")
    assert modality_of(parsed, i, published=PUBLISHED) == "historical"
    source = Attribution(kind="named_source", text="police")
    assert modality_of(parsed, i, published=PUBLISHED, attribution=source) != "historical"
    recent = TimeValue("on Friday", "2017-12-15", "day", "relative")
    assert modality_of(parsed, i, when=recent, published=PUBLISHED) == "asserted"


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Tehran has previously rejected the accusations.", "rejected", "historical"),
        ("Moscow has long opposed the enlargement of the alliance.", "opposed", "historical"),
        ("Tehran has rejected the accusations.", "rejected", "asserted"),
        # an ongoing campaign of demands is news, not background
        ("Western states have repeatedly called on China to act.", "called", "asserted"),
    ],
)
def test_an_adverb_of_the_past_makes_background(sentence: str, trigger: str, expected: str) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, published=PUBLISHED) == expected
    recent = TimeValue("on Friday", "2017-12-15", "day", "relative")
    assert modality_of(parsed, i, when=recent, published=PUBLISHED) == "asserted"


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # who a named person is, told by their past
        ("The plan was criticized by John Roe, a former minister who resigned over the war.",
         "resigned", "historical"),
        ("Jane Roe, an envoy who led talks with the rebels, urged calm.", "led", "historical"),
        # a relative clause on a noun that is no one's description is the story's own
        ("The minister who resigned over the war criticized the plan.", "resigned", "asserted"),
    ],
)  # fmt: skip
def test_the_past_that_introduces_a_person_is_background(
    sentence: str, trigger: str, expected: str
) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, published=PUBLISHED) == expected


def test_claim_and_hedge_tables() -> None:
    assert {"say", "tell", "report"} <= cues("claim")
    assert "note" not in cues("claim")  # framing a fact is not a claim
    assert {"allege", "allegedly", "reportedly", "suggest"} <= cues("reported")
    assert "capable" in cues("hypothetical")
    for word in cues("claim") | cues("reported"):
        assert word == word.lower() and " " not in word


def test_planned_wins_over_reported_and_negation_over_all() -> None:
    parsed, i = trigger_index("Reuters reported that Iran will not attack Iraq.", "attack")
    assert modality_of(parsed, i, attribution=Attribution(kind="outlet")) == "negated"
    parsed, i = trigger_index("Reuters reported that Iran will attack Iraq.", "attack")
    assert modality_of(parsed, i, attribution=Attribution(kind="outlet")) == "planned"


@pytest.mark.parametrize(
    ("sentence", "trigger", "as_threat", "otherwise"),
    [
        (
            "Ankara warned Washington of consequences if it imposed sanctions.",
            "warned",
            "asserted",
            "hypothetical",  # told of anything else, the condition would hang on it
        ),
        ("If Russia invades, NATO will threaten sanctions.", "threaten", "hypothetical", None),
        # a threat noun made by the verb that the condition hangs on
        (
            "The president issued an ultimatum to Damascus if its troops do not withdraw.",
            "ultimatum",
            "asserted",
            "hypothetical",
        ),
        ("NATO will issue an ultimatum if Russia invades.", "ultimatum", "hypothetical", None),
    ],
)
def test_a_threat_made_on_a_condition_is_made(
    sentence: str, trigger: str, as_threat: str, otherwise: str | None
) -> None:
    parsed, i = trigger_index(sentence, trigger)
    assert modality_of(parsed, i, threat=True) == as_threat
    if otherwise is not None:
        assert modality_of(parsed, i) == otherwise
