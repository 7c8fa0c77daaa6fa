// Catalogue filters: facets with live counts, a text filter and sorting; the state lives in
// the URL, so a filtered view can be linked. Without this script the full (paginated) list
// stays usable.
//
// Without a search term, everything comes from the collection's small facet index and the
// card files of the entries on screen. With a term, Pagefind finds the matching pages and
// loads only the index chunks that term needs. Neither ever downloads the whole catalogue.
const PAGE = 20;
// a search shows its best ten first, as search pages do; each hit needs its own fragment
const SEARCH_PAGE = 10;


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
  const index = isSearch ? null : new FacetIndex(new URL(`api/v1/${root.dataset.section}/`, base), root.dataset.section);
  const facetKeys = [...root.querySelectorAll("[data-facet]")].map((f) => f.dataset.facet);
  const search = new PagefindSearch(base, isSearch ? null : collection, facetKeys);
  const suggest = root.querySelector("[data-sr-suggest]");
  // „Meinten Sie …?“ for a query that found nothing, from the index's own words
  const vocabulary = new Vocabulary(base);
  const sections = JSON.parse(root.dataset.sections || "{}"); // Lösungen → Lösung, for badges
  // the table view: the same results as rows of their card facts, sorted by column
  const table = root.querySelector("[data-sr-table]");
  const columns = JSON.parse(root.dataset.columns || "[]");
  const direction = form.querySelector("[data-sr-direction]");
  const sortSelect = form.querySelector("[name=sortierung]");
  const tableView = () => Boolean(table) && new FormData(form).get("ansicht") === "tabelle";
  if (index) await index.load();

  let results = [];
  let shown = 0;
  let run = 0;

  // the counts the page came with: every entry, no term
  const pageCounts = [...form.querySelectorAll("[data-count]")].map((span) => [span, span.textContent]);
  readState(form, new URLSearchParams(location.search));
  const facets = form.querySelector("[data-sr-facets]");
  // the facets stay folded, so the first results show without scrolling, also when a link
  // brought a selection: the chosen values stand above the results as removable chips
  const chips = root.querySelector("[data-sr-chips]");
  const skip = root.querySelector("[data-sr-skip]");
  if (skip) skip.hidden = false;
  // solutions can be compared: each card offers „Zum Vergleich hinzufügen“, the tray stays in view
  const tray = root.dataset.compare ? new CompareTray(root.querySelector("[data-sr-tray]"), root.dataset.compare) : null;
  const selection = root.querySelector("[data-sr-selection]");
  for (const button of selection?.querySelectorAll("[data-sr-download]") || []) {
    button.addEventListener("click", async () => {
      const said = selection.querySelector("[data-sr-downloaded]");
      said.textContent = "Die Auswahl wird zusammengestellt …";
      said.textContent = await downloadSelection(results, root.dataset.table, root.dataset.section, base, button.dataset.srDownload);
    });
  }
  // a text search counts hits per facet value only once the facets are open: the counts
  // need Pagefind's filter files, which a reader of folded filters would load for nothing
  search.counting = Boolean(facets?.open);
  facets?.addEventListener("toggle", () => {
    if (facets.open && !search.counting) {
      search.counting = true;
      if (new FormData(form).get("q")) update();
    }
  });
  form.hidden = false;
  if (pages) pages.hidden = true;
  // Pagefind's loader, its index metadata and the synonyms take several round trips: on the
  // search page they load while the reader types (on a slow phone that is seconds saved), in a
  // catalogue once the text field is used
  const warm = () => { search.pagefind().catch(() => {}); search.synonymGroups(); };
  if (isSearch) warm();
  else form.elements.q.addEventListener("focus", warm, { once: true });

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
    const reverse = state.get("richtung") === "umgekehrt";
    let found;
    if (isSearch && !query && !Object.keys(selected).length) {
      found = { items: [], counts: null, hint: true }; // the page's own counts stay
    } else if (index && !query) {
      found = index.find(selected, sortKey, reverse);
    } else {
      // announced at once: on a slow connection the first hits take seconds
      status.textContent = query ? `Suche läuft … („${query}“)` : "Suche läuft …";
      list.setAttribute("aria-busy", "true");
      try {
        found = await search.find(query, selected);
      } catch (error) {
        if (error === SUPERSEDED) return; // a newer search has begun and will answer
        throw error;
      }
      // a text match in a catalogue shows the same card, facts included, as the plain list,
      // in the order chosen; the site search keeps Pagefind's order, by relevance
      found.items = index ? await index.textHits(found.results, sortKey, reverse) : searchItems(found.results);
    }
    if (mine !== run) return; // a newer input has started another search
    list.removeAttribute("aria-busy");
    writeState(form);
    if (found.counts) updateCounts(form, found.counts);
    else for (const [span, text] of pageCounts) span.textContent = text;
    const active = form.querySelectorAll("[data-facet] input:checked").length;
    if (chips) showChips(chips, form, status);
    const marker = form.querySelector("[data-sr-active]");
    if (marker) marker.textContent = active ? `(${active} ausgewählt)` : "";
    results = found.items;
    shown = 0;
    list.replaceChildren();
    if (table) {
      const rows = tableView();
      list.hidden = rows;
      table.hidden = !rows;
      table.querySelector("tbody").replaceChildren();
      for (const th of table.querySelectorAll("th[data-sort]")) {
        // names run A–Z, every other order largest or newest first; the second click turns it
        const ascending = (th.dataset.sort === "titel") !== reverse;
        if (th.dataset.sort === sortKey) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      }
    }
    if (found.hint) {
      status.textContent = "Bitte geben Sie einen Suchbegriff ein oder wählen Sie einen Bereich.";
      more.hidden = true;
      return;
    }
    const n = results.length;
    if (selection) {
      selection.hidden = !n;
      selection.querySelector("[data-sr-downloaded]").textContent = "";
    }
    if (suggest) showSuggestions(suggest, n ? null : query);
    if (!n && query) {
      status.textContent = `Keine Treffer für „${query}“.`;
      more.hidden = true;
      const better = await vocabulary.correct(query);
      if (better && mine === run) status.append(offer(better)); // said with the status
      return;
    }
    const noun = isSearch ? "Treffer" : n === 1 ? root.dataset.one : collection;
    const parts = found.term ? ` für „${found.term}“ (die Teile von „${query}“)` : "";
    const alike = found.alike?.length ? `, auch für gleichbedeutende Begriffe: ${found.alike.map((t) => `„${t}“`).join(", ")}` : "";
    status.textContent = `${n.toLocaleString("de-DE")} ${noun}${parts} gefunden${alike}.`;
    await showMore();
  };

  // „Meinten Sie „…“?“ with the words as a link that searches for them here, as if typed
  const offer = (words) => {
    const span = document.createElement("span");
    span.dataset.srDidyoumean = "";
    const link = document.createElement("a");
    link.textContent = words;
    const params = new URLSearchParams(location.search);
    params.set("q", words);
    link.href = `?${params}`;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      form.elements.q.value = words;
      if (header) header.value = words;
      update();
    });
    span.append(" Meinten Sie „", link, "“?");
    return span;
  };

  // Every card of a batch loads at once and each shows as soon as it and those before it are
  // in: on a slow connection the first hit does not wait for the tenth.
  const showMore = async () => {
    const mine = run;
    const batch = results.slice(shown, shown + (isSearch ? SEARCH_PAGE : PAGE));
    shown += batch.length;
    const pending = batch.map((item) => item.card());
    for (const next of pending) next.catch(() => {}); // the first failure is reported below
    const body = tableView() ? table.querySelector("tbody") : null;
    list.setAttribute("aria-busy", "true"); // until the whole batch is in
    more.hidden = true; // and „Weitere anzeigen“ comes back after it, if there is more
    for (const next of pending) {
      const item = await next;
      if (mine !== run) return; // the cards of an older search, arriving after a newer one began
      if (body) {
        body.append(tableRow(item, columns));
      } else {
        const li = card(item, isSearch ? sections : null);
        if (tray) li.append(tray.button(item));
        list.append(li);
      }
    }
    list.removeAttribute("aria-busy");
    list.dataset.srDrawn = ""; // the script's list has replaced the page's own
    more.hidden = shown >= results.length;
  };

  let timer;
  form.addEventListener("input", (event) => {
    clearTimeout(timer);
    const typed = event.target.type === "search";
    // the index part of the words typed so far loads while the reader pauses
    if (typed && event.target.value.trim().length > 1) search.preload(event.target.value.trim());
    // a key waits a moment for the next; a word put in at once (pasted, dictated, chosen from
    // the keyboard's suggestions) is a query already: on a slow phone that is a quarter second
    timer = setTimeout(update, typed && !insertedWhole(event) ? 250 : 0);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  form.addEventListener("reset", () => {
    const view = new FormData(form).get("ansicht"); // resetting the filters keeps the view
    setTimeout(() => {
      if (direction) direction.value = "";
      const keep = view && form.querySelector(`[name=ansicht][value="${CSS.escape(view)}"]`);
      if (keep) keep.checked = true;
      update();
    }, 0);
  });
  // a sort chosen in the list starts in its own direction
  sortSelect?.addEventListener("change", () => { if (direction) direction.value = ""; });
  if (table) {
    // the table is made here, not in the page: Material would wrap a table of the page in a
    // scroll box of its own, and the names could not stay in view while the facts scroll
    const grid = document.createElement("table");
    const caption = document.createElement("caption");
    caption.id = table.getAttribute("aria-labelledby");
    caption.textContent = table.dataset.caption;
    grid.append(caption, document.createElement("thead"), document.createElement("tbody"));
    grid.tHead.append(document.createElement("tr"));
    table.append(grid);
    const head = table.querySelector("thead tr");
    const sortable = new Set([...(sortSelect?.options || [])].map((o) => o.value));
    for (const column of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      if (column.sort && sortable.has(column.sort)) {
        th.dataset.sort = column.sort;
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = column.label;
        button.addEventListener("click", () => {
          // the same column again: the other direction; another column: its own direction
          const same = (sortSelect.value || "titel") === column.sort;
          direction.value = same && direction.value !== "umgekehrt" ? "umgekehrt" : "";
          sortSelect.value = column.sort;
          update();
        });
        th.append(button);
      } else {
        th.textContent = column.label;
      }
      head.append(th);
    }
  }
  more.querySelector("button").addEventListener("click", async () => {
    const first = shown;
    await showMore(); // the button is hidden until the batch is in
    const rows = tableView() ? table.querySelector("tbody").children : list.children;
    rows[first]?.querySelector("a")?.focus();
  });
  // On the search page the header's field and the page's are one search: the header shows
  // the term searched for, and a term typed or sent there searches here, without a reload.
  const header = isSearch ? document.querySelector(".sr-header-search [name=q]") : null;
  window.addEventListener("popstate", () => {
    readState(form, new URLSearchParams(location.search));
    if (header) header.value = form.elements.q.value;
    update();
  });
  if (header) {
    const field = form.elements.q;
    header.value = field.value;
    form.addEventListener("input", (event) => { if (event.target === field) header.value = field.value; });
    form.addEventListener("reset", () => { header.value = ""; });
    // the page's field takes the term and searches as if typed into (or sent from) it
    header.addEventListener("input", () => {
      field.value = header.value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    header.form.addEventListener("submit", (event) => {
      event.preventDefault();
      field.value = header.value;
      form.requestSubmit();
    });
  }
  await update();
}

// The collection's own facet index: entry numbers per facet value, cards fetched per file.
class FacetIndex {
  constructor(url, section) { this.url = url; this.section = section; this.files = new Map(); }

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

  // an order of entry numbers; reversed, the entries with the key turn round and those
  // without it (a project without an amount) stay last
  orderOf(sortKey, reverse) {
    const order = this.data.order[sortKey] || [...Array(this.data.count).keys()];
    if (!reverse) return order;
    const keyed = this.data.keyed?.[sortKey] ?? order.length;
    return [...order.slice(0, keyed).reverse(), ...order.slice(keyed)];
  }

  find(selected, sortKey, reverse = false) {
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
    const items = this.orderOf(sortKey, reverse).filter((i) => all[i]).map((i) => ({ card: () => this.card(i) }));
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

  // Full-text hits as cards of this catalogue: Pagefind's page id gives the entry's number
  // (nummern/<section>.json, written with the index), the number its card and its place in
  // the chosen order; no hit's fragment is needed (the first one is, to check the match).
  async textHits(results, sortKey, reverse = false) {
    if (!this.numbers) {
      this.numbers = fetch(new URL(`pagefind/nummern/${this.section}.json`, siteBase())).then((r) => r.json());
    }
    const numbers = await this.numbers;
    const hits = results.filter((r) => r.id in numbers);
    if (this.data.order[sortKey] || sortKey === "titel") { // the numbers run in title order
      this.ranks ??= {};
      const order = this.orderOf(sortKey, reverse);
      const rank = (this.ranks[`${sortKey} ${reverse}`] ??= new Map(order.map((n, place) => [n, place])));
      hits.sort((a, b) => rank.get(numbers[a.id]) - rank.get(numbers[b.id]));
    }
    return hits.map((r) => ({ card: () => this.card(numbers[r.id]) }));
  }
}

// Whether an input put more than one character in at once, not a key typed.
const WHOLE_INPUT = new Set(["insertFromPaste", "insertFromDrop", "insertReplacementText", "insertFromYank"]);
function insertedWhole(event) {
  return WHOLE_INPUT.has(event.inputType) || [...(event.data || "")].length > 1;
}

// Full-text search through Pagefind, loaded only when a term is entered.
//
// Pagefind answers a word it has not indexed with the longest indexed word the query starts
// with („Wärmeplanung“ finds „war“). Such a result is no match: every result set is checked
// on its first page, and a query word that matched only that way is tried once more as a
// compound of the prefix and the rest („Wärme“ and „Planung“); if that finds nothing either,
// there are no results.
class PagefindSearch {
  constructor(base, collection, facetKeys) {
    this.base = base; this.collection = collection; this.facetKeys = facetKeys;
  }

  async pagefind() {
    if (!this.module) {
      this.module = import(new URL("pagefind/pagefind.js", this.base).href).then(async (pf) => {
        // an entry's keywords weigh more through their content weight (entry.html); a meta
        // weight for them ranked no differently and made every search slower on a slow phone
        await pf.options({ baseUrl: this.base.pathname });
        await pf.init();
        return pf;
      });
    }
    return this.module;
  }

  // Loads the index chunks a query will need, without searching (Pagefind's preload).
  async preload(query) {
    try {
      const pf = await this.pagefind();
      await pf.preload(query, { filters: this.baseFilters() });
    } catch {
      // a failed preload costs nothing: the search itself loads what it needs and says so
    }
  }

  // Every search names the filters whose counts the form shows, with a condition that
  // excludes nothing: Pagefind then loads those filter files and no others.
  baseFilters() {
    const filters = this.collection ? { sammlung: this.collection } : {};
    if (this.counting) for (const key of this.facetKeys) if (!(key in filters)) filters[key] = { none: [] };
    return filters;
  }

  // The groups of search terms that mean the same (data/reference/synonyme.csv), loaded with
  // the first query; a site without the file searches without them.
  async synonymGroups() {
    this.groups ??= fetch(new URL("api/v1/synonyme.json", this.base))
      .then((r) => (r.ok ? r.json() : []))
      .catch(() => []);
    return this.groups;
  }

  async find(query, selected) {
    const pf = await this.pagefind();
    const filters = this.baseFilters();
    for (const [facet, values] of Object.entries(selected)) filters[facet] = { any: values };
    // one search after the other: Pagefind answers only the newest of searches that overlap
    const checked = await this.checkedSearch(pf, query, filters);
    // the same query with a term read as its synonyms („Förderung“ – „Förderprogramm“)
    const alike = [];
    for (const other of synonymQueries(query, await this.synonymGroups())) {
      const found = await this.checkedSearch(pf, other, filters);
      if (found) alike.push({ ...found, term: other });
    }
    const main = checked || alike.shift();
    if (!main) {
      // no hits: every counted value has none
      return { results: [], counts: this.counting ? Object.fromEntries(this.facetKeys.map((k) => [k, {}])) : {} };
    }
    const { found, term } = main;
    const seen = new Set(found.results.map((r) => r.id));
    const results = [...found.results];
    for (const other of alike) for (const r of other.found.results) if (!seen.has(r.id)) { seen.add(r.id); results.push(r); }
    const counts = { ...(found.filters || {}) };
    for (const facet of Object.keys(selected)) {
      const without = await answered(pf.search(term, { filters: { ...filters, [facet]: { none: [] } } }));
      counts[facet] = (without.filters || {})[facet] || {};
    }
    const also = alike.map((a) => a.term);
    if (!checked) return { results, counts, term: null, alike: [term, ...also] };
    return { results, counts, term: term === query ? null : term, alike: also };
  }

  // Pagefind's results for the query, or for the query with one word read as a compound;
  // null when neither has a real match.
  async checkedSearch(pf, query, filters) {
    const verified = async (term) => {
      // a short word is a word of its own („KI“), not the start of a longer one („Kiel“):
      // Pagefind matches a quoted word exactly, and the plain search ranks those pages
      let found = withSharedData(await answered(pf.search(term, { filters })));
      const short = queryTerms(term).filter((t) => t.length <= SHORT);
      if (short.length) {
        const quoted = term.split(/\s+/).map((w) => (short.includes(fold(w)) ? `"${w}"` : w)).join(" ");
        const exact = withSharedData(await answered(pf.search(quoted, { filters })));
        const ids = new Set(exact.results.map((r) => r.id));
        const ranked = found.results.filter((r) => ids.has(r.id));
        const seen = new Set(ranked.map((r) => r.id));
        found = { ...found, results: [...ranked, ...exact.results.filter((r) => !seen.has(r.id))] };
      }
      // words that stand together in the query stand together on the best pages: „Open
      // Data“ puts the pages that say „Open Data“ before those that say „open“ and „Data“ apart
      const typed = term.split(/\s+/).filter(Boolean);
      if (typed.length >= 2 && typed.length <= 4 && found.results.length > 1 && !term.includes('"')) {
        const phrase = await answered(pf.search(`"${typed.join(" ")}"`, { filters }));
        const ids = new Set(phrase.results.map((r) => r.id));
        if (ids.size) {
          found = { ...found, results: [...found.results.filter((r) => ids.has(r.id)), ...found.results.filter((r) => !ids.has(r.id))] };
        }
      }
      if (!found.results.length) return { found: null };
      // the first page of hits loads with the one that is checked: one round trip, not two
      for (const r of found.results.slice(0, SEARCH_PAGE)) r.data();
      const words = pageWords(await found.results[0].data());
      const missing = queryTerms(term).find((t) => !words.some((w) => matches(t, w)));
      return { found: missing === undefined ? found : null, missing, words };
    };
    const first = await verified(query);
    if (first.found) return { found: first.found, term: query };
    if (!first.missing) return null;
    const others = queryTerms(query).filter((t) => t !== first.missing);
    // the reader's own spelling of the parts, where folding kept the length (ä – a, not ß – ss)
    const own = query.split(/[\s!-/:-@[-`{-~]+/).find((w) => fold(w) === first.missing);
    const spell = (part, start) => (own && own.length === first.missing.length ? own.substr(start, part.length) : part);
    for (const [prefix, head] of compoundParts(first.missing, first.words).slice(0, 3)) {
      const parts = [spell(prefix, 0), spell(head, first.missing.length - head.length)];
      const term = [...others, ...parts].join(" ");
      const next = await verified(term);
      if (next.found) return { found: next.found, term };
    }
    return null;
  }
}

// Pagefind answers only the newest of searches that overlap; an older one gets null and
// gives way to the newer (whose update shows the results).
const SUPERSEDED = new Error("superseded");
async function answered(search) {
  const found = await search;
  if (!found) throw SUPERSEDED;
  return found;
}

// Pagefind's results with each fragment loaded once, whoever asks first (the check of a
// result set, a card, a download).
function withSharedData(found) {
  for (const r of found.results) {
    const load = r.data;
    let loaded = null;
    r.data = () => (loaded ??= load.call(r));
  }
  return found;
}

// Site search hits as cards: title, section and excerpt from each hit's fragment.
function searchItems(results) {
  return results.map((r) => ({
    card: async () => {
      const d = await r.data();
      return { url: d.url, title: clean(d.meta?.title) || d.url, summary: clean(d.meta?.summary),
               excerpt: clean(d.excerpt), section: d.filters?.sammlung?.[0] };
    },
  }));
}

// A query word this short matches whole words only.
const SHORT = 3;

// The query with one of its terms replaced by each other term of the term's group: „Förderung
// Bayern“ → „Förderprogramm Bayern“, „Fördermittel Bayern“. Terms of several words match as a
// run of the query's words; at most four queries more.
function synonymQueries(query, groups) {
  const typed = query.trim().split(/[\s!-/:-@[-`{-~]+/).filter(Boolean); // as the reader spelt them
  const words = typed.map((w) => fold(w));
  const out = [];
  for (const group of groups) {
    for (const term of group) {
      const parts = queryTerms(term);
      const at = words.findIndex((_, i) => parts.every((p, j) => words[i + j] === p));
      if (at < 0) continue;
      for (const other of group) {
        if (other === term) continue;
        const next = [...typed.slice(0, at), other, ...typed.slice(at + parts.length)].join(" ");
        if (fold(next) !== words.join(" ") && !out.includes(next)) out.push(next);
      }
      break;
    }
  }
  return out.slice(0, 4);
}

// The marker the index copy of a page puts between the parts of a compound (compounds.py).
const MARKER = /(?<=\p{L})\^(?=\p{L})/gu;
const clean = (text) => (text || "").replace(MARKER, "");
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss");
// as Pagefind splits a query: at ASCII punctuation and spaces
const queryTerms = (query) => fold(query).replace(/[!-/:-@[-`{-~]/g, " ").split(/\s+/).filter(Boolean);

// Each matched word of a result, whole and in its compound parts, folded.
function pageWords(data) {
  const words = data.content.split(/\s+/);
  const out = new Set();
  for (const i of data.locations || []) {
    const word = words[i];
    if (!word) continue;
    // whole, and in the parts Pagefind indexes: at punctuation (the compound marker
    // included) and at a change to capitals („ParkenDD“)
    out.add(fold(word).replace(/[^\p{L}\p{N}]/gu, ""));
    for (const part of word.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u)) if (part) out.add(fold(part));
  }
  return [...out];
}

// A real match begins with the query word („Wärme“ – „Wärmeplanung“), or is the query word
// without an inflection ending („Haushalte“ – „Haushalt“), or shares its stem as Pagefind's
// stemmer reads it („Wärme“ – „wärmsten“). A shorter word the query only starts with is
// none („Wärmeplanung“ – „war“, „Parkenxyz“ – „parken“).
const ENDINGS = new Set(["e", "en", "n", "s", "es", "er", "ern", "em", "ens", "nen", "ns"]);

function matches(term, word) {
  if (word.startsWith(term)) return true;
  if (term.startsWith(word)) return ENDINGS.has(term.slice(word.length));
  let common = 0;
  while (common < term.length && term[common] === word[common]) common++;
  return common >= 4 && ENDINGS.has(term.slice(common));
}

// „wärmeplanung“ with the matched word „wärme“: [[„wärme“, „planung“]]; the ways to read
// the rest, with a linking element first („verwaltung·s·software“), then without.
function compoundParts(term, words) {
  const prefix = words.filter((w) => w.length >= 4 && term.startsWith(w) && w !== term)
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) return [];
  const rest = term.slice(prefix.length);
  return ["es", "en", "er", "s", "n", "e", ""]
    .filter((link) => rest.startsWith(link) && rest.length - link.length >= 4)
    .map((link) => [prefix, rest.slice(link.length)]);
}

// „Keine Treffer“: the related terms of the search page that resemble the query most (a
// shared word stem, or a few letters apart), else all of them; hidden while there are hits.
function showSuggestions(box, query) {
  box.hidden = !query;
  if (!query) return;
  const wanted = queryTerms(query);
  const terms = [...box.querySelectorAll("[data-sr-term]")];
  const score = (li) => Math.max(...queryTerms(li.dataset.srTerm).flatMap((w) => wanted.map((q) => likeness(q, w))));
  const ranked = terms.map((li) => [score(li), li]).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
  // nothing alike: the Handlungsfelder themselves, without the topics they name
  const shown = new Set(ranked.length ? ranked.slice(0, 8).map(([, li]) => li)
    : terms.filter((li) => !("srMoreTerm" in li.dataset)));
  for (const li of terms) li.hidden = !shown.has(li);
}

// 0 when two folded words have nothing in common; more for a longer common start, and for
// words only one or two letters apart.
function likeness(a, b) {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  if (common >= 4) return common;
  if (Math.abs(a.length - b.length) > 2 || a.length < 4) return 0;
  return editDistance(a, b) <= 2 ? 3 : 0;
}

function editDistance(a, b) {
  let row = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

// The words the search index holds, with the number of pages each is on, one file per first
// letter (pagefind/woerter/<letter>.json, written with the index): a query word the index does
// not know is replaced by the most frequent word one letter apart (two for long words).
class Vocabulary {
  constructor(base) { this.base = base; this.files = new Map(); }

  letter(letter) {
    if (!this.files.has(letter)) {
      const url = new URL(`pagefind/woerter/${letter}.json`, this.base);
      this.files.set(letter, fetch(url).then((r) => (r.ok ? r.json() : [])).catch(() => []));
    }
    return this.files.get(letter);
  }

  async correct(query) {
    const typed = query.trim().split(/\s+/).filter(Boolean);
    let changed = false;
    const out = [];
    for (const word of typed) {
      const folded = fold(word);
      if (folded.length < 4 || /[^\p{L}]/u.test(folded)) { out.push(word); continue; }
      const words = await this.letter(/[a-z]/.test(folded[0]) ? folded[0] : "_");
      if (words.some(([w]) => fold(w) === folded)) { out.push(word); continue; }
      const allowed = folded.length >= 8 ? 2 : 1;
      let best = null; // the list runs from the most frequent word down
      for (const [w] of words) {
        const other = fold(w);
        if (Math.abs(other.length - folded.length) > allowed) continue;
        const distance = editDistance(folded, other);
        if (distance <= allowed && (!best || distance < best.distance)) best = { w, distance };
      }
      if (best) { out.push(best.w); changed = true; } else out.push(word);
    }
    return changed ? out.join(" ") : null;
  }
}

// The chosen facet values as buttons above the results: one press removes the value and
// searches again; the focus moves on to the next chip, or to the results once none is left.
function showChips(box, form, status) {
  const list = box.querySelector("ul");
  const checked = [...form.querySelectorAll("[data-facet] input:checked")];
  list.replaceChildren(...checked.map((input) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sr-chip";
    const legend = input.closest("[data-facet]").querySelector("legend")?.textContent || "";
    button.setAttribute("aria-label", `Filter ${legend}: ${input.value} entfernen`);
    button.textContent = `${input.value} ×`;
    button.addEventListener("click", () => {
      const next = li.nextElementSibling || li.previousElementSibling;
      const index = next ? [...list.children].indexOf(next) : -1;
      input.checked = false;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // focus after the list is redrawn by the next update
      setTimeout(() => {
        const target = index >= 0 ? list.children[Math.min(index, list.children.length - 1)]?.querySelector("button") : null;
        (target || status).focus();
      }, 50);
    });
    li.append(button);
    return li;
  }));
  box.hidden = !checked.length;
}

// Up to four entries chosen for the comparison, kept for the browser tab (sessionStorage); the
// tray at the bottom of the screen names how many and leads to the comparison.
class CompareTray {
  static MAX = 4;
  static KEY = "sr-vergleich";

  constructor(box, page) {
    this.box = box;
    this.page = page;
    this.buttons = new Map();
    try { this.keys = JSON.parse(sessionStorage.getItem(CompareTray.KEY) || "[]"); } catch { this.keys = []; }
    box.querySelector("[data-sr-tray-clear]").addEventListener("click", () => { this.keys = []; this.update(); });
    this.update();
  }

  button(item) {
    const key = new URL(item.url).pathname.split("/").filter(Boolean).pop();
    const p = document.createElement("p");
    p.className = "sr-card__compare";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sr-chip";
    button.dataset.key = key;
    button.addEventListener("click", () => {
      if (this.keys.includes(key)) this.keys = this.keys.filter((k) => k !== key);
      else if (this.keys.length < CompareTray.MAX) this.keys = [...this.keys, key];
      else { this.say(`Höchstens ${CompareTray.MAX} Lösungen im Vergleich; bitte zuerst eine herausnehmen.`); return; }
      this.update();
    });
    this.buttons.set(button, item.title);
    this.label(button);
    p.append(button);
    return p;
  }

  // one name whatever the state („… hinzufügen“, pressed or not), the entry's title for a
  // screen reader; the pressed state shows as a filled chip with a tick
  label(button) {
    if (!button.firstChild) {
      const title = document.createElement("span");
      title.className = "sr-visually-hidden";
      title.textContent = ` (${this.buttons.get(button)})`;
      button.append("Zum Vergleich hinzufügen", title);
    }
    button.setAttribute("aria-pressed", String(this.keys.includes(button.dataset.key)));
  }

  say(text) { this.box.querySelector("[data-sr-tray-said]").textContent = text; }

  update() {
    try { sessionStorage.setItem(CompareTray.KEY, JSON.stringify(this.keys)); } catch { /* private mode: this page only */ }
    for (const button of this.buttons.keys()) {
      if (!button.isConnected) this.buttons.delete(button);
      else this.label(button);
    }
    const n = this.keys.length;
    this.box.hidden = !n;
    this.box.querySelector("[data-sr-tray-count]").textContent = `${n} von ${CompareTray.MAX} im Vergleich`;
    this.box.querySelector("[data-sr-tray-link]").href = `${this.page}?l=${this.keys.join(",")}`;
    this.say("");
  }
}

// The entries on screen, cut from the published table of the collection: the same columns,
// headers and values as the full download, the rows in the order shown; as CSV or XLSX.
async function downloadSelection(results, table, section, base, format) {
  const cards = await Promise.all(results.map((item) => item.card()));
  const response = await fetch(new URL(`daten/latest/${table}.csv`, base));
  if (!response.ok) return "Die Daten zum Herunterladen gibt es hier nicht (etwa in der Vorschau).";
  const text = await response.text();
  const rows = parseCsv(text);
  const id = rows[0].indexOf("id");
  const byId = new Map(rows.slice(1).map((row) => [row[id], row]));
  const chosen = cards.map((c) => byId.get(new URL(c.url).pathname.split("/").filter(Boolean).pop())).filter(Boolean);
  const name = `${section}-auswahl.${format === "xlsx" ? "xlsx" : "csv"}`;
  let blob;
  if (format === "xlsx") {
    blob = new Blob([xlsx([rows[0], ...chosen], section)], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  } else {
    const end = text.includes("\r\n") ? "\r\n" : "\n";
    blob = new Blob([[rows[0], ...chosen].map((row) => row.map(csvCell).join(",")).join(end) + end], {
      type: "text/csv;charset=utf-8",
    });
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  const what = chosen.length === 1 ? "Eintrag" : "Einträge";
  return `${chosen.length.toLocaleString("de-DE")} ${what} als ${format === "xlsx" ? "Excel-Datei" : "CSV"} heruntergeladen (${name}).`;
}

// A workbook of one sheet, every value as the CSV holds it (text stays text: „08421000“ keeps its
// zero; a plain number becomes a number), stored in a ZIP without compression.
function xlsx(rows, sheet) {
  const esc = (v) => v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const col = (i) => { let s = ""; for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s; return s; };
  const cell = (v, r, c) => {
    const ref = `${col(c)}${r + 1}`;
    if (r > 0 && /^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(v)) return `<c r="${ref}"><v>${v}</v></c>`;
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  };
  const data = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r, c)).join("")}</row>`).join("");
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const files = {
    "[Content_Types].xml": `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${head}<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="${esc(sheet).slice(0, 31)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${head}<worksheet ${ns}><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${data}</sheetData></worksheet>`,
  };
  return zip(Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]));
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});
const crc32 = (bytes) => { let c = 0xffffffff; for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };

// A ZIP archive of stored (uncompressed) files: local headers, the data, the central directory.
function zip(files) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const path = new TextEncoder().encode(name);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(8, 0, true);
    local.setUint32(14, crc, true); local.setUint32(18, data.length, true); local.setUint32(22, data.length, true);
    local.setUint16(26, path.length, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true); entry.setUint16(4, 20, true); entry.setUint16(6, 20, true);
    entry.setUint32(16, crc, true); entry.setUint32(20, data.length, true); entry.setUint32(24, data.length, true);
    entry.setUint16(28, path.length, true); entry.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), path, data);
    central.push(new Uint8Array(entry.buffer), path);
    offset += 30 + path.length + data.length;
  }
  const size = central.reduce((n, p) => n + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true); end.setUint16(10, files.length, true);
  end.setUint32(12, size, true); end.setUint32(16, offset, true);
  return new Blob([...parts, ...central, new Uint8Array(end.buffer)]);
}

// RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const csvCell = (value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function card(item, sections) {
  const showSection = Boolean(sections);
  const li = document.createElement("li");
  li.className = "sr-card";
  const h = document.createElement("h2");
  h.className = "sr-card__title";
  h.append(titleLink(item));
  li.append(h);
  if (showSection) {
    // every hit says what it is: an entry's kind, a municipality, or a page of the site
    const badge = document.createElement("p");
    badge.className = "sr-badges";
    const span = document.createElement("span");
    span.className = "sr-badge";
    span.textContent = item.section ? sections[item.section] || item.section : "Seite";
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

// The entry's name, linked to its page.
function titleLink(item) {
  const a = document.createElement("a");
  a.href = item.url;
  a.textContent = item.title;
  return a;
}

// A card fact's text, with its detail in smaller print below (the towns behind „in 3 Kommunen“).
function showFact(target, fact) {
  target.textContent = fact.text;
  if (fact.detail) {
    const detail = document.createElement("span");
    detail.className = "sr-card__detail";
    detail.textContent = fact.detail;
    target.append(detail);
  }
}

// One result as a row of the table view: the name as the row's header, then each column's
// card fact (the card names it in the singular or the plural), empty where the entry has none.
function tableRow(item, columns) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.append(titleLink(item));
  tr.append(th);
  for (const column of columns.slice(1)) {
    const td = document.createElement("td");
    const fact = (item.facts || []).find((f) => column.labels.includes(f.label));
    if (fact) showFact(td, fact);
    tr.append(td);
  }
  return tr;
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
    showFact(dd, fact);
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
  for (const hidden of form.querySelectorAll("input[type=hidden]")) hidden.value = ""; // reset keeps them
  for (const [key, value] of params) {
    const input = form.querySelector(`[name="${CSS.escape(key)}"]`);
    if (!input) continue;
    if (input.type === "checkbox" || input.type === "radio") {
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
    if (!value || (key === "sortierung" && value === "titel") || (key === "ansicht" && value === "karten")) continue;
    params.append(key, value);
  }
  const query = params.toString();
  const target = location.pathname + (query ? `?${query}` : "") + location.hash;
  if (target !== location.pathname + location.search + location.hash) history.replaceState(null, "", target);
}

function updateCounts(form, counts) {
  for (const fieldset of form.querySelectorAll("[data-facet]")) {
    const values = counts[fieldset.dataset.facet];
    if (!values) continue; // not counted (folded facets): the next opening counts
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
