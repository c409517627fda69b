/* herald web UI: a small page router over the JSON API. Plain JS, no build step.
 * Every view is a URL (filters in the query string), so any view can be shared as a link.
 * The DOM is built with createElement/textContent only: article text never becomes HTML. */
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict",
  "material_conflict"];
const MODALITIES = ["asserted", "planned", "reported", "negated", "hypothetical", "historical"];
const FILTERS = ["type", "quad", "modality", "actor", "recipient", "participant", "sector",
  "place", "since", "until", "q", "min_confidence"];
/* Filters set by following a link (an article, a story, an actor across documents): kept in
 * the form as hidden fields, shown as removable chips. */
const LINKED_FILTERS = { doc_id: "article", story_id: "story", identity: "actor",
  actor_identity: "actor", recipient_identity: "recipient" };
const ALL_FILTERS = [...FILTERS, ...Object.keys(LINKED_FILTERS)];

/* ------------------------------------------------------------------ helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function human(text) { return (text || "").replaceAll("_", " "); }

function badge(type, mode, quad) {
  return el("span", { class: `badge q-${quad || "none"}`, title: human(quad) },
    mode ? `${type}/${mode}` : type);
}

async function api(path, params) {
  const query = params ? `?${params}` : "";
  const response = await fetch(`${path}${query}`, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ message: response.statusText }));
  if (!response.ok) {
    const error = new Error(body.message || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function filterParams(search) {
  const out = new URLSearchParams();
  for (const key of ALL_FILTERS) {
    const value = search.get(key);
    if (value) out.set(key, value);
  }
  return out;
}

function link(path, params, label, attrs) {
  const query = params && params.toString() ? `?${params}` : "";
  return el("a", { href: `${path}${query}`, "data-nav": true, ...(attrs || {}) }, label);
}

/* A document's URL comes from whatever was read: a link only for http(s), never javascript: or data:. */
function urlLink(url) {
  let scheme = null;
  try { scheme = new URL(url).protocol; } catch (error) { scheme = null; }
  return scheme === "http:" || scheme === "https:"
    ? el("a", { href: url, rel: "noreferrer noopener" }, url)
    : el("span", { class: "url" }, url);
}

function showError(view, error) {
  view.append(el("p", { class: "error", role: "alert" }, error.message));
}

/* ------------------------------------------------------------------ filters form */

function select(name, label, options, current) {
  const control = el("select", { name, id: `f-${name}` },
    el("option", { value: "" }, "any"),
    options.map((value) => el("option", { value, selected: value === current }, human(value))));
  return el("label", { for: `f-${name}` }, label, control);
}

function input(name, label, current, attrs) {
  return el("label", { for: `f-${name}` }, label,
    el("input", { name, id: `f-${name}`, value: current || "", ...(attrs || {}) }));
}

