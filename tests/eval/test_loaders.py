"""The gold-set loaders on the real files: counts match each PROVENANCE.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from herald.eval import SCORERS, scorer
from herald.eval.splits import split_of

pytestmark = pytest.mark.shared_data


def _balanced(ids: list[str]) -> None:
    """Both halves get between 35% and 65% of a set (expected 50%)."""
    dev = sum(split_of(i) == "dev" for i in ids)
    assert 0.35 < dev / len(ids) < 0.65


def test_plover(shared_data: Path):
    sentences = scorer("plover").load()
    assert len(sentences) == 322
    types = Counter(s.type for s in sentences)
    # 0.5b1 names renamed: DEMAND 34 -> REQUEST, FIGHT 17 + ASSAULT 15 -> ASSAULT,
    # DISAPPROVE 16 + INVESTIGATE 9 -> ACCUSE
    assert types["AGREE"] == 40 and types["REQUEST"] == 34
    assert types["ASSAULT"] == 32 and types["ACCUSE"] == 25
    assert sum(1 for s in sentences if s.recipients) <= 289
    assert len({s.id for s in sentences}) == 321  # COERCE-0004 is used twice
    _balanced([s.id for s in sentences])


def test_conflibert_reads_train_files_only(shared_data: Path):
    module = scorer("conflibert")
    classes, spans = module.load_classes(), module.load_spans()
    assert len(classes) == 1349
    assert len(spans) == 1153
    assert set(Counter(c.label for c in classes)) == {0, 1, 2, 3, 4}
    assert sum(len(s.sources) for s in spans) >= 1094  # B-S tags in train.txt
    _balanced([c.id for c in classes])


def test_acled(shared_data: Path):
    snippets = scorer("acled").load()
    assert len(snippets) == 1019
    counts = Counter(s.acled_type for s in snippets)
    assert (counts["ARMED_CLASH"], counts["DISR_WEAP"], counts["PEACE_PROTEST"]) == (66, 58, 57)
    assert set(counts) <= set(scorer("acled").acled_mapping())
    _balanced([s.id for s in snippets])


def test_timebank(shared_data: Path):
    docs = scorer("timebank").load()
    assert len(docs) == 183 + 73
    # 2112 TIMEX3 in the folder = 1822 in the texts + 256 creation times + 34 in testpipeline/
    assert sum(len(d.timexes) for d in docs) == 1822
    assert all(d.dct is not None for d in docs)
    for doc in docs[:20]:
        assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)
    _balanced([d.id for d in docs])


def test_timelines(shared_data: Path):
    module = scorer("timelines")
    docs, entries = module.load_documents(), module.load_entries()
    assert len(docs) == 90
    assert len(entries) == 761
    timelines = [p for c in module.corpora() for p in (c / "TimeLines_Gold_Standard").glob("*")]
    assert len(timelines) == 39
    known = {d.id for d in docs}
    assert sum(1 for e in entries if e.doc(known) is None) == 0
    doc = docs[0]
    assert all(doc.text[s:e].strip() for s, e in doc.sentences)


def test_quotes(shared_data: Path):
    module = scorer("quotes")
    folder = shared_data / "polnear_dev" / "data" / "dev"
    files = module.annotation_files(folder)
    assert len(files) == 94
    events = sum(
        1 for path in files for line in path.read_text().splitlines() if line.startswith("E")
    )
    assert events == 2320
    articles = module.load()
    assert len(articles) == 84  # one annotation file per article
    assert any(a.direct for article in articles for a in article.attributions)


def test_places(shared_data: Path):
    module = scorer("places")
    lgl, geovirus = module.load_corpus("lgl"), module.load_corpus("geovirus")
    assert (len(lgl), sum(len(a.toponyms) for a in lgl)) == (588, 5088)
    assert (len(geovirus), sum(len(a.toponyms) for a in geovirus)) == (229, 2170)
    for article in lgl + geovirus:
        assert all(article.text[t.start : t.end] == t.text for t in article.toponyms)
    assert len({a.id for a in lgl}) == 588  # GeoVirus repeats two source URLs
    _balanced([a.id for a in lgl + geovirus])


def test_dates(shared_data: Path):
    pages = scorer("dates").load()
    assert len(pages) == 200
    assert all(page.path.is_file() for page in pages)
    assert sum(1 for page in pages if page.date is None) == 5  # "NaN" in the gold
    assert all(len(page.date) == 10 for page in pages if page.date is not None)


def test_stories(shared_data: Path):
    module = scorer("stories")
    articles = module.load()
    assert len(articles) == 342
    assert all(a.published for a in articles)
    assert len(set(module.gold_clusters(articles).values())) > 1


def test_headlines_fill_every_slot_with_distinct_real_names(shared_data: Path):
    module = scorer("headlines")
    headlines = module.load()
    assert len(headlines) == 375
    assert Counter(h.type for h in headlines)["CONCEDE"] == 65
    assert not any("{" in h.text for h in headlines)
    names = module.fill("{country_1} and {country_2} and {country_3} in {city}").split(" and ")
    assert len(set(names)) == 3
    assert all(module.fill(h.template.strip()) == h.text for h in headlines)  # every run
    _balanced([h.template for h in headlines])


@pytest.mark.slow
def test_plover_scorer_runs_end_to_end(shared_data: Path):
    report = scorer("plover").evaluate("dev", 5, show_progress=False)
    assert report.records == 5
    assert report.ratios["type_accuracy"].total == 5


def test_every_scorer_has_evaluate():
    for name in SCORERS:
        assert callable(scorer(name).evaluate)
