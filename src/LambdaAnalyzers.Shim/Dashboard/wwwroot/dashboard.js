// The lambda-shim dashboard: functions, an invoke form, and the live timeline of every execution environment.
// Served from the shim itself (no CDN); the timeline pictures are drawn by the server (/api/timeline.svg),
// this script keeps them, the invokes table and the logs up to date from the server-sent lifecycle events.
"use strict";

const state = {
  functions: [],
  invokes: new Map(),      // requestId -> { function, environment, status, report, log: [] }
  current: new Map(),      // "function/environment" -> requestId of the invoke in progress
  environmentLog: new Map(),
  redraw: null,
};

const $ = (id) => document.getElementById(id);
const savedKey = "lambda-shim.saved-events";

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function ms(value) {
  return value === undefined || value === null ? "" : `${value.toFixed(2)} ms`;
}

async function loadFunctions() {
  const response = await fetch("api/functions");
  state.functions = await response.json();
  const body = $("functions").tBodies[0];
  const select = $("function");
  for (const fn of state.functions) {
    const row = body.insertRow();
    cell(row, fn.name);
    cell(row, fn.handler);
    cell(row, `${fn.memorySizeMB} MB`);
    cell(row, `${fn.timeoutSeconds} s`);
    cell(row, fn.mode);
    cell(row, fn.routes.map((r) => `${r.routeKey} (${r.format}${r.streamed ? ", streamed" : ""}) ${r.url}`).join("\n") || "none");
    const option = document.createElement("option");
    option.value = fn.name;
    option.textContent = fn.name;
    select.append(option);
    const figure = document.createElement("figure");
    figure.id = `timeline-${fn.name}`;
    figure.setAttribute("aria-label", `Timeline of ${fn.name}`);
    $("timeline").append(figure);
  }
  redrawTimelines();
}

function savedEvents() {
  try {
    return JSON.parse(localStorage.getItem(savedKey) || "{}");
  } catch {
    return {};
  }
}

function fillSaved() {
  const group = $("saved-events");
  group.replaceChildren();
  for (const name of Object.keys(savedEvents()).sort()) {
    const option = document.createElement("option");
    option.value = `saved:${name}`;
    option.textContent = name;
    group.append(option);
  }
}

async function loadSamples() {
  const response = await fetch("api/samples");
  const samples = await response.json();
  const group = $("sample-events");
  for (const sample of samples) {
    const option = document.createElement("option");
    option.value = `sample:${sample.name}`;
    option.textContent = `${sample.name} (${sample.source})`;
    option.title = sample.description;
    group.append(option);
  }
  fillSaved();
  $("sample").selectedIndex = -1;
}

async function chooseEvent() {
  const value = $("sample").value;
  if (value.startsWith("saved:")) {
    $("payload").value = savedEvents()[value.substring(6)] ?? "{}";
  } else if (value.startsWith("sample:")) {
    const response = await fetch(`api/samples/${encodeURIComponent(value.substring(7))}`);
    $("payload").value = await response.text();
  }
}

function saveEvent() {
  const name = $("save-name").value.trim();
  if (!name) {
    $("save-name").focus();
    return;
  }
  const saved = savedEvents();
  saved[name] = $("payload").value;
  localStorage.setItem(savedKey, JSON.stringify(saved));
  fillSaved();
  $("sample").value = `saved:${name}`;
}

