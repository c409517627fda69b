"""``herald link`` end to end on a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from herald.cli.app import cli
from herald.link.stage import pending_events
from herald.store.database import Store
from tests.link.test_link import CHINA, partition, report


def stored_file(path: Path) -> None:
    with Store.open(path) as store:
        store.write(
            [
                report("a", "2017-12-18"),
                report("b", "2017-12-19"),
                report("c", "2018-03-01", actor=(CHINA,), recipient=()),
            ]
        )


def test_link_links_the_pending_events_then_relinks_all(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    stored_file(path)
    runner = CliRunner()
    result = runner.invoke(cli, ["link", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "linked 3 events" in result.output
    with Store.open(path) as store:
        assert pending_events(store) == 0
        first = partition(store)
    assert len(set(first.values())) == 2
    again = runner.invoke(cli, ["link", "--db", str(path), "--quiet"])
    assert again.exit_code == 0 and again.output == ""
    relinked = runner.invoke(cli, ["link", "--db", str(path), "--all"])
    assert relinked.exit_code == 0, relinked.output
    assert "linked 3 events" in relinked.output
    with Store.open(path) as store:
        assert partition(store) == first


def test_link_in_small_batches_makes_the_same_stories(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    stored_file(path)
    runner = CliRunner()
    assert runner.invoke(cli, ["link", "--db", str(path), "--quiet"]).exit_code == 0
    with Store.open(path) as store:
        whole = partition(store)
    # one event a transaction: three commits, the same stories
    result = runner.invoke(cli, ["link", "--db", str(path), "--all", "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "linked 3 events" in result.output
    with Store.open(path) as store:
        assert partition(store) == whole
    refused = runner.invoke(cli, ["link", "--db", str(path), "--batch", "0"])
    assert refused.exit_code == 2


def test_link_help_shows_an_example() -> None:
    result = CliRunner().invoke(cli, ["link", "--help"])
    assert result.exit_code == 0
    assert "herald link --db events.duckdb" in result.output


def test_link_refuses_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["link", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert not (tmp_path / "none.duckdb").exists()
