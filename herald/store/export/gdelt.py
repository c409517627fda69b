"""The ``gdelt`` export: herald's events as a GDELT 2.0 event table.

The 61 columns of a GDELT 2.0 events file, in GDELT's order, tab-separated, no header
line (like GDELT's ``*.export.CSV`` files), one row per event; the columns without a
meaning in herald stay empty. ``GDELT_COLUMNS`` maps each column to its DuckDB type, so that
``duckdb.read_csv(path, sep="\t", header=False, columns=GDELT_COLUMNS)`` reads a file back
typed; ``GDELT_VALUES`` says where each value comes from (docs/exports.md has the same table).
"""

from __future__ import annotations

from herald.store.export.codes import CODES_VIEW, events_passing

# 1 when the event's sentence is the first sentence of its document that carries an event
# (computed over every event of the document, before any filter).
_ROOT = '(e."start" = min(e."start") OVER (PARTITION BY e.doc_id))::INTEGER'

# name -> (DuckDB type, SQL expression over the joined rows, what it holds). "NULL" = empty.
GDELT_VALUES: dict[str, tuple[str, str, str]] = {
    "GLOBALEVENTID": ("BIGINT", "('0x' || substr(sha256(e.event_id), 1, 15))::BIGINT",
                      "first 60 bits of sha256(event_id): stable across exports"),
    "SQLDATE": ("INTEGER", "strftime(_day, '%Y%m%d')::INTEGER",
                "event date (publication day when unresolved), YYYYMMDD"),
    "MonthYear": ("INTEGER", "strftime(_day, '%Y%m')::INTEGER", "YYYYMM"),
    "Year": ("INTEGER", "year(_day)", "YYYY"),
    "FractionDate": ("DOUBLE", "round(year(_day) + (dayofyear(_day) - 1) / 365.0, 4)",
                     "year + day-of-year / 365"),
    "Actor1Code": ("VARCHAR", "nullif(concat(a1.country, a1.sector), '')",
                   "first actor: ISO3 country + sector (CAMEO-style, e.g. USAGOV)"),
    "Actor1Name": ("VARCHAR", "upper(a1.name)", "first actor's name, upper case"),
    "Actor1CountryCode": ("VARCHAR", "a1.country", "ISO 3166 alpha-3"),
    "Actor1KnownGroupCode": ("VARCHAR", "NULL", "empty"),
    "Actor1EthnicCode": ("VARCHAR", "NULL", "empty"),
    "Actor1Religion1Code": ("VARCHAR", "NULL", "empty"),
    "Actor1Religion2Code": ("VARCHAR", "NULL", "empty"),
    "Actor1Type1Code": ("VARCHAR", "a1.sector", "PLOVER sector (GOV, MIL, ...)"),
    "Actor1Type2Code": ("VARCHAR", "NULL", "empty"),
    "Actor1Type3Code": ("VARCHAR", "NULL", "empty"),
    "Actor2Code": ("VARCHAR", "nullif(concat(a2.country, a2.sector), '')",
                   "first recipient: ISO3 country + sector"),
    "Actor2Name": ("VARCHAR", "upper(a2.name)", "first recipient's name, upper case"),
    "Actor2CountryCode": ("VARCHAR", "a2.country", "ISO 3166 alpha-3"),
    "Actor2KnownGroupCode": ("VARCHAR", "NULL", "empty"),
    "Actor2EthnicCode": ("VARCHAR", "NULL", "empty"),
    "Actor2Religion1Code": ("VARCHAR", "NULL", "empty"),
    "Actor2Religion2Code": ("VARCHAR", "NULL", "empty"),
    "Actor2Type1Code": ("VARCHAR", "a2.sector", "PLOVER sector"),
    "Actor2Type2Code": ("VARCHAR", "NULL", "empty"),
    "Actor2Type3Code": ("VARCHAR", "NULL", "empty"),
    "IsRootEvent": ("INTEGER", "e._root",
                    "1 for the events of the first sentence of the document that has events"),
    "EventCode": ("VARCHAR", "e.cameo", "CAMEO code of the event, when exactly one fits"),
    "EventBaseCode": ("VARCHAR", "left(e.cameo, 3)", "first three digits of EventCode"),
    "EventRootCode": ("VARCHAR", "left(e.cameo, 2)", "first two digits of EventCode"),
    "QuadClass": ("INTEGER", "ct.quad_class", "1 verbal coop., 2 material coop., 3 verbal "
                  "conflict, 4 material conflict (from the PLOVER type)"),
    "GoldsteinScale": ("DOUBLE", "coalesce(c.goldstein, ct.goldstein)",
                       "herald's Goldstein-style score of the (type, mode), -10..+10"),
    "NumMentions": ("INTEGER", "coalesce(s.events, 1)", "reports (events) in the story"),
    "NumSources": ("INTEGER", "coalesce(s.sources, 0)", "publisher domains in the story"),
    "NumArticles": ("INTEGER", "coalesce(s.documents, 1)", "documents in the story"),
    "AvgTone": ("DOUBLE", "NULL", "empty"),
    **{
        f"Actor{n}Geo_{name}": (kind, "NULL", "empty")
        for n in (1, 2)
        for name, kind in (
            ("Type", "INTEGER"), ("FullName", "VARCHAR"), ("CountryCode", "VARCHAR"),
            ("ADM1Code", "VARCHAR"), ("ADM2Code", "VARCHAR"), ("Lat", "DOUBLE"),
            ("Long", "DOUBLE"), ("FeatureID", "VARCHAR"),
        )
    },
    "ActionGeo_Type": ("INTEGER", (
        "CASE WHEN g.feature = 'country' THEN 1 "
        "WHEN g.feature IN ('admin1', 'province') "
        "THEN (CASE WHEN e.where_country = 'USA' THEN 2 ELSE 5 END) "
        "WHEN g.feature = 'city' THEN (CASE WHEN e.where_country = 'USA' THEN 3 ELSE 4 END) "
        "END"), "1 country, 2 US state, 3 US city, 4 world city, 5 world state"),
    "ActionGeo_FullName": ("VARCHAR", "e.where_name", "gazetteer name of the event's place"),
    "ActionGeo_CountryCode": ("VARCHAR", "e.where_country", "ISO3 (GDELT uses FIPS 10-4)"),
    "ActionGeo_ADM1Code": ("VARCHAR", "NULL", "empty (GDELT's codes are FIPS-based)"),
    "ActionGeo_ADM2Code": ("VARCHAR", "NULL", "empty"),
    "ActionGeo_Lat": ("DOUBLE", "e.where_lat", "latitude"),
    "ActionGeo_Long": ("DOUBLE", "e.where_lon", "longitude"),
    "ActionGeo_FeatureID": ("VARCHAR", "CAST(e.where_geonameid AS VARCHAR)",
                            "GeoNames id (GDELT uses GNS/GNIS ids)"),
    "DATEADDED": ("BIGINT", "strftime(d.ingested_at, '%Y%m%d%H%M%S')::BIGINT",
                  "when herald stored the document, YYYYMMDDHHMMSS UTC"),
    "SOURCEURL": ("VARCHAR", "d.url", "the document's URL"),
}  # fmt: skip


