// „Kommune finden“: a combobox (WAI-ARIA APG pattern, list autocomplete) over every official
// place. While the reader types, it loads only the index file of the first two letters (or
// digits) of the query from /kommunen/finden/ and ranks the places in it; Enter opens the
// chosen place's page /kommunen/<key>/. Without this script the field is a plain form that
// leads to the list of all places from A to Z.
//
// The query is normalised with the rules the build used for the names (regeln.json, written
// from scripts/smartregio/pages/finder.py); normalise() mirrors normalise() there exactly.

export function normalise(text, rules, complete = true, umlauts = false) {
  let letters = text.toLowerCase();
  if (umlauts) letters = [...letters].map((c) => rules.umlauts[c] ?? c).join("");
  letters = [...letters].map((c) => rules.fold[c] ?? c).join("");
  letters = letters.normalize("NFD").replace(/\p{M}/gu, "");
  const words = letters.split(/[^a-z0-9]+/).filter(Boolean);
  const endsOpen = words.length > 0 && !complete && !/[^a-z0-9]/.test(letters.slice(-1) || "a");
  const out = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (const [short, long] of rules.words) {
      const parts = short.split(" ");
      const n = parts.length;
      const whole = i + n < words.length || !endsOpen;
      if (whole && parts.every((part, j) => words[i + j] === part)) {
        out.push(...long.split(" "));
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) out.push(words[i++]);
  }
  return out.join(" ");
}

const compact = (text) => text.replaceAll(" ", "");

// 0 exact name, 1 name prefix, 2 prefix of a later word; null: no match
function nameRank(forms, query) {
  const bare = compact(query);
  let best = null;
  for (const form of forms) {
    let rank = null;
    if (form === query || compact(form) === bare) rank = 0;
    else if (form.startsWith(query) || compact(form).startsWith(bare)) rank = 1;
    else if ((" " + form).includes(" " + query)) rank = 2;
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

export function rank(places, query) {
  const digits = query.replace(/\s+/g, "");
  const byKey = /^\d+$/.test(digits);
  const hits = [];
  for (const [key, title, description, kindRank, forms] of places) {
    const r = byKey ? (key === digits ? 0 : key.startsWith(digits) ? 1 : null) : nameRank(forms, query);
    if (r !== null) hits.push({ key, title, description, kindRank, rank: r });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.kindRank - b.kindRank ||
      a.title.localeCompare(b.title, "de") ||
      a.description.localeCompare(b.description, "de") ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return hits;
}

class Index {
  constructor(base) {
    this.base = base;
    this.files = new Map();
  }

  load(name) {
    if (!this.files.has(name)) {
      const url = new URL(`${name}.json`, this.base);
      this.files.set(
        name,
        fetch(url).then((response) => (response.ok ? response.json() : [])).catch(() => []),
      );
    }
    return this.files.get(name);
  }

  rules() {
    if (!this._rules) this._rules = fetch(new URL("regeln.json", this.base)).then((r) => r.json());
    return this._rules;
  }
}

function shardOf(query, length) {
  const digits = query.replace(/\s+/g, "");
  if (/^\d+$/.test(digits)) return digits.length >= length ? digits.slice(0, length) : null;
  const first = query.split(" ")[0];
  if (compact(query).length < length) return null;
  return first.length >= length ? first.slice(0, length) : first;
}

function init(form) {
  const input = form.querySelector("input");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector("[data-sr-finder-status]");
  const index = new Index(new URL(form.dataset.index, location.href));
  const places = new URL(form.dataset.places, location.href);
  let hits = [];
  let active = -1;
  let run = 0;
  let pending = Promise.resolve();

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  const placeUrl = (key) => new URL(`${key}/`, places).href;

  const setActive = (n) => {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", i === n ? "true" : "false"));
    active = n;
    if (n >= 0 && options[n]) {
      input.setAttribute("aria-activedescendant", options[n].id);
      options[n].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };

  const open = () => {
    if (!list.children.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };

  const show = (found, max) => {
    hits = found;
    list.replaceChildren(
      ...found.slice(0, max).map((hit, i) => {
        const option = document.createElement("li");
        option.id = `sr-finder-option-${i}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "sr-finder__option";
        option.dataset.key = hit.key;
        const title = document.createElement("span");
        title.className = "sr-finder__title";
        title.textContent = hit.title;
        const description = document.createElement("span");
        description.className = "sr-finder__description";
        description.textContent = ` – ${hit.description}`;
        option.append(title, description);
        return option;
      }),
    );
    setActive(-1);
    const count = found.length === 0 ? "Keine Treffer" : `${found.length} Treffer`;
    status.textContent = found.length > max ? `${count}, die ersten ${max} werden gezeigt` : count;
    if (found.length) open();
    else close();
  };

  const update = async () => {
    const mine = ++run;
    const rules = await index.rules();
    const query = normalise(input.value, rules, false);
    const shard = shardOf(query, rules.shard_length);
    if (!shard) {
      if (mine === run) {
        hits = [];
        list.replaceChildren();
        status.textContent = "";
        close();
      }
      return;
    }
    const found = rank(await index.load(shard), query);
    if (mine === run) show(found, rules.max_options);
  };

  const go = (n) => {
    const option = list.querySelectorAll("[role=option]")[n];
    if (option) location.href = placeUrl(option.dataset.key);
  };

  // Enter or the button: the chosen option, else the best match (the list shows it first)
  const choose = async () => {
    await pending;
    if (active >= 0) go(active);
    else if (hits.length) go(0);
    else status.textContent = input.value.trim() ? "Keine Treffer" : "Bitte einen Namen oder Schlüssel eingeben";
  };

  input.addEventListener("input", () => {
    pending = update();
  });
  input.addEventListener("keydown", async (event) => {
    const count = list.children.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (list.hidden) {
        open();
        if (!list.hidden) setActive(0);
      } else if (count) setActive(Math.min(active + 1, count - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (!list.hidden) setActive(active - 1 < 0 ? -1 : active - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose();
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        hits = [];
        list.replaceChildren();
        status.textContent = "";
      }
    } else if (event.key === "Tab") {
      close();
    }
  });
  // a pointer chooses without taking the focus from the field first
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) location.href = placeUrl(option.dataset.key);
  });
  input.addEventListener("blur", close);
  input.addEventListener("focus", open);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    choose();
  });

  // the page without JavaScript sent the query along: take it up here
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    pending = update();
  }
}

document.querySelectorAll("[data-sr-finder]").forEach(init);