function filterForm(path, search, extra) {
  const get = (key) => search.get(key) || "";
  const form = el("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    select("type", "Type", TYPES, get("type")),
    select("quad", "Quad class", QUADS, get("quad")),
    select("modality", "Modality", MODALITIES, get("modality")),
    input("actor", "Actor (name or ISO3)", get("actor"), { placeholder: "e.g. USA" }),
    input("recipient", "Recipient", get("recipient")),
    input("participant", "Either side", get("participant")),
    input("sector", "Sector", get("sector"), { placeholder: "GOV, MIL, ..." }),
    input("place", "Place (name or ISO3)", get("place")),
    input("since", "From", get("since"), { type: "date" }),
    input("until", "To", get("until"), { type: "date" }),
    input("q", "Words in evidence", get("q"), { type: "search" }),
    input("min_confidence", "Min confidence", get("min_confidence"),
      { type: "number", min: "0", max: "1", step: "0.05" }),
    extra || null,
    linkedFilters(path, search),
    el("div", { class: "actions" },
      el("button", { type: "submit" }, "Apply"),
      el("button", { type: "button", class: "secondary", onclick: () => navigate(path) },
        "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
    navigate(`${path}${params.toString() ? `?${params}` : ""}`);
  });
  /* On a phone the filters fold away behind a summary that says how many are set. */
  const active = ALL_FILTERS.filter((key) => search.get(key)).length;
  const wide = window.matchMedia("(min-width: 761px)").matches;
  return el("details", { class: "filter-box", open: wide },
    el("summary", {}, active ? `Filters (${active} set)` : "Filters"), form);
}

/* The filters a link set: hidden fields of the form, each shown with a button to drop it. */
function linkedFilters(path, search) {
  const set = Object.keys(LINKED_FILTERS).filter((key) => search.get(key));
  if (!set.length) return null;
  return el("div", { class: "chips" }, set.map((key) => {
    const without = new URLSearchParams(search);
    without.delete(key);
    without.delete("cursor");
    const label = search.get(`${key}_label`) || search.get(key);
    return el("span", { class: "chip" },
      el("input", { type: "hidden", name: key, value: search.get(key) }),
      search.get(`${key}_label`)
        ? el("input", { type: "hidden", name: `${key}_label`, value: search.get(`${key}_label`) }) : null,
      `${LINKED_FILTERS[key]}: ${label} `,
      link(path, without, "×", { "aria-label": `Remove the ${LINKED_FILTERS[key]} filter` }));
  }));
}

/* ------------------------------------------------------------------ events list */

function sortControl(current) {
  /* A plan is listed at the day it was reported, not years ahead of today's news. */
  const sorts = [["-date", "newest first (plans at their report date)"], ["date", "oldest first"],
    ["-confidence", "most confident"], ["confidence", "least confident"], ["type", "type"]];
  return choice("sort", "Sort", sorts, current);
}

function placeOf(item) {
  return item.where_name ? `${item.where_name}${item.where_country ? ` (${item.where_country})` : ""}` : "";
}

function eventRow(item) {
  const open = `/events/${encodeURIComponent(item.event_id)}`;
  const row = el("tr", { "data-event": item.event_id },
    el("td", { class: "date" }, item.event_date || el("span", { class: "muted" }, "undated")),
    el("td", {}, el("a", { href: open, "data-nav": true, class: "open" },
      badge(item.type, item.mode, item.quad))),
    el("td", {}, item.actor_names || ""),
    el("td", { class: "recipient" }, item.recipient_names || ""),
    el("td", { class: "hide-narrow" }, placeOf(item)),
    el("td", { class: "modality" }, item.modality),
    el("td", { class: "evidence" }, item.evidence),
    el("td", { class: "title hide-narrow" }, item.title || el("span", { class: "muted" }, "untitled")),
    el("td", { class: "source hide-narrow" }, item.source || ""),
    el("td", { class: "date hide-narrow" }, item.published_date || ""),
    el("td", { class: "num hide-narrow" }, item.confidence.toFixed(2)));
  row.addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    navigate(open);
  });
  return row;
}

const EVENT_COLUMNS = [["Event date", "when it happened (or is planned)"], ["Type"], ["Actor"],
  ["Recipient"], ["Place", null, true], ["Modality"], ["Evidence"], ["Title", null, true],
  ["Source", null, true], ["Published", "when the article came out", true], ["Conf.", null, true]];

function eventsTable(items) {
  return el("div", { class: "table-wrap" },
    el("table", { id: "events" },
      el("thead", {}, el("tr", {}, EVENT_COLUMNS.map(([label, title, narrow]) =>
        el("th", { scope: "col", title, class: narrow ? "hide-narrow" : null }, label)))),
      el("tbody", {}, items.map(eventRow))));
}

/* Links to the whole filtered view as a file: the same filters and order as the table. */
function downloads(params, sort) {
  const query = (format) => {
    const q = new URLSearchParams(params);
    q.set("sort", sort);
    q.set("format", format);
    return `/api/download?${q}`;
  };
  return el("span", { class: "downloads" }, "Download this view: ",
    el("a", { href: query("csv"), download: "", id: "download-csv" }, "CSV"), " · ",
    el("a", { href: query("parquet"), download: "", id: "download-parquet" }, "Parquet"));
}