async function invoke(event) {
  event.preventDefault();
  const fn = $("function").value;
  const result = $("result");
  result.textContent = `Invoking ${fn}…`;
  try {
    const response = await fetch(`api/invoke?function=${encodeURIComponent(fn)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: $("payload").value,
    });
    const outcome = await response.json();
    if (outcome.serviceError) {
      result.textContent = `Service error: ${outcome.serviceError}`;
    } else if (outcome.success) {
      result.textContent = `Success — request ${outcome.requestId}, environment ${outcome.environment}${outcome.coldStart ? " (cold start)" : ""}, ${ms(outcome.durationMs)}\n\n${pretty(outcome.payload)}`;
    } else {
      result.textContent = `Error ${outcome.errorType}: ${outcome.errorMessage} — request ${outcome.requestId}, ${ms(outcome.durationMs)}\n\n${pretty(outcome.payload)}`;
    }
    result.dataset.outcome = outcome.success ? "success" : "error";
  } catch (failure) {
    result.textContent = `The dashboard could not reach the shim: ${failure}`;
    result.dataset.outcome = "error";
  }
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function invokeRow(requestId) {
  let row = document.getElementById(`invoke-${requestId}`);
  if (!row) {
    row = $("invokes").tBodies[0].insertRow(0);
    row.id = `invoke-${requestId}`;
  }
  return row;
}

function renderInvoke(requestId) {
  const item = state.invokes.get(requestId);
  const row = invokeRow(requestId);
  row.replaceChildren();
  const first = row.insertCell();
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link";
  button.textContent = requestId;
  button.setAttribute("aria-label", `Show the log of ${requestId}`);
  button.addEventListener("click", () => showLog(requestId));
  first.append(button);
  const report = item.report;
  cell(row, item.function);
  cell(row, String(item.environment));
  cell(row, item.status, item.status === "success" ? "ok" : item.status);
  cell(row, report && report.initDurationMs !== undefined ? "yes" : "no");
  cell(row, report ? ms(report.durationMs) : "");
  cell(row, report ? `${report.billedDurationMs} ms` : "");
  cell(row, report && report.maxMemoryUsedMB !== undefined ? `${report.maxMemoryUsedMB} MB` : "");
  cell(row, report ? ms(report.initDurationMs) : "");
}

function showLog(requestId) {
  const item = state.invokes.get(requestId);
  $("log").textContent = item.log.length ? item.log.join("\n") : "(no log lines)";
  $("log").focus();
}

function onEvent(e) {
  const key = `${e.function}/${e.environment}`;
  switch (e.kind) {
    case "InvokeStart":
      state.current.set(key, e.requestId);
      state.invokes.set(e.requestId, { function: e.function, environment: e.environment, status: "running", report: null, log: [] });
      renderInvoke(e.requestId);
      break;
    case "InvokeEnd": {
      const item = state.invokes.get(e.requestId);
      if (item) {
        item.status = e.report ? e.report.status : e.detail;
        item.report = e.report;
        renderInvoke(e.requestId);
      }
      state.current.delete(key);
      break;
    }
    case "Log": {
      const requestId = state.current.get(key);
      if (requestId && state.invokes.has(requestId)) {
        state.invokes.get(requestId).log.push(e.detail);
      } else {
        const lines = state.environmentLog.get(key) ?? [];
        lines.push(e.detail);
        state.environmentLog.set(key, lines);
      }
      return;
    }
  }
  scheduleRedraw();
}

function scheduleRedraw() {
  if (state.redraw === null) {
    state.redraw = setTimeout(() => {
      state.redraw = null;
      redrawTimelines();
    }, 150);
  }
}

async function redrawTimelines() {
  for (const fn of state.functions) {
    const response = await fetch(`api/timeline.svg?function=${encodeURIComponent(fn.name)}`);
    // The picture comes from this server and escapes every text it shows.
    $(`timeline-${fn.name}`).innerHTML = await response.text();
  }
}

function connect() {
  const source = new EventSource("api/events");
  source.onopen = () => { $("connection").textContent = "Live: lifecycle events are streaming."; };
  source.onerror = () => { $("connection").textContent = "Disconnected from the lifecycle feed; retrying…"; };
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
}

document.addEventListener("DOMContentLoaded", async () => {
  $("invoke-form").addEventListener("submit", invoke);
  $("sample").addEventListener("change", chooseEvent);
  $("save").addEventListener("click", saveEvent);
  await loadFunctions();
  await loadSamples();
  connect();
});
