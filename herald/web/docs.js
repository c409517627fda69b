/* herald's own API docs page: the OpenAPI schema as readable HTML, nothing from a CDN. */
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value; else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.$ref) return schema.$ref.split("/").pop();
  const limits = ["minimum", "maximum", "minLength", "maxLength"]
    .filter((k) => schema[k] !== undefined).map((k) => `${k} ${schema[k]}`);
  return `${schema.format || schema.type || ""}${limits.length ? ` (${limits.join(", ")})` : ""}`;
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const body = op.requestBody ? op.requestBody.content["application/json"].schema : null;
  const tryLink = method === "get" && !path.includes("{") ? el("a", { href: path }, "open") : null;
  return el("section", { class: "endpoint", id: `${method}-${path}` },
    el("h2", {}, el("code", {}, `${method.toUpperCase()} ${path}`), " ", tryLink),
    el("p", {}, op.summary || ""),
    op.description ? el("p", { class: "muted" }, op.description) : null,
    params.length ? el("div", { class: "table-wrap" }, el("table", {},
      el("thead", {}, el("tr", {}, ["Parameter", "In", "Type", "Description"].map((h) => el("th", {}, h)))),
      el("tbody", {}, params.map((p) => el("tr", {},
        el("td", {}, el("code", {}, p.name), p.required ? " *" : ""), el("td", {}, p.in),
        el("td", {}, typeOf(p.schema)),
        el("td", {}, p.description || (p.schema && p.schema.description) || "")))))) : null,
    body ? el("p", {}, "Body: ", el("code", {}, typeOf(body))) : null,
    el("p", { class: "muted" }, "Responses: ", Object.keys(op.responses || {}).join(", ")));
}

function schemaSection(name, schema) {
  const props = schema.properties || {};
  return el("section", { id: `schema-${name}` }, el("h2", {}, el("code", {}, name)),
    el("p", { class: "muted" }, schema.description || ""),
    el("ul", {}, Object.entries(props).map(([key, value]) =>
      el("li", {}, el("code", {}, key), `: ${typeOf(value)}`, value.description ? ` — ${value.description}` : ""))));
}

fetch("/openapi.json").then((r) => r.json()).then((spec) => {
  const box = document.getElementById("endpoints");
  box.replaceChildren();
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) box.append(operation(path, method, op));
  }
  const schemas = (spec.components || {}).schemas || {};
  for (const name of ["ErrorBody", "ExtractRequest"]) {
    if (schemas[name]) box.append(schemaSection(name, schemas[name]));
  }
}).catch((error) => {
  document.getElementById("endpoints").textContent = `Could not load the schema: ${error.message}`;
});