# The table to read a file back with: name -> DuckDB type.
GDELT_COLUMNS: dict[str, str] = {name: kind for name, (kind, _, _) in GDELT_VALUES.items()}


def gdelt_select(where: str = "") -> str:
    """The SELECT that yields the GDELT table of the events under ``where`` (from
    ``filters.where_clause``; needs ``codes.CODES_VIEW`` registered)."""
    columns = ",\n        ".join(
        f"CAST({expression} AS {kind}) AS {name}"
        for name, (kind, expression, _) in GDELT_VALUES.items()
    )
    return f"""
    SELECT {columns}
    FROM (
        SELECT e.*, coalesce(e.event_date, d.published_date) AS _day, {_ROOT} AS _root
        FROM events e LEFT JOIN documents d USING (doc_id)
    ) e
    LEFT JOIN documents d USING (doc_id)
    LEFT JOIN event_actors a1
        ON a1.event_id = e.event_id AND a1.role = 'actor' AND a1.position = 0
    LEFT JOIN event_actors a2
        ON a2.event_id = e.event_id AND a2.role = 'recipient' AND a2.position = 0
    LEFT JOIN {CODES_VIEW} c ON c.type = e.type AND c.mode = coalesce(e.mode, '')
    LEFT JOIN {CODES_VIEW} ct ON ct.type = e.type AND ct.mode = ''
    LEFT JOIN stories s ON s.story_id = e.story_id
    LEFT JOIN (
        SELECT doc_id, geonameid, min(feature) AS feature FROM places
        WHERE geonameid IS NOT NULL GROUP BY ALL
    ) g ON g.doc_id = e.doc_id AND g.geonameid = e.where_geonameid
    {events_passing(where)}
    ORDER BY e._day NULLS LAST, e.doc_id, e."start", e.event_id
    """
