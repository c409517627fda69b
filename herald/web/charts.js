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
  function timeline(holder, data, params) {
    const buckets = data.buckets;
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = `${buckets.reduce((n, b) => n + b.total, 0)} dated events per ${data.interval}` +
      (data.undated ? `; ${data.undated} without a date are not drawn` : "");
    holder.append(swatches(data.series, data.by), note);
    if (!buckets.length) return;
    const width = 900; const height = 340; const left = 44; const bottom = 56; const top = 10;
    const most = Math.max(...buckets.map((b) => b.total));
    const tick = Math.max(1, Math.ceil(most / 4));
    const max = tick * Math.ceil(most / tick);
    const step = (width - left - 10) / buckets.length;
    const bar = Math.max(1, step * 0.8);
    const y = (n) => top + (height - top - bottom) * (1 - n / max);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", id: "timeline",
      role: "img", "aria-label": `Events per ${data.interval}, stacked by ${data.by}` });
    for (let value = 0; value <= max; value += tick) {
      chart.append(svg("line", { x1: left, x2: width - 5, y1: y(value), y2: y(value), stroke: "#eef0f3" }),
        svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, value));
    }
    const labelEvery = Math.ceil(buckets.length / 12);
    buckets.forEach((bucket, i) => {
      const x = left + i * step + (step - bar) / 2;
      let base = 0;
      for (const key of data.series) {
        const n = bucket.counts[key] || 0;
        if (!n) continue;
        const extra = { since: bucket.period, until: periodEnd(bucket.period, data.interval) };
        extra[data.by] = key;
        chart.append(eventsLink(params, extra, `${bucket.period}: ${n} ${key.replaceAll("_", " ")}`,
          svg("rect", { x, width: bar, y: y(base + n), height: y(base) - y(base + n),
            fill: colourOf(data.by, key), class: "bar" })));
        base += n;
      }
      if (i % labelEvery === 0) {
        chart.append(svg("text", { x: x + bar / 2, y: height - bottom + 14,
          transform: `rotate(40 ${x + bar / 2} ${height - bottom + 14})` }, bucket.period));
      }
    });
    chart.append(svg("line", { class: "axis", x1: left, x2: width - 5, y1: y(0), y2: y(0) }));
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
    note.textContent = `${data.nodes.length} actors, ${data.edges.length} pairs (actor → recipient; line width = events)`;
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
      const label = `${edge.source} → ${edge.target}: ${edge.count} events ` +
        `(${edge.cooperation} cooperation, ${edge.conflict} conflict)`;
      const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1);
      const r = radius.get(edge.target) + 2;
      const [ex, ey] = [b.x - ((b.x - a.x) * r) / d, b.y - ((b.y - a.y) * r) / d];
      chart.append(eventsLink(params, { actor: edge.source, recipient: edge.target }, label,
        svg("path", { class: "edge", d: `M${a.x} ${a.y}L${ex} ${ey}`, stroke: colour,
          "stroke-width": 1 + (5 * edge.count) / max, "marker-end": `url(#arrow-${marker})` })));
    }
    for (const node of data.nodes) {
      const p = at.get(node.id);
      const r = radius.get(node.id);
      chart.append(eventsLink(params, { participant: node.name },
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

  function map(holder, world, data, params) {
    const counts = new Map(data.countries.map((c) => [c.country, c.events]));
    const max = Math.max(1, ...counts.values());
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = `${data.countries.reduce((n, c) => n + c.events, 0)} events with a known place in ` +
      `${data.countries.length} countries; dots are places (size = events). Country shapes: Natural Earth.`;
    holder.append(note);
    /* Equirectangular: x = lon + 180, y = 90 - lat; the view leaves out Antarctica. */
    const chart = svg("svg", { viewBox: "0 6 360 148", class: "chart", id: "map", role: "img",
      "aria-label": "Events by country and place" });
    for (const country of world.countries) {
      const n = counts.get(country.iso3) || 0;
      const path = svg("path", { d: country.d, class: n ? "country has" : "country",
        "data-iso3": country.iso3 });
      if (n) path.style.fill = shade(n, max);  /* a style: the stylesheet's grey would win over an attribute */
      chart.append(n
        ? eventsLink(params, { place: country.iso3 }, `${country.name}: ${n} events`, path)
        : svg("g", {}, svg("title", {}, country.name), path));
    }
    const maxPoint = Math.max(1, ...data.points.map((p) => p.events));
    for (const point of data.points) {
      chart.append(eventsLink(params, { place: point.name || point.country },
        `${point.name || "?"}${point.country ? ` (${point.country})` : ""}: ${point.events} events`,
        svg("circle", { class: "point", cx: point.lon + 180, cy: 90 - point.lat,
          r: 0.8 + 2.2 * Math.sqrt(point.events / maxPoint) })));
    }
    holder.append(chart);
  }

  window.heraldCharts = { timeline, network, map };
}());
