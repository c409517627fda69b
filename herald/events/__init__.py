"""events: typed PLOVER events with parties, date, place, modality and evidence.

See docs/architecture.md.
"""

from herald.events.stage import find_events

__all__ = ["find_events"]
