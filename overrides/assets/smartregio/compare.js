// Side-by-side comparison of up to four solutions (the Stufenplan's "Marktsondierung").
// The choice lives in the URL (?l=a,b), so a comparison can be linked.
const MAX = 4;
const root = document.querySelector("[data-sr-compare]");
if (root) init(root);

function init(root) {
  const pick = root.querySelector("[data-sr-pick]");
  const status = root.querySelector("[data-sr-status]");
  const table = root.querySelector("[data-sr-table]");
  const api = new URL(root.dataset.api, location.href);
  const boxes = [...pick.querySelectorAll('input[name="l"]')];
  const choose = root.querySelector("[data-sr-choose]");
  const share = root.querySelector("[data-sr-share]");
  const copied = root.querySelector("[data-sr-copied]");
  pick.hidden = false;
  // the table comes first; the list of every solution stays folded under it once a link
  // brought a selection, and opens by itself when there is none
  share.querySelector("[data-sr-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      copied.textContent = "Link kopiert.";
    } catch {
      copied.textContent = `Link zum Kopieren: ${location.href}`;
    }
  });

  // the columns follow the order in which the solutions were chosen (or the link's order)
  let order = [];
  const chosen = () => order;
  const fromUrl = () => {
    const known = new Set(boxes.map((b) => b.value));
    const ids = (new URLSearchParams(location.search).get("l") || "").split(",").filter((id) => known.has(id));
    order = [...new Set(ids)].slice(0, MAX);
    for (const box of boxes) box.checked = order.includes(box.value);
  };

  // a render waits for the solutions' data; a newer choice renders anew, and a choice refused
  // meanwhile keeps its message (on a slow connection the count came back over it)
  let renders = 0;
  let refused = 0;
  const render = async () => {
    const mine = ++renders;
    const refusedBefore = refused;
    const ids = chosen();
    const params = new URLSearchParams(location.search);
    if (ids.length) params.set("l", ids.join(",")); else params.delete("l");
    const query = params.toString().replaceAll("%2C", ",");
    history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""));
    share.hidden = !ids.length;
    copied.textContent = "";
    if (!ids.length) {
      table.replaceChildren();
      status.textContent = "Noch keine Lösung ausgewählt.";
      return;
    }
    const docs = await Promise.all(ids.map((id) => fetch(new URL(`${id}.json`, api)).then((r) => r.json())));
    if (mine !== renders) return;
    table.replaceChildren(build(docs, api));
    if (refused !== refusedBefore) return;
    status.textContent = `${docs.length === 1 ? "1 Lösung" : `${docs.length} Lösungen`} von höchstens ${MAX} im Vergleich.`;
  };

  pick.addEventListener("change", (event) => {
    const box = event.target;
    if (box.checked && order.length >= MAX) {
      box.checked = false;
      refused += 1;
      status.textContent = `Höchstens ${MAX} Lösungen; bitte zuerst eine abwählen.`;
      return;
    }
    order = box.checked ? [...order, box.value] : order.filter((id) => id !== box.value);
    render();
  });
  fromUrl();
  choose.open = order.length === 0;
  render();
}

function build(docs, api) {
  // one row per field; its label in the plural as soon as one column has several values
  const rows = new Map();
  for (const doc of docs) {
    for (const fact of doc.facts) {
      const known = rows.get(fact.field);
      if (!known || fact.values.length > known.values.length) rows.set(fact.field, { label: fact.label, values: fact.values });
    }
  }
  const t = document.createElement("table");
  const caption = document.createElement("caption");
  caption.textContent = "Vergleich der ausgewählten Lösungen";
  t.append(caption);
  const head = t.createTHead().insertRow();
  head.append(th("Merkmal", "col"));
  for (const doc of docs) {
    const cell = th("", "col");
    const a = document.createElement("a");
    a.href = relativePage(api, doc.page);
    a.textContent = doc.title;
    cell.append(a);
    head.append(cell);
  }
  const body = t.createTBody();
  for (const [field, { label }] of rows) {
    const row = body.insertRow();
    row.append(th(label, "row"));
    for (const doc of docs) {
      const fact = doc.facts.find((f) => f.field === field);
      const cell = row.insertCell();
      if (!fact) { cell.textContent = "–"; continue; }
      (fact.items || fact.values.map((text) => ({ text }))).forEach((item, i) => {
        if (i) cell.append(", ");
        if (!item.href) { cell.append(item.text); return; }
        const a = document.createElement("a");
        // only web addresses and pages of this site become links (no javascript: or data:)
        if (/^(https?:|mailto:)/.test(item.href)) { a.href = item.href; a.rel = "noopener"; }
        else if (item.href.startsWith("/")) a.href = relativePage(api, item.href);
        else { cell.append(item.text); return; }
        a.textContent = item.text;
        cell.append(a);
      });
    }
  }
  return t;
}

function relativePage(api, page) {
  // the API lives at <site>/api/v1/loesungen/; pages at <site>/loesungen/<id>/
  return new URL(page.replace(/^\//, ""), new URL("../../../", api)).href;
}

function th(text, scope) {
  const cell = document.createElement("th");
  cell.scope = scope;
  cell.textContent = text;
  return cell;
}
