/* herald web UI: the three charts, drawn as plain SVG (no chart library).
 * Each mark is an SVG <a> to the matching events list, so charts work with the keyboard. */
"use strict";

(function charts() {
  const NS = "http://www.w3.org/2000/svg";
  const QUAD_COLOURS = {
    verbal_cooperation: "#4c9be8", material_cooperation: "#1f7a4d",
    verbal_conflict: "#e8a33d", material_conflict: "#c53a32", unknown: "#8a93a0",
  };
  /* 16 distinguishable colours for the types, cooperation blues/greens to conflict reds. */
  const TYPE_COLOURS = ["#9ecae1", "#4c9be8", "#2166ac", "#5e3c99", "#a6dba0", "#1f7a4d",
    "#66bd63", "#fee08b", "#e8a33d", "#d9822b", "#b35806", "#f4a582", "#d6604d", "#c53a32",
    "#8c1a1a", "#4d0f0f"];
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
    "ASSAULT"];

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function colourOf(by, key) {
    if (by === "quad") return QUAD_COLOURS[key] || QUAD_COLOURS.unknown;
    const i = TYPES.indexOf(key);
    return i >= 0 ? TYPE_COLOURS[i] : QUAD_COLOURS.unknown;
  }

  /* A filter with the names that its ids stand for, for the events page to show. */
  function labelled(filter, names) {
    const out = { ...filter };
    for (const [key, name] of Object.entries(names)) if (key in out) out[`${key}_label`] = name;
    return out;
  }

  function eventsLink(params, extra, label, ...children) {
    const query = new URLSearchParams(params);
    for (const [key, value] of Object.entries(extra)) query.set(key, value);
    return svg("a", { href: `/events?${query}`, "data-nav": "", "aria-label": label },
      svg("title", {}, label), ...children);
  }

  function swatches(keys, by) {
    const box = document.createElement("div");
    box.className = "swatches";
    for (const key of keys) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colourOf(by, key);
      item.append(swatch, key.replaceAll("_", " "));
      box.append(item);
    }
    return box;
  }

  function periodEnd(start, interval) {
    const date = new Date(`${start}T00:00:00Z`);
    if (interval === "day") return start;
    if (interval === "week") date.setUTCDate(date.getUTCDate() + 6);
    else { date.setUTCMonth(date.getUTCMonth() + 1); date.setUTCDate(0); }
    return date.toISOString().slice(0, 10);
  }

  /* ---------------------------------------------------------------- timeline */
  const DAY = 86400000;
  function dayOf(iso) { return Date.parse(`${iso}T00:00:00Z`); }

  /* Tick dates for a proportional axis: years, quarters, months or weeks, about ten. */
  function ticks(from, to) {
    const years = (to - from) / (365.25 * DAY);
    const step = years > 40 ? 10 : years > 16 ? 5 : years > 6 ? 2 : years > 2.5 ? 1 : 0;
    const out = [];
    const start = new Date(from);
    if (step) {
      for (let y = Math.ceil(start.getUTCFullYear() / step) * step; ; y += step) {
        const t = Date.UTC(y, 0, 1);
        if (t > to) break;
        if (t >= from) out.push([t, String(y)]);
      }
      return out;
    }
    const months = years > 1 ? 3 : years > 0.3 ? 1 : 0;
    if (months) {
      for (let m = start.getUTCFullYear() * 12 + start.getUTCMonth(); ; m += 1) {
        const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
        if (t > to) break;
        if (t >= from && (m % 12) % months === 0) out.push([t, new Date(t).toISOString().slice(0, 7)]);
      }
      return out;
    }
    for (let t = from; t <= to; t += 7 * DAY) out.push([t, new Date(t).toISOString().slice(0, 10)]);
    return out;
  }

  function windowNote(data) {
    const w = data.window || { kind: "all" };
    const parts = [`${data.buckets.reduce((n, b) => n + b.total, 0)} dated events per ${data.interval}`];
    if (w.kind === "core") {
      parts.push(`dates ${w.first} to ${w.last} (2nd–98th percentile)`);
      if (w.before || w.after) parts.push(`${w.before} earlier and ${w.after} later events not drawn`);
    }
    if (data.undated) parts.push(`${data.undated} without a date not drawn`);
    return parts.join("; ");
  }

  function timeline(holder, data, params) {
    const buckets = data.buckets;
    const note = document.createElement("p");
    note.className = "muted";
    note.id = "timeline-note";
    note.textContent = windowNote(data);
    holder.append(swatches(data.series, data.by), note);
    if (!buckets.length) return;
    const width = 900; const height = 340; const left = 44; const right = 12; const bottom = 40; const top = 10;
    const from = dayOf(buckets[0].period);
    const to = dayOf(periodEnd(buckets[buckets.length - 1].period, data.interval)) + DAY;
    /* A proportional axis: a bar's place and width follow its dates, so 1907, 1990 and
     * 2005 sit as far apart as they are. */
    const x = (t) => left + ((t - from) / Math.max(to - from, DAY)) * (width - left - right);
    const most = Math.max(...buckets.map((b) => b.total));
    const tick = Math.max(1, Math.ceil(most / 4));
    const max = tick * Math.ceil(most / tick);
    const y = (n) => top + (height - top - bottom) * (1 - n / max);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", id: "timeline",
      role: "img", "aria-label": `Events per ${data.interval}, stacked by ${data.by}` });
    for (let value = 0; value <= max; value += tick) {
      chart.append(svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), stroke: "#eef0f3" }),
        svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, value));
    }
    for (const [t, label] of ticks(from, to)) {
      chart.append(svg("line", { class: "tick", x1: x(t), x2: x(t), y1: y(0), y2: y(0) + 5 }),
        svg("text", { x: x(t), y: height - bottom + 18, "text-anchor": "middle", class: "tick-label" }, label));
    }
    buckets.forEach((bucket) => {
      const start = dayOf(bucket.period);
      const until = periodEnd(bucket.period, data.interval);
      const end = dayOf(until) + DAY;
      const bar = Math.max(1, (x(end) - x(start)) * 0.85);
      const bx = x(start) + (x(end) - x(start) - bar) / 2;
      let base = 0;
      for (const key of data.series) {
        const n = bucket.counts[key] || 0;
        if (!n) continue;
        const extra = { since: bucket.period, until };
        extra[data.by] = key;
        chart.append(eventsLink(params, extra, `${bucket.period}: ${n} ${key.replaceAll("_", " ")}`,
          svg("rect", { x: bx, width: bar, y: y(base + n), height: y(base) - y(base + n),
            fill: colourOf(data.by, key), class: "bar" })));
        base += n;
      }
    });
    chart.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    holder.append(chart);
  }

  /* ---------------------------------------------------------------- network */
  function layout(nodes, edges, width, height) {
    /* Fruchterman-Reingold with gravity in a unit box, a fixed number of steps, seeded on a
     * circle (same data, same picture), then scaled to fit the drawing. */
    const n = nodes.length;
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / n;
      return { x: 0.5 * Math.cos(a), y: 0.5 * Math.sin(a) };
    });
    const k = 0.8 * Math.sqrt(4 / Math.max(1, n));
    const gravity = (n * k * k) / 0.8;  // balances the repulsion at a radius of about 0.9
    const steps = 300;
    for (let step = 0; step < steps; step += 1) {
      const move = pos.map((p) => ({ x: -p.x * gravity * 0.5, y: -p.y * gravity * 0.5 }));
      for (let i = 0; i < n; i += 1) {
        for (let j = i + 1; j < n; j += 1) {
          const dx = pos[i].x - pos[j].x; const dy = pos[i].y - pos[j].y;
          const d2 = Math.max(dx * dx + dy * dy, 1e-4); const f = (k * k) / d2;
          move[i].x += dx * f; move[i].y += dy * f; move[j].x -= dx * f; move[j].y -= dy * f;
        }
      }
      for (const e of edges) {
        const a = index.get(e.source); const b = index.get(e.target);
        const dx = pos[a].x - pos[b].x; const dy = pos[a].y - pos[b].y;
        const f = Math.hypot(dx, dy) / k;
        move[a].x -= dx * f; move[a].y -= dy * f; move[b].x += dx * f; move[b].y += dy * f;
      }
      const heat = 0.1 * (1 - step / steps) + 0.002;
      pos.forEach((p, i) => {
        const len = Math.max(Math.hypot(move[i].x, move[i].y), 1e-9);
        p.x += (move[i].x / len) * Math.min(len, heat);
        p.y += (move[i].y / len) * Math.min(len, heat);
      });
    }
    const xs = pos.map((p) => p.x); const ys = pos.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const [left, right, top, bottom] = [30, width - 130, 25, height - 25];
    return pos.map((p) => ({
      x: x1 > x0 ? left + ((p.x - x0) / (x1 - x0)) * (right - left) : width / 2,
      y: y1 > y0 ? top + ((p.y - y0) / (y1 - y0)) * (bottom - top) : height / 2,
    }));
  }

  function edgeColour(edge) {
    if (edge.cooperation > edge.conflict) return QUAD_COLOURS.material_cooperation;
    if (edge.conflict > edge.cooperation) return QUAD_COLOURS.material_conflict;
    return QUAD_COLOURS.unknown;
  }

  function network(holder, data, params) {
    const legend = document.createElement("div");
    legend.className = "swatches";
    for (const [cls, label] of [["material_cooperation", "mostly cooperation"],
      ["material_conflict", "mostly conflict"], ["mixed", "even"]]) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = `swatch sw-${cls}`;
      item.append(swatch, label);
      legend.append(item);
    }
    const note = document.createElement("p");
    note.className = "muted";
    note.id = "network-note";
    const what = { person: "persons", country: "countries", actor: "actors" }[data.level] || "actors";
    note.textContent = `${data.nodes.length} ${what}: the ${data.edges.length} busiest of ` +
      `${data.pairs} pairs (actor → recipient; line width = events). Numbers, percentages and ` +
      "common nouns are left out.";
    holder.append(legend, note);
    if (!data.nodes.length) return;
    const width = 900; const height = 560;
    const pos = layout(data.nodes, data.edges, width, height);
    const at = new Map(data.nodes.map((n, i) => [n.id, pos[i]]));
    const max = Math.max(...data.edges.map((e) => e.count));
    const radius = new Map(data.nodes.map((n) =>
      [n.id, 4 + Math.min(10, Math.sqrt(n.as_actor + n.as_recipient) * 2)]));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", id: "network",
      role: "img", "aria-label": "Who acts on whom" },
    svg("defs", {}, ["coop", "conf", "even"].map((name, i) => svg("marker", {
      id: `arrow-${name}`, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9",
      markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto" },
    svg("path", { d: "M0 0L10 5L0 10z", fill: [QUAD_COLOURS.material_cooperation,
      QUAD_COLOURS.material_conflict, QUAD_COLOURS.unknown][i] })))));
    for (const edge of data.edges) {
      const a = at.get(edge.source); const b = at.get(edge.target);
      const colour = edgeColour(edge);
      const marker = colour === QUAD_COLOURS.material_cooperation ? "coop"
        : colour === QUAD_COLOURS.material_conflict ? "conf" : "even";
      const label = `${edge.source_name} → ${edge.target_name}: ${edge.count} events ` +
        `(${edge.cooperation} cooperation, ${edge.conflict} conflict)`;
      const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1);
      const r = radius.get(edge.target) + 2;
      const [ex, ey] = [b.x - ((b.x - a.x) * r) / d, b.y - ((b.y - a.y) * r) / d];
      chart.append(eventsLink(params, labelled(edge.filter, {
        actor_identity: edge.source_name, recipient_identity: edge.target_name }), label,
        svg("path", { class: "edge", d: `M${a.x} ${a.y}L${ex} ${ey}`, stroke: colour,
          "stroke-width": 1 + (5 * edge.count) / max, "marker-end": `url(#arrow-${marker})` })));
    }
    for (const node of data.nodes) {
      const p = at.get(node.id);
      const r = radius.get(node.id);
      chart.append(eventsLink(params, labelled(node.filter, { identity: node.name }),
        `${node.name}${node.country ? ` (${node.country})` : ""}: ${node.as_actor} as actor, ${node.as_recipient} as recipient`,
        svg("g", { class: "node", transform: `translate(${p.x} ${p.y})` },
          svg("circle", { r }), svg("text", { x: r + 3, y: 4 }, node.name))));
    }
    holder.append(chart);
  }

  /* ---------------------------------------------------------------- map */
  function shade(n, max) {
    const t = Math.sqrt(n / max);
    const mix = (a, b) => Math.round(a + (b - a) * t);
    return `rgb(${mix(253, 197)},${mix(224, 58)},${mix(204, 50)})`;
  }

  /* The colour scale as swatches: what a shade means, and what the marks are. */
  function mapLegend(max, main) {
    const box = document.createElement("div");
    box.className = "swatches map-legend";
    box.id = "map-legend";
    const steps = [...new Set([1, Math.round(max / 8), Math.round(max / 3), max].filter((n) => n >= 1))];
    for (const n of steps) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = shade(n, max);
      item.append(swatch, `${n} event${n === 1 ? "" : "s"}`);
      box.append(item);
    }
    const dot = document.createElement("span");
    const mark = document.createElement("span");
    mark.className = "swatch sw-point";
    dot.append(mark, "a place (size = events)");
    box.append(dot);
    if (main) {
      const outline = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = "swatch sw-main";
      outline.append(swatch, `most events: ${main}`);
      box.append(outline);
    }
    return box;
  }

  /* Zoom with the buttons or the wheel, move by dragging: the SVG's viewBox changes. */
  function zoomable(chart, base) {
    let [x, y, w, h] = base;
    const apply = () => chart.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    const zoom = (factor, cx = x + w / 2, cy = y + h / 2) => {
      const nw = Math.min(base[2], Math.max(base[2] / 40, w * factor));
      const nh = (nw / w) * h;
      x = cx - ((cx - x) * nw) / w; y = cy - ((cy - y) * nh) / h; w = nw; h = nh;
      apply();
    };
    chart.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = chart.getBoundingClientRect();
      const cx = x + ((event.clientX - box.left) / box.width) * w;
      const cy = y + ((event.clientY - box.top) / box.height) * h;
      zoom(event.deltaY < 0 ? 0.8 : 1.25, cx, cy);
    }, { passive: false });
    let drag = null;
    chart.addEventListener("pointerdown", (event) => { drag = { px: event.clientX, py: event.clientY, x, y }; });
    chart.addEventListener("pointermove", (event) => {
      if (!drag || !event.buttons) return;
      const box = chart.getBoundingClientRect();
      x = drag.x - ((event.clientX - drag.px) / box.width) * w;
      y = drag.y - ((event.clientY - drag.py) / box.height) * h;
      apply();
    });
    chart.addEventListener("pointerup", () => { drag = null; });
    const bar = document.createElement("div");
    bar.className = "zoom";
    for (const [label, name, act] of [["+", "zoom-in", () => zoom(0.6)], ["−", "zoom-out", () => zoom(1 / 0.6)],
      ["Whole world", "zoom-reset", () => { [x, y, w, h] = base; apply(); }]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.id = name;
      button.textContent = label;
      button.setAttribute("aria-label", name.replace("-", " "));
      button.addEventListener("click", act);
      bar.append(button);
    }
    return bar;
  }

  function map(holder, world, data, params) {
    const counts = new Map(data.countries.map((c) => [c.country, c.events]));
    const max = Math.max(1, ...counts.values());
    const main = data.countries.length ? data.countries[0] : null;
    const shapes = new Set(world.countries.map((c) => c.iso3));
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = `${data.countries.reduce((n, c) => n + c.events, 0)} events with a known place in ` +
      `${data.countries.length} countries; dots are places (size = events). Country shapes: Natural Earth.`;
    /* Equirectangular: x = lon + 180, y = 90 - lat; the view leaves out Antarctica. */
    const base = [0, 6, 360, 148];
    const chart = svg("svg", { viewBox: base.join(" "), class: "chart", id: "map", role: "img",
      "aria-label": "Events by country and place" });
    holder.append(note, zoomable(chart, base), mapLegend(max, main && nameOf(world, main.country)));
    for (const country of world.countries) {
      const n = counts.get(country.iso3) || 0;
      const classes = ["country", n ? "has" : "", main && country.iso3 === main.country ? "main" : ""];
      const path = svg("path", { d: country.d, class: classes.join(" ").trim(), "data-iso3": country.iso3 });
      if (n) path.style.fill = shade(n, max);  /* a style: the stylesheet's grey would win over an attribute */
      chart.append(n
        ? eventsLink(params, { place: country.iso3 }, `${country.name}: ${n} events`, path)
        : svg("g", {}, svg("title", {}, country.name), path));
    }
    /* Countries too small for a shape of their own (Singapore, Bahrain): a square at the
     * mean point of their events, coloured like a country. */
    for (const country of data.countries) {
      if (shapes.has(country.country) || country.lat === null || country.lon === null) continue;
      const square = svg("rect", { x: country.lon + 180 - 1.6, y: 90 - country.lat - 1.6, width: 3.2,
        height: 3.2, class: `country has small${main && country.country === main.country ? " main" : ""}`,
        "data-iso3": country.country });
      square.style.fill = shade(country.events, max);
      chart.append(eventsLink(params, { place: country.country }, `${country.country}: ${country.events} events`,
        square));
    }
    const maxPoint = Math.max(1, ...data.points.map((p) => p.events));
    for (const point of data.points) {
      chart.append(eventsLink(params, { place: point.name || point.country },
        `${point.name || "?"}${point.country ? ` (${point.country})` : ""}: ${point.events} events`,
        svg("circle", { class: "point", cx: point.lon + 180, cy: 90 - point.lat,
          r: 0.8 + 2.2 * Math.sqrt(point.events / maxPoint) })));
    }
    if (main && main.lat !== null && main.lon !== null) {  /* over the dots, named */
      chart.append(svg("text", { x: main.lon + 180 + 3, y: 90 - main.lat - 3, class: "main-label",
        id: "main-country" }, nameOf(world, main.country)));
    }
    holder.append(chart);
  }

  function nameOf(world, iso3) {
    const found = world.countries.find((c) => c.iso3 === iso3);
    return found ? found.name : iso3;
  }

  window.heraldCharts = { timeline, network, map };
}());
