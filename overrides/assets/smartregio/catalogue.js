// Catalogue filters: facets with live counts, a text filter and sorting; the state lives in
// the URL, so a filtered view can be linked. Without this script the full (paginated) list
// stays usable.
//
// Without a search term, everything comes from the collection's small facet index and the
// card files of the entries on screen. With a term, Pagefind finds the matching pages and
// loads only the index chunks that term needs. Neither ever downloads the whole catalogue.
const PAGE = 20;


function siteBase() {
  const meta = document.querySelector('meta[name="sr-base"]');
  return new URL((meta ? meta.content : ".") + "/", location.href);
}

async function init(root) {
  const form = root.querySelector("[data-sr-filters]");
  const list = root.querySelector("[data-sr-results]");
  const status = root.querySelector("[data-sr-status]");
  const pages = root.querySelector("[data-sr-pages]");
  const more = root.querySelector("[data-sr-more]");
  const collection = root.dataset.collection;
  const isSearch = root.dataset.mode === "search";
  const base = siteBase();
  const index = isSearch ? null : new FacetIndex(new URL(`api/v1/${root.dataset.section}/`, base));
  const search = new PagefindSearch(base, isSearch ? null : collection);
  if (index) await index.load();

  let results = [];
  let shown = 0;
  let run = 0;

  readState(form, new URLSearchParams(location.search));
  const facets = form.querySelector("[data-sr-facets]");
  // the facets stay folded, so the first results show without scrolling, unless a link
  // brought a selection: then the reader sees what is chosen
  if (facets && form.querySelector("[data-facet] input:checked")) facets.open = true;
  form.hidden = false;
  if (pages) pages.hidden = true;

  const update = async () => {
    const mine = ++run;
    const state = new FormData(form);
    const selected = {};
    for (const fieldset of form.querySelectorAll("[data-facet]")) {
      const values = state.getAll(fieldset.dataset.facet);
      if (values.length) selected[fieldset.dataset.facet] = values;
    }
    const query = (state.get("q") || "").trim();
    const sortKey = state.get("sortierung") || "titel";
    let found;
    if (isSearch && !query && !Object.keys(selected).length) {
      found = { items: [], counts: await search.allCounts(), hint: true };
    } else if (index && !query) {
      found = index.find(selected, sortKey);
    } else {
      found = await search.find(query, selected, isSearch ? null : sortKey);
      // a text match in a catalogue shows the same card, facts included, as the plain list
      if (index) found.items = found.items.map((item) => ({ card: () => index.cardFor(item) }));
    }
    if (mine !== run) return; // a newer input has started another search
    writeState(form);
    updateCounts(form, found.counts);
    const active = form.querySelectorAll("[data-facet] input:checked").length;
    const marker = form.querySelector("[data-sr-active]");
    if (marker) marker.textContent = active ? `(${active} ausgewählt)` : "";
    results = found.items;
    shown = 0;
    list.replaceChildren();
    if (found.hint) {
      status.textContent = "Bitte geben Sie einen Suchbegriff ein oder wählen Sie einen Bereich.";
      more.hidden = true;
      return;
    }
    const n = results.length;
    const noun = isSearch ? "Treffer" : n === 1 ? root.dataset.one : collection;
    status.textContent = `${n.toLocaleString("de-DE")} ${noun} gefunden.`;
    await showMore();
  };

  const showMore = async () => {
    const batch = results.slice(shown, shown + PAGE);
    const cards = await Promise.all(batch.map((item) => item.card()));
    for (const item of cards) list.append(card(item, isSearch));
    shown += batch.length;
    more.hidden = shown >= results.length;
  };

  let timer;
  form.addEventListener("input", (event) => {
    clearTimeout(timer);
    timer = setTimeout(update, event.target.type === "search" ? 250 : 0);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  form.addEventListener("reset", () => setTimeout(update, 0));
  more.querySelector("button").addEventListener("click", async () => {
    const first = shown;
    await showMore();
    list.children[first]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => {
    readState(form, new URLSearchParams(location.search));
    update();
  });
  await update();
}

// The collection's own facet index: entry numbers per facet value, cards fetched per file.
class FacetIndex {
  constructor(url) { this.url = url; this.files = new Map(); }

  async load() {
    const response = await fetch(new URL("facetten.json", this.url));
    this.data = await response.json();
  }

  mask(selected, except) {
    const n = this.data.count;
    const mask = new Uint8Array(n).fill(1);
    for (const [facet, values] of Object.entries(selected)) {
      if (facet === except) continue;
      const any = new Uint8Array(n);
      for (const value of values) for (const i of this.data.facets[facet]?.[value] || []) any[i] = 1;
      for (let i = 0; i < n; i++) mask[i] &= any[i];
    }
    return mask;
  }

  find(selected, sortKey) {
    const all = this.mask(selected, null);
    const counts = {};
    for (const [facet, values] of Object.entries(this.data.facets)) {
      const mask = facet in selected ? this.mask(selected, facet) : all;
      counts[facet] = {};
      for (const [value, members] of Object.entries(values)) {
        let c = 0;
        for (const i of members) c += mask[i];
        counts[facet][value] = c;
      }
    }
    const order = this.data.order[sortKey] || [...Array(this.data.count).keys()];
    const items = order.filter((i) => all[i]).map((i) => ({ card: () => this.card(i) }));
    return { items, counts };
  }

  async card(i) {
    const file = Math.floor(i / this.data.chunk);
    if (!this.files.has(file)) {
      this.files.set(file, fetch(new URL(`karten/${file}.json`, this.url)).then((r) => r.json()));
    }
    const cards = await this.files.get(file);
    const c = cards[i % this.data.chunk];
    const facts = (c.f || []).map(([label, text, detail]) => ({ label, text, detail }));
    return { url: new URL(c.u.replace(/^\//, ""), siteBase()).href, title: c.t, summary: c.s, facts };
  }

  // The card of a full-text hit: its number from the address list, loaded on the first text
  // search only (a plain catalogue view never needs it).
  async cardFor(item) {
    const hit = await item.card();
    if (!this.numbers) {
      this.numbers = fetch(new URL("adressen.json", this.url))
        .then((r) => r.json())
        .then((urls) => new Map(urls.map((u, i) => [new URL(u.replace(/^\//, ""), siteBase()).pathname, i])));
    }
    const number = (await this.numbers).get(new URL(hit.url, location.href).pathname);
    return number === undefined ? hit : { ...(await this.card(number)), excerpt: hit.excerpt };
  }
}

// Full-text search through Pagefind, loaded only when a term is entered.
class PagefindSearch {
  constructor(base, collection) { this.base = base; this.collection = collection; }

  async pagefind() {
    if (!this.module) {
      this.module = import(new URL("pagefind/pagefind.js", this.base).href).then(async (pf) => {
        await pf.options({ baseUrl: this.base.pathname });
        await pf.init();
        await pf.filters(); // load the filter index, so every search returns counts for all facets
        return pf;
      });
    }
    return this.module;
  }

  async allCounts() {
    return (await this.pagefind()).filters();
  }

  // In a catalogue the chosen order applies to text matches too (A–Z up, dates newest first);
  // the site search keeps Pagefind's relevance order.
  async find(query, selected, sortKey) {
    const pf = await this.pagefind();
    const filters = this.collection ? { sammlung: this.collection } : {};
    for (const [facet, values] of Object.entries(selected)) filters[facet] = { any: values };
    const found = await pf.search(query || null, { filters });
    let results = found.results;
    if (sortKey) {
      // Pagefind leaves out pages without the sort key (a project without a start year):
      // they follow the sorted ones instead of vanishing
      const sort = { [sortKey]: sortKey === "titel" ? "asc" : "desc" };
      const sorted = (await pf.search(query || null, { filters, sort })).results;
      const placed = new Set(sorted.map((r) => r.id));
      results = [...sorted, ...results.filter((r) => !placed.has(r.id))];
    }
    const counts = { ...(found.filters || {}) };
    for (const facet of Object.keys(selected)) {
      const others = { ...filters };
      delete others[facet];
      const without = await pf.search(query || null, { filters: others });
      counts[facet] = (without.filters || {})[facet] || {};
    }
    const items = results.map((r) => ({
      card: async () => {
        const d = await r.data();
        return { url: d.url, title: d.meta?.title || d.url, summary: d.meta?.summary, excerpt: d.excerpt,
                 section: d.filters?.sammlung?.[0] };
      },
    }));
    return { items, counts };
  }
}

function card(item, showSection) {
  const li = document.createElement("li");
  li.className = "sr-card";
  const h = document.createElement("h2");
  h.className = "sr-card__title";
  const a = document.createElement("a");
  a.href = item.url;
  a.textContent = item.title;
  h.append(a);
  li.append(h);
  if (showSection && item.section) {
    const badge = document.createElement("p");
    badge.className = "sr-badges";
    const span = document.createElement("span");
    span.className = "sr-badge";
    span.textContent = item.section;
    badge.append(span);
    li.append(badge);
  }
  const p = document.createElement("p");
  if (item.summary) p.textContent = item.summary;
  else appendExcerpt(p, item.excerpt || "");
  if (p.textContent) li.append(p);
  if (item.facts?.length) li.append(factList(item.facts));
  return li;
}

// The card's facts, as the server-rendered list shows them (catalogue.html).
function factList(facts) {
  const dl = document.createElement("dl");
  dl.className = "sr-card__facts";
  for (const fact of facts) {
    const row = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = fact.label;
    const dd = document.createElement("dd");
    dd.textContent = fact.text;
    if (fact.detail) {
      const detail = document.createElement("span");
      detail.className = "sr-card__detail";
      detail.textContent = fact.detail;
      dd.append(detail);
    }
    row.append(dt, dd);
    dl.append(row);
  }
  return dl;
}

// Pagefind's excerpt is escaped text with <mark> around hits; copy only text and marks.
function appendExcerpt(target, html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      target.append(mark);
    } else {
      target.append(document.createTextNode(node.textContent));
    }
  }
}

function readState(form, params) {
  form.reset();
  for (const [key, value] of params) {
    const input = form.querySelector(`[name="${CSS.escape(key)}"]`);
    if (!input) continue;
    if (input.type === "checkbox") {
      const box = form.querySelector(`input[name="${CSS.escape(key)}"][value="${CSS.escape(value)}"]`);
      if (box) box.checked = true;
    } else {
      input.value = value;
    }
  }
}

function writeState(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (!value || (key === "sortierung" && value === "titel")) continue;
    params.append(key, value);
  }
  const query = params.toString();
  const target = location.pathname + (query ? `?${query}` : "") + location.hash;
  if (target !== location.pathname + location.search + location.hash) history.replaceState(null, "", target);
}

function updateCounts(form, counts) {
  for (const fieldset of form.querySelectorAll("[data-facet]")) {
    const values = counts[fieldset.dataset.facet] || {};
    for (const option of fieldset.querySelectorAll(".sr-facet__option")) {
      const input = option.querySelector("input");
      option.querySelector("[data-count]").textContent = `(${(values[input.value] ?? 0).toLocaleString("de-DE")})`;
    }
  }
}

// started last: the classes above must be defined first
const root = document.querySelector(".sr-catalogue[data-mode]");
if (root) {
  init(root).catch((error) => {
    console.error(error);
    const status = root.querySelector("[data-sr-status]");
    if (status) status.textContent += " Die Filter konnten nicht geladen werden.";
  });
}
