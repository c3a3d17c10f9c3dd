// tidings dashboard: draws the charts the server embedded as JSON, highlights articles,
// and runs the paste page. No framework and no network beyond this server.
"use strict";

const Tidings = (() => {
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  };

  function drawCharts() {
    for (const script of document.querySelectorAll("script[data-chart]")) {
      const target = document.getElementById(script.dataset.chart);
      if (!target || typeof Plotly === "undefined") continue;
      const fig = JSON.parse(script.textContent);
      const config = { displaylogo: false, responsive: true, displayModeBar: false };
      Plotly.newPlot(target, fig.data, fig.layout, config).then(() => {
        target.dataset.rendered = "true";
      });
    }
  }

  const actorCode = (a) => [a.country, a.sector].filter(Boolean).join(" ");
  const actorLabel = (a) => (actorCode(a) ? `${a.name} (${actorCode(a)})` : a.name);
  const actorsLabel = (list) => (list.length ? list.map(actorLabel).join(", ") : "—");

  // Every highlighted span: [start, end, kind, label, group]; group ties the spans of one
  // finding together so a click on the list lights them all up.
  function annotations(ex) {
    const anns = [];
    ex.quotes.forEach((q, i) => {
      const who = q.speaker ? q.speaker.name : "unknown speaker";
      anns.push([q.start, q.end, "quote", `${q.kind} quote — ${who}`, `q${i}`]);
      if (q.cue) anns.push([q.cue.start, q.cue.end, "cue", `cue of quote by ${who}`, `q${i}`]);
      if (q.speaker) anns.push([q.speaker.start, q.speaker.end, "speaker", `speaker: ${who}`, `q${i}`]);
    });
    ex.events.forEach((e, i) => {
      const what = `${e.type}${e.mode ? "/" + e.mode : ""}${e.cameo ? " CAMEO " + e.cameo : ""}`;
      anns.push([e.trigger.start, e.trigger.end, "trigger", `event ${what}`, `e${i}`]);
      for (const a of e.actor) anns.push([a.start, a.end, "actor", `actor of ${what}: ${actorLabel(a)}`, `e${i}`]);
      for (const a of e.recipient) anns.push([a.start, a.end, "recipient", `recipient of ${what}: ${actorLabel(a)}`, `e${i}`]);
    });
    ex.times.forEach((t, i) => anns.push([t.start, t.end, "time", `${t.type} ${t.value}`, `t${i}`]));
    return anns.filter(([s, e]) => e > s);
  }

  // Cut the text at every span boundary; each piece carries the kinds that cover it.
  function highlightedText(text, anns) {
    const cuts = new Set([0, text.length]);
    for (const [s, e] of anns) { cuts.add(s); cuts.add(e); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const cover = anns.filter(([s, e]) => s <= a && e >= b);
      const piece = text.slice(a, b);
      if (!cover.length) { frag.append(piece); continue; }
      const kinds = [...new Set(cover.map((c) => "k-" + c[2]))];
      frag.append(el("mark", {
        class: kinds.join(" "),
        title: cover.map((c) => c[3]).join("\n"),
        "data-groups": cover.map((c) => c[4]).join(" "),
      }, piece));
    }
    return frag;
  }

  function focusGroup(root, group) {
    for (const m of root.querySelectorAll("mark.focus")) m.classList.remove("focus");
    const marks = [...root.querySelectorAll("mark")].filter((m) => m.dataset.groups.split(" ").includes(group));
    for (const m of marks) m.classList.add("focus");
    if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function listItem(root, group, ...children) {
    const item = el("li", { "data-group": group }, ...children);
    item.addEventListener("click", () => focusGroup(root, group));
    return item;
  }

  function renderArticle(root, ex) {
    root.querySelector("[data-text]").replaceChildren(highlightedText(ex.text, annotations(ex)));
    const lists = {
      quotes: ex.quotes.map((q, i) => listItem(root, `q${i}`,
        el("b", {}, q.speaker ? q.speaker.name : "unknown speaker"),
        q.speaker && q.speaker.actor && actorCode(q.speaker.actor) ? ` (${actorCode(q.speaker.actor)})` : "",
        q.cue ? ` ${q.cue.text}: ` : ": ", el("q", {}, q.text))),
      events: ex.events.map((e, i) => listItem(root, `e${i}`,
        el("b", { class: `quad quad-${e.quad}` }, e.type + (e.mode ? "/" + e.mode : "")),
        ` ${actorsLabel(e.actor)} → ${actorsLabel(e.recipient)} · “${e.trigger.text}”`,
        e.date ? ` · ${e.date}` : "", e.negated ? " · negated" : "",
        e.goldstein !== null ? ` · Goldstein ${e.goldstein}` : "",
        e.canonical_id ? el("a", { href: `/events/${e.canonical_id}` },
          ` · ${e.num_articles} article${e.num_articles === 1 ? "" : "s"}`) : "")),
      times: ex.times.map((t, i) => listItem(root, `t${i}`, `“${t.text}” → `, el("code", {}, t.value))),
    };
    for (const [name, items] of Object.entries(lists)) {
      root.querySelector(`[data-list=${name}]`).replaceChildren(...items);
      root.querySelector(`[data-count=${name}]`).textContent = `(${items.length})`;
    }
  }

  // "#e3", "#q0", "#t2" focus a finding; "#at120" the finding that starts at offset 120.
  function focusFromHash(root, ex) {
    const m = /^#(?:([eqt]\d+)|at(\d+))$/.exec(location.hash);
    if (!m) return;
    const ann = m[2] === undefined ? null : annotations(ex).find((a) => a[0] === Number(m[2]));
    const group = m[1] || (ann && ann[4]);
    if (group) focusGroup(root, group);
  }

  // Leave blank fields out of GET forms, so the URL carries only the filters in use.
  function compactForms() {
    for (const form of document.querySelectorAll("form.filters")) {
      form.addEventListener("submit", () => {
        for (const field of form.elements) if (field.name && !field.value) field.disabled = true;
      });
    }
  }

  function pastePage(form) {
    const status = document.getElementById("paste-status");
    const result = document.getElementById("paste-result");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      for (const k of Object.keys(data)) if (k !== "text" && !data[k]) delete data[k];
      status.textContent = "Analysing…";
      form.querySelector("button").disabled = true;
      try {
        const response = await fetch("/api/analyse", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(data),
        });
        const body = await response.json();
        if (!response.ok) {
          const detail = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail;
          status.textContent = `Refused (${response.status}): ${detail}`;
          return;
        }
        renderArticle(result.querySelector("[data-reader]"), body);
        document.getElementById("paste-json").textContent = JSON.stringify(body, null, 1);
        result.hidden = false;
        status.textContent = `${body.quotes.length} quotes, ${body.events.length} events, ${body.times.length} times`;
        status.dataset.done = "true";
      } catch (err) {
        status.textContent = `Failed: ${err}`;
      } finally {
        form.querySelector("button").disabled = false;
      }
    });
  }

  function start() {
    drawCharts();
    const data = document.getElementById("extraction");
    if (data) {
      const root = document.querySelector("[data-reader]");
      const ex = JSON.parse(data.textContent);
      renderArticle(root, ex);
      focusFromHash(root, ex);
    }
    compactForms();
    const form = document.getElementById("paste-form");
    if (form) pastePage(form);
  }

  return { start, renderArticle };
})();

document.addEventListener("DOMContentLoaded", Tidings.start);