async function eventsView(view, search) {
  document.title = "Events · herald";
  view.append(el("h1", {}, "Events"),
    filterForm("/events", search, sortControl(search.get("sort") || "-date")));
  const params = filterParams(search);
  const query = new URLSearchParams(params);
  for (const key of ["sort", "cursor", "limit"]) if (search.get(key)) query.set(key, search.get(key));
  const status = el("div", { class: "summary", "aria-live": "polite" }, "Loading…");
  view.append(status);
  let page;
  try {
    page = await api("/api/events", query);
  } catch (error) {
    status.remove();
    showError(view, error);
    return;
  }
  status.replaceChildren(
    el("strong", { id: "total" }, `${page.total.toLocaleString()} events`),
    link("/timeline", params, "as a timeline"), link("/network", params, "as a network"),
    link("/map", params, "on the map"), link("/stories", params, "as stories"),
    downloads(params, search.get("sort") || "-date"));
  if (!page.items.length) {
    view.append(el("p", { class: "muted" }, "No events match these filters."));
    return;
  }
  view.append(eventsTable(page.items));
  const pager = el("div", { class: "pager" });
  if (search.get("cursor")) {
    const first = new URLSearchParams(search);
    first.delete("cursor");
    pager.append(link("/events", first, "« First page"));
  }
  if (page.next_cursor) {
    const next = new URLSearchParams(search);
    next.set("cursor", page.next_cursor);
    pager.append(link("/events", next, "Next page »", { rel: "next", id: "next-page" }));
  }
  view.append(pager);
}

/* ------------------------------------------------------------------ one event */

