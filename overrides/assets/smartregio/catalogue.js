// Catalogue filters: facets with live counts, a text filter and sorting, all from Pagefind's
// index, which loads only the chunks a query needs. The filter state lives in the URL, so a
// filtered view can be linked. Without this script the full (paginated) list stays usable.
const PAGE = 20;

const root = document.querySelector(".sr-catalogue[data-collection]");
if (root) {
  init(root).catch((error) => {
    // the static list stays visible; say why filtering is unavailable
    console.error(error);
    const status = root.querySelector("[data-sr-status]");
    if (status) status.textContent += " Die Filter konnten nicht geladen werden.";
  });
}

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
  const pagefind = await import(new URL("pagefind/pagefind.js", base).href);
  await pagefind.options({ baseUrl: base.pathname });
  await pagefind.init();
  await pagefind.filters(); // loads the filter index, so every search returns counts for all facets

  let results = [];
  let shown = 0;
  let run = 0;

  readState(form, new URLSearchParams(location.search));
  form.hidden = false;
  if (pages) pages.hidden = true;

  const update = async () => {
    const mine = ++run;
    const state = new FormData(form);
    const filters = isSearch ? {} : { sammlung: collection };
    for (const fieldset of form.querySelectorAll("[data-facet]")) {
      const key = fieldset.dataset.facet;
      const values = state.getAll(key);
      if (values.length) filters[key] = { any: values };
    }
    const query = (state.get("q") || "").trim();
    const sortKey = state.get("sortierung") || "titel";
    const sort = { [sortKey]: sortKey === "titel" ? "asc" : "desc" };
    if (isSearch && !query && !Object.keys(filters).length) {
      writeState(form);
      updateCounts(form, await pagefind.filters());
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Bitte geben Sie einen Suchbegriff ein oder wählen Sie einen Bereich.";
      return;
    }
    const search = await pagefind.search(query || null, { filters, sort: query || isSearch ? undefined : sort });
    // a facet's own counts ignore its own selection (values within a facet combine with "or")
    const counts = { ...(search.filters || {}) };
    for (const key of Object.keys(filters)) {
      if (key === "sammlung" && !isSearch) continue;
      const others = { ...filters };
      delete others[key];
      const without = await pagefind.search(query || null, { filters: others });
      counts[key] = (without.filters || {})[key] || {};
    }
    if (mine !== run) return; // a newer input has started another search
    writeState(form);
    updateCounts(form, counts);
    results = search.results;
    shown = 0;
    list.replaceChildren();
    const noun = isSearch ? "Treffer" : collection;
    status.textContent = results.length === 1 ? "1 Eintrag gefunden." : `${results.length} ${noun} gefunden.`;
    await showMore();
  };

  const showMore = async () => {
    const batch = results.slice(shown, shown + PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    for (const item of data) list.append(card(item, isSearch));
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

function card(item, showSection) {
  const li = document.createElement("li");
  li.className = "sr-card";
  const h = document.createElement("h2");
  h.className = "sr-card__title";
  const a = document.createElement("a");
  a.href = item.url;
  a.textContent = item.meta?.title || item.url;
  h.append(a);
  li.append(h);
  const section = showSection && item.filters?.sammlung?.[0];
  if (section) {
    const badge = document.createElement("p");
    badge.className = "sr-badges";
    const span = document.createElement("span");
    span.className = "sr-badge";
    span.textContent = section;
    badge.append(span);
    li.append(badge);
  }
  const p = document.createElement("p");
  if (item.meta?.summary) p.textContent = item.meta.summary;
  else appendExcerpt(p, item.excerpt || "");
  if (p.textContent) li.append(p);
  return li;
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
      option.querySelector("[data-count]").textContent = `(${values[input.value] ?? 0})`;
    }
  }
}
