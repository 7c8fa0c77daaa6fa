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
  pick.hidden = false;

  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
  const fromUrl = () => {
    const ids = (new URLSearchParams(location.search).get("l") || "").split(",").filter(Boolean);
    for (const box of boxes) box.checked = ids.includes(box.value);
  };

  const render = async () => {
    const ids = chosen();
    const params = new URLSearchParams(location.search);
    if (ids.length) params.set("l", ids.join(",")); else params.delete("l");
    const query = params.toString().replaceAll("%2C", ",");
    history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""));
    if (!ids.length) {
      table.replaceChildren();
      status.textContent = "Noch keine Lösung ausgewählt.";
      return;
    }
    const docs = await Promise.all(ids.map((id) => fetch(new URL(`${id}.json`, api)).then((r) => r.json())));
    table.replaceChildren(build(docs, api));
    status.textContent = `${docs.length} von höchstens ${MAX} Lösungen im Vergleich.`;
  };

  pick.addEventListener("change", (event) => {
    if (chosen().length > MAX) {
      event.target.checked = false;
      status.textContent = `Höchstens ${MAX} Lösungen; bitte zuerst eine abwählen.`;
      return;
    }
    render();
  });
  fromUrl();
  render();
}

function build(docs, api) {
  const rows = [];
  const seen = new Set();
  for (const doc of docs) for (const fact of doc.facts) if (!seen.has(fact.label)) { seen.add(fact.label); rows.push(fact.label); }
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
  for (const label of rows) {
    const row = body.insertRow();
    row.append(th(label, "row"));
    for (const doc of docs) {
      const fact = doc.facts.find((f) => f.label === label);
      row.insertCell().textContent = fact ? fact.values.join(", ") : "–";
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