/* The article as DOM: the evidence sentence in a <mark>, the event's parts in spans. */
function markedText(text, span, marks) {
  /* Trailing blank lines belong to the paragraph break, not to the sentence. */
  const evidence = { start: span.start, end: span.end };
  while (evidence.end > evidence.start && /\s/.test(text[evidence.end - 1])) evidence.end -= 1;
  while (evidence.start < evidence.end && /\s/.test(text[evidence.start])) evidence.start += 1;
  const inside = marks.filter((m) => m.start >= evidence.start && m.end <= evidence.end && m.start < m.end);
  const cuts = new Set([evidence.start, evidence.end]);
  for (const mark of inside) { cuts.add(mark.start); cuts.add(mark.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const sentence = el("mark", { class: "evidence", id: "evidence", tabindex: "-1" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const kinds = inside.filter((m) => m.start <= from && m.end >= to).map((m) => `m-${m.kind}`);
    const piece = text.slice(from, to);
    sentence.append(kinds.length ? el("span", { class: kinds.join(" ") }, piece) : piece);
  }
  return el("div", { class: "article", id: "article" },
    text.slice(0, evidence.start), sentence, text.slice(evidence.end));
}

function names(participants, role) {
  return participants.filter((p) => p.role === role)
    .map((p) => `${p.name}${p.country ? ` (${p.country})` : ""}${p.sector ? ` ${p.sector}` : ""}`)
    .join("; ") || "—";
}

function quoteList(quotes) {
  if (!quotes.length) return el("p", { class: "muted" }, "No quotes in this article.");
  return el("ol", { class: "quotes" }, quotes.map((q) =>
    el("li", { class: q.overlaps_evidence ? "related" : null },
      `“${q.text}” `,
      el("span", { class: "muted" },
        `— ${q.speaker_name || q.speaker_text || "unknown speaker"}${q.anonymous ? " (anonymous)" : ""}`))));
}

async function eventView(view, eventId) {
  let event;
  try {
    event = await api(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    view.append(el("h1", {}, "Event"));
    showError(view, error);
    return;
  }
  const doc = event.document || { text: "" };
  document.title = `${event.type} · ${doc.title || "event"} · herald`;
  const when = event.event_date
    ? `${event.event_date}${event.when_value && event.when_value !== event.event_date ? ` (${event.when_value})` : ""}${event.when_text && event.when_text !== event.event_date ? ` “${event.when_text}”` : ""}`
    : "undated";
  const where = placeOf(event) || "—";
  const facts = [["Actor", names(event.participants, "actor")],
    ["Recipient", names(event.participants, "recipient")], ["Event date", when],
    ["Published", doc.published || "unknown"], ["Where", where],
    ["Modality", event.modality],
    ["Attribution", `${human(event.attribution_kind)}${event.attribution_text ? `: ${event.attribution_text}` : ""}`],
    ["Confidence", event.confidence.toFixed(2)], ["CAMEO", event.cameo || "—"],
    ["Contexts", (event.contexts || []).join(", ") || "—"]];
  view.append(
    el("p", {}, link("/events", null, "« All events")),
    el("h1", {}, badge(event.type, event.mode, event.quad), " ", doc.title || (doc.id || "").split("/").pop() || event.doc_id),
    el("p", { class: "muted", id: "event-source" },
      [doc.published ? `Published ${doc.published}` : null, event.source || doc.publisher,
        doc.url ? urlLink(doc.url) : null]
        .filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part]))),
    el("dl", { class: "event-head" }, facts.map(([label, value]) =>
      el("div", {}, el("dt", {}, label), el("dd", {}, value)))));
  const legend = el("div", { class: "legend", "aria-label": "Legend" },
    el("span", { class: "evidence-key" }, el("mark", { class: "evidence" }, "evidence sentence")),
    el("span", { class: "m-actor" }, "actor"), el("span", { class: "m-recipient" }, "recipient"),
    el("span", { class: "m-date" }, "date"), el("span", { class: "m-place" }, "place"),
    el("span", { class: "m-trigger" }, "trigger"));
  const story = event.same_story || { items: [] };
  view.append(el("div", { class: "two-col" },
    el("section", { "aria-labelledby": "h-article" },
      el("h2", { id: "h-article" }, "Article"), legend,
      markedText(doc.text, event.evidence, event.marks || [])),
    el("section", {},
      el("h2", {}, "Quotes"), quoteList(event.quotes || []),
      el("h2", {}, "Other articles on the same story"),
      event.story_id
        ? el("p", {}, link(`/stories/${encodeURIComponent(event.story_id)}`, null, "The whole story",
          { id: "story-link" }))
        : null,
      story.items.length
        ? el("ul", { id: "same-story-list" }, story.items.map((item) => el("li", {},
          link(`/events/${encodeURIComponent(item.event_id)}`, null, item.title || item.event_id),
          ` — ${item.source || ""}, published ${item.published_date || "?"}`)))
        : el("p", { class: "muted", id: "same-story" }, story.note || "No other reports found."),
      el("h2", {}, "Document"),
      el("p", {}, link("/events", new URLSearchParams({ doc_id: event.doc_id }), "All events of this article")))));
  const mark = document.getElementById("evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

/* ------------------------------------------------------------------ stories */

function storyRow(story) {
  const open = `/stories/${encodeURIComponent(story.story_id)}`;
  const who = [story.actor_names, story.recipient_names].filter(Boolean).join(" → ");
  return el("tr", { "data-story": story.story_id },
    el("td", {}, link(open, null, story.title || story.story_id, { class: "open" })),
    el("td", {}, story.type ? badge(story.type, story.mode, story.quad) : ""),
    el("td", { class: "date" }, story.event_date || ""),
    el("td", {}, who),
    el("td", { class: "hide-narrow" }, placeOf(story)),
    el("td", { class: "num" }, story.documents ?? ""),
    el("td", { class: "num hide-narrow" }, story.sources ?? ""),
    el("td", { class: "date hide-narrow" }, story.first_report || ""));
}

async function storiesView(view, search) {
  document.title = "Stories · herald";
  view.append(el("h1", {}, "Stories"),
    el("p", { class: "muted" }, "A story is one real event reported by one or more articles."),
    filterForm("/stories", search));
  const query = filterParams(search);
  for (const key of ["limit", "offset"]) if (search.get(key)) query.set(key, search.get(key));
  let data;
  try {
    data = await api("/api/stories", query);
  } catch (error) {
    showError(view, error);
    return;
  }
  view.append(el("p", { class: "summary" }, el("strong", { id: "stories-total" },
    `${data.total.toLocaleString()} stories`), data.note ? ` — ${data.note}` : ""));
  if (!data.items.length) return;
  const head = [["Story"], ["Type"], ["Event date"], ["Who"], ["Place", true], ["Articles"],
    ["Sources", true], ["First report", true]];
  view.append(el("div", { class: "table-wrap" }, el("table", { id: "stories" },
    el("thead", {}, el("tr", {}, head.map(([label, narrow]) =>
      el("th", { scope: "col", class: narrow ? "hide-narrow" : null }, label)))),
    el("tbody", {}, data.items.map(storyRow)))));
  const offset = Number(search.get("offset") || 0);
  const shown = offset + data.items.length;
  if (shown < data.total) {
    const next = new URLSearchParams(search);
    next.set("offset", String(shown));
    view.append(el("div", { class: "pager" }, link("/stories", next, "Next page »", { rel: "next" })));
  }
}

function reportItem(report) {
  const heading = report.url ? urlLink(report.url) : null;
  return el("li", { class: "report" },
    el("h3", {}, report.title || report.doc_id),
    el("p", { class: "muted" }, [report.source, report.published ? `published ${report.published}` : null,
      heading].filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part]))),
    el("ul", { class: "report-events" }, report.events.map((event) => el("li", {},
      link(`/events/${encodeURIComponent(event.event_id)}`, null,
        badge(event.type, event.mode, event.quad), { class: "open" }),
      ` ${event.event_date ? `on ${event.event_date}: ` : ""}`, event.evidence))));
}

