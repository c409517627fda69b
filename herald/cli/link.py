"""``herald link``: link the stored events into stories (the main CLI registers it)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from herald.cli.options import database_option
from herald.cli.progress import progress_bar


@click.command("link")
@database_option()
@click.option("--all", "relink", is_flag=True, help="Forget every story and link everything again.")
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=None,
    help="Events linked per batch (default 16,000): fewer use less memory and more time.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def link_command(db: Path, relink: bool, batch: int | None, quiet: bool) -> None:
    """Link the events of a DuckDB file into stories: reports of one real event.

    Then group its documents into coverages: the reports of one news story, by their
    titles and ledes, or through the stories of the events they report first.

    Events stored without a story (pending) are linked; the others keep theirs. Linking
    goes in batches, and the stories are written at the end (every million events on a
    larger archive): a run cut short keeps what it wrote, and running the command again
    finishes the rest. `herald extract --db` links at its end
    too; this command finishes a link that failed there, or (--all) redoes every story
    after an upgrade of herald's linking rules.

    \b
    Examples:
      herald link --db events.duckdb
      herald link --db events.duckdb --all
      herald link --db events.duckdb --batch 4000    # a machine short of memory
    """
    from herald.link.stage import BATCH_EVENTS, link_new, pending_events, relink_all
    from herald.store.database import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        total = store.counts()["events"] if relink else pending_events(store)
        with progress_bar(total, not quiet, unit="event", desc="link") as bar:
            run = relink_all if relink else link_new
            summary = run(store, batch or BATCH_EVENTS, progress=bar.update)
    if not quiet:
        click.echo(
            f"herald: linked {summary.events_linked} events ({summary.links} links among "
            f"{summary.candidate_pairs} pairs compared, {summary.weak_links} weak ones that "
            f"their articles do not corroborate) and gave {summary.documents_covered} documents "
            f"their coverage ({summary.coverage_links} links between reports of one news "
            f"story) in {time.perf_counter() - started:.1f}s",
            err=True,
        )