async function storyView(view, storyId) {
  let story;
  try {
    story = await api(`/api/stories/${encodeURIComponent(storyId)}`);
  } catch (error) {
    view.append(el("h1", {}, "Story"));
    showError(view, error);
    return;
  }
  document.title = `${story.title || "Story"} · herald`;
  const facts = [["What", story.type ? badge(story.type, story.mode, story.quad) : "—"],
    ["Who", [story.actor_names, story.recipient_names].filter(Boolean).join(" → ") || "—"],
    ["Event date", story.event_date || "—"], ["Where", placeOf(story) || "—"],
    ["Articles", String(story.documents ?? story.reports.length)],
    ["Sources", (story.source_domains || []).join(", ") || "—"],
    ["Reported", [story.first_report, story.last_report].filter(Boolean).join(" to ") || "—"]];
  view.append(
    el("p", {}, link("/stories", null, "« All stories")),
    el("h1", {}, story.title || story.story_id),
    el("dl", { class: "event-head" }, facts.map(([label, value]) =>
      el("div", {}, el("dt", {}, label), el("dd", {}, value)))),
    el("p", {}, link("/events", new URLSearchParams({ story_id: story.story_id }),
      "These events in the events table"), " · ",
    link("/map", new URLSearchParams({ story_id: story.story_id }), "on the map")),
    el("h2", {}, `Reports (${story.reports.length})`),
    el("ol", { class: "reports", id: "reports" }, story.reports.map(reportItem)));
}

/* ------------------------------------------------------------------ charts views */

/* A chart's own settings (not filters of events), with the value each takes by default. */
function setting(search, defaults, key) { return search.get(key) || defaults[key] || ""; }

function choice(name, label, options, current) {
  return el("label", { for: `f-${name}` }, label,
    el("select", { name, id: `f-${name}` }, options.map(([value, text]) =>
      el("option", { value, selected: value === current }, text))));
}

async function chartView(view, search, title, path, controls, endpoint, draw, defaults = {}) {
  document.title = `${title} · herald`;
  view.append(el("h1", {}, title), filterForm(path, search, controls));
  const holder = el("div", { class: "chart-holder", "aria-live": "polite" }, "Loading…");
  view.append(holder);
  try {
    const query = filterParams(search);
    for (const key of ["interval", "by", "min_count", "window", "level", "limit"]) {
      const value = setting(search, defaults, key);
      if (value) query.set(key, value);
    }
    const data = await api(endpoint, query);
    holder.replaceChildren();
    await draw(holder, data, filterParams(search));
  } catch (error) {
    holder.replaceChildren();
    showError(holder, error);
  }
}

const TIMELINE_DEFAULTS = { interval: "month", by: "quad", window: "core" };

function timelineView(view, search) {
  const get = (key) => setting(search, TIMELINE_DEFAULTS, key);
  const controls = [
    choice("interval", "Per", [["day", "day"], ["week", "week"], ["month", "month"]], get("interval")),
    choice("by", "Stacked by", [["quad", "quad class"], ["type", "type"]], get("by")),
    choice("window", "Dates shown", [["core", "2nd–98th percentile"], ["all", "all dates"]],
      get("window"))];
  return chartView(view, search, "Timeline", "/timeline", controls, "/api/timeline",
    (holder, data, params) => window.heraldCharts.timeline(holder, data, params), TIMELINE_DEFAULTS);
}

const NETWORK_DEFAULTS = { level: "person", limit: "30" };

function networkView(view, search) {
  const get = (key) => setting(search, NETWORK_DEFAULTS, key);
  const controls = [
    choice("level", "Nodes", [["person", "persons"], ["actor", "all actors"], ["country", "countries"]],
      get("level")),
    input("limit", "Top pairs", get("limit"), { type: "number", min: "1", max: "500", step: "1" }),
    input("min_count", "Min events per pair", search.get("min_count"),
      { type: "number", min: "1", step: "1" })];
  return chartView(view, search, "Actor network", "/network", controls, "/api/network",
    (holder, data, params) => window.heraldCharts.network(holder, data, params), NETWORK_DEFAULTS);
}

function mapView(view, search) {
  return chartView(view, search, "Map of events", "/map", null, "/api/places",
    async (holder, data, params) => {
      const world = await api("/static/world.json");
      window.heraldCharts.map(holder, world, data, params);
    });
}

/* ------------------------------------------------------------------ actors */

async function actorsView(view, search) {
  document.title = "Actors · herald";
  const form = el("form", { class: "filters", role: "search" },
    input("q", "Name contains", search.get("q")),
    input("country", "Country (ISO3)", search.get("country"), { maxlength: "3" }),
    input("sector", "Sector", search.get("sector")),
    el("div", { class: "actions" }, el("button", { type: "submit" }, "Apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
    navigate(`/actors?${params}`);
  });
  view.append(el("h1", {}, "Actors"), form);
  let data;
  try {
    const query = new URLSearchParams(search);
    query.set("months", "false");  /* the table shows no months: a lighter query */
    data = await api("/api/actors", query);
  } catch (error) {
    showError(view, error);
    return;
  }
  view.append(el("p", { class: "summary" }, `${data.total.toLocaleString()} actors across documents ` +
    "(the spellings of one actor counted together)"),
    el("div", { class: "table-wrap" }, el("table", { id: "actors" },
      el("thead", {}, el("tr", {}, ["Actor", "Also written", "Country", "Sector", "Events",
        "Articles", "As actor", "As recipient", "Titles", "Active"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, data.items.map((a) => el("tr", {},
        el("td", {}, link("/events", new URLSearchParams({ identity: a.identity_id, identity_label: a.name }),
          a.name, { class: "actor" })),
        el("td", { class: "variants" }, alsoWritten(a)),
        el("td", {}, a.country || ""), el("td", {}, a.sector || ""),
        el("td", { class: "num" }, a.events), el("td", { class: "num" }, a.documents),
        el("td", { class: "num" }, a.as_actor), el("td", { class: "num" }, a.as_recipient),
        el("td", {}, a.roles.map((r) => r.role).join(", ")),
        el("td", {}, [a.first_date, a.last_date].filter(Boolean).join(" – "))))))));
}

/* The other names of an actor, each with why it was merged (hover for the evidence). */
const MERGE_RULES = { spelling: "same name spelled differently", surname: "surname of the one full name",
  country_of_name: "same name, country from elsewhere", country: "names of the same country" };
function alsoWritten(actor) {
  const seen = new Set([actor.name]);
  const others = actor.merges.filter((m) => !seen.has(m.name) && seen.add(m.name));
  return others.map((m, i) => el("span", {
    title: `${MERGE_RULES[m.rule] || m.rule}: ${(m.evidence || []).join(", ")}` },
  i ? ", " : "", m.name));
}

/* ------------------------------------------------------------------ try an article */

function extractedRows(result) {
  return (result.events || []).map((e) => el("tr", {},
    el("td", {}, badge(e.type, e.mode, quadOf(e.type))),
    el("td", {}, e.actor.map((a) => a.name).join("; ")),
    el("td", {}, e.recipient.map((a) => a.name).join("; ")),
    el("td", {}, e.when ? (e.when.value || e.when.text) : ""),
    el("td", {}, e.where ? (e.where.name || e.where.text) : ""),
    el("td", {}, e.modality),
    el("td", { class: "evidence" }, e.evidence.sentence)));
}

const QUAD_OF = {
  AGREE: 0, CONSULT: 0, SUPPORT: 0, CONCEDE: 0, COOPERATE: 1, AID: 1, RETREAT: 1, REQUEST: 2,
  ACCUSE: 2, REJECT: 2, THREATEN: 2, PROTEST: 3, SANCTION: 3, MOBILIZE: 3, COERCE: 3, ASSAULT: 3,
};
function quadOf(type) { return QUADS[QUAD_OF[type]]; }

function tryView(view) {
  document.title = "Try an article · herald";
  const text = el("textarea", { id: "article-text", name: "text", required: true,
    placeholder: "Paste the text (or HTML) of a news article here…" });
  const date = el("input", { type: "date", id: "article-date", name: "date" });
  const out = el("div", { id: "extract-result", "aria-live": "polite" });
  const form = el("form", { class: "try-form" },
    el("label", { for: "article-text" }, "Article text or HTML", text),
    el("div", { class: "try-row" },
      el("label", { for: "article-date" }, "Publication date (optional)", date),
      el("button", { type: "submit", id: "extract-button" }, "Find events")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    out.replaceChildren(el("p", {}, "Reading the article…"));
    const content = text.value;
    const body = /^\s*</.test(content) ? { html: content } : { text: content };
    if (date.value) body.date = date.value;
    try {
      const response = await fetch("/api/extract", { method: "POST",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const result = await response.json();
      if (!response.ok) throw new Error(result.message || `HTTP ${response.status}`);
      const stored = response.headers.get("X-Herald-Stored") === "true";
      out.replaceChildren(
        el("p", { class: "summary" }, el("strong", { id: "extract-count" },
          `${result.events.length} events`),
          ` · ${result.actors.length} actors · ${result.quotes.length} quotes`,
          stored ? " · stored in the database" : " · not stored (server is read-only)"),
        result.events.length ? el("div", { class: "table-wrap" }, el("table", { id: "extracted" },
          el("thead", {}, el("tr", {}, ["Type", "Actor", "Recipient", "When", "Where",
            "Modality", "Evidence"].map((h) => el("th", { scope: "col" }, h)))),
          el("tbody", {}, extractedRows(result)))) : el("p", { class: "muted" }, "No events found."));
    } catch (error) {
      out.replaceChildren();
      showError(out, error);
    }
  });
  view.append(el("h1", {}, "Try an article"),
    el("p", { class: "muted" }, "herald reads the article on the server and shows the events it finds."),
    form, out);
}

/* ------------------------------------------------------------------ router */

async function showStats() {
  try {
    const stats = await api("/api/stats");
    const c = stats.counts;
    document.getElementById("dbstats").textContent =
      `${c.events.toLocaleString()} events · ${c.documents.toLocaleString()} documents` +
      (stats.event_dates.first ? ` · ${stats.event_dates.first} to ${stats.event_dates.last}` : "");
  } catch (error) {
    document.getElementById("dbstats").textContent = `database unavailable: ${error.message}`;
  }
}

function route(path) {
  if (path.startsWith("/events/")) return ["event", decodeURIComponent(path.slice(8))];
  if (path.startsWith("/stories/")) return ["story", decodeURIComponent(path.slice(9))];
  const name = path.replace(/^\/+|\/+$/g, "") || "events";
  return [name, null];
}

const VIEWS = { events: eventsView, stories: storiesView, timeline: timelineView, network: networkView,
  map: mapView, actors: actorsView, try: tryView };

async function render() {
  const view = document.getElementById("view");
  const [name, key] = route(window.location.pathname);
  const search = new URLSearchParams(window.location.search);
  view.replaceChildren();
  view.setAttribute("aria-busy", "true");
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    const parent = { event: "events", story: "stories" }[name];
    a.toggleAttribute("aria-current", a.dataset.view === name || a.dataset.view === parent);
    if (a.hasAttribute("aria-current")) a.setAttribute("aria-current", "page");
  }
  try {
    if (name === "event") await eventView(view, key);
    else if (name === "story") await storyView(view, key);
    else if (VIEWS[name]) await VIEWS[name](view, search);
    else view.append(el("h1", {}, "Not found"), el("p", {}, link("/events", null, "Go to the events")));
  } finally {
    view.removeAttribute("aria-busy");
    document.body.dataset.view = name;
  }
}

function navigate(url) {
  window.history.pushState({}, "", url);
  render().then(() => document.getElementById("view").focus({ preventScroll: true }));
}

document.addEventListener("click", (event) => {
  const a = event.target.closest("a[data-nav]");
  if (!a || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(a.getAttribute("href"));
});
/* The SVG charts link with data-nav too; keyboard users press Enter on them. */
document.addEventListener("keydown", (event) => {
  if (event.key === "/" && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
    const box = document.querySelector("details.filter-box");
    if (box) box.open = true;
    const first = document.querySelector("form.filters input, #article-text");
    if (first) { event.preventDefault(); first.focus(); }
  }
});
window.addEventListener("popstate", render);
window.heraldNavigate = navigate;
showStats();
render();
