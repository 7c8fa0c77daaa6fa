// The map at /karte/: Leaflet (served from this site) over the official outlines of the Länder
// and Kreise, no tiles. The list of places below the map is the source of the points and stays
// the accessible alternative: the filters hide the same rows they take off the map.
const KIND_TEXT = { project: "Förderprojekt", user: "Lösung", both: "Förderprojekt und Lösung" };
const root = document.querySelector("[data-sr-map]");
if (root && window.L) init(root, window.L);

function init(root, L) {
  const canvas = root.querySelector("[data-sr-map-canvas]");
  const controls = root.querySelector("[data-sr-map-controls]");
  const status = root.querySelector("[data-sr-map-status]");
  const caption = root.querySelector("[data-sr-map-caption]");
  const landSelect = root.querySelector("[data-sr-map-land]");
  const kreisSelect = root.querySelector("[data-sr-map-kreis]");
  const filters = [...root.querySelectorAll("[data-sr-map-filter]")];
  const rows = [...root.querySelectorAll("tr[data-sr-place]")];
  const kreise = JSON.parse(kreisSelect.dataset.kreise || "{}");

  canvas.hidden = false;
  controls.hidden = false;
  root.querySelector("[data-sr-map-skip]").hidden = false;
  root.querySelector("[data-sr-map-static]").hidden = true;
  canvas.setAttribute("role", "region");
  canvas.setAttribute("aria-label", "Interaktive Karte; Pfeiltasten verschieben, Plus und Minus zoomen");

  const map = L.map(canvas, {
    zoomSnap: 0.25,
    fadeAnimation: false, // a popup is readable (and checkable) at once
    minZoom: 4,
    maxZoom: 12,
    zoomControl: false,
    attributionControl: false,
  });
  L.control.zoom({ zoomInTitle: "Vergrößern", zoomOutTitle: "Verkleinern" }).addTo(map);
  const attribution = L.control.attribution({ prefix: false }).addTo(map);
  if (root.dataset.attribution) {
    const link = document.createElement("a");
    link.href = root.dataset.attributionUrl;
    link.rel = "noopener";
    link.textContent = root.dataset.attribution;
    attribution.addAttribution(link.outerHTML);
  }
  const licence = document.createElement("a");
  licence.href = root.dataset.licence;
  licence.textContent = "Leaflet";
  attribution.addAttribution(licence.outerHTML);
  const germany = L.latLngBounds([47.2, 5.8], [55.1, 15.1]);
  map.fitBounds(germany);

  // --- outlines: Länder for the zoom, Kreise as thin lines --------------------------------------
  const shapes = { land: new Map(), kreis: new Map() };
  const load = async (name, style, kind, keyOf) => {
    if (!root.dataset[name]) return;
    const response = await fetch(root.dataset[name]);
    if (!response.ok) return;
    const layer = L.geoJSON(await response.json(), { style, interactive: false });
    layer.eachLayer((shape) => shapes[kind].set(keyOf(shape.feature.properties), shape));
    layer.addTo(map);
    layer.bringToBack();
  };
  const kreisStyle = { color: "#7b8794", weight: 0.6, fill: false };
  const landStyle = { color: "#174a7c", weight: 1.4, fillColor: "#e4ecf4", fillOpacity: 1 };
  load("kreise", kreisStyle, "kreis", (p) => p.key).then(() =>
    load("laender", landStyle, "land", (p) => p.code),
  );

  // --- points, from the list ---------------------------------------------------------------------
  const points = rows.map((row) => {
    const link = row.querySelector("a");
    const title = link.textContent;
    const kind = row.dataset.kind;
    const marker = L.marker([Number(row.dataset.lat), Number(row.dataset.lon)], {
      icon: L.divIcon({ className: `sr-map__dot sr-map__dot--${kind}`, iconSize: kind === "user" ? [12, 12] : [14, 14] }),
      keyboard: true,
      title,
      riseOnHover: true,
    });
    marker.bindPopup(() => popup(title, row.dataset.what, link.getAttribute("href")));
    marker.on("add", () => {
      const element = marker.getElement();
      element.setAttribute("aria-label", `${title}: ${KIND_TEXT[kind]}`);
      element.removeAttribute("title");
    });
    return {
      row,
      marker,
      fields: row.dataset.fields.split(" "),
      solutions: row.dataset.solutions.split(" "),
    };
  });
  const layer = L.layerGroup().addTo(map);

  let opener = null;
  map.on("popupopen", (event) => {
    const box = event.popup.getElement();
    const close = box.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", "Schließen");
    opener = document.activeElement && document.activeElement.closest(".sr-map__dot");
    if (opener) box.querySelector(".sr-map__popup a").focus();
  });
  // Escape closes a popup from inside it too (Leaflet listens only while the map itself has focus)
  canvas.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && canvas.querySelector(".leaflet-popup")) map.closePopup();
  });
  map.on("popupclose", () => {
    if (opener && document.activeElement && (document.activeElement === document.body || canvas.contains(document.activeElement))) opener.focus();
    opener = null;
  });

  const apply = () => {
    const chosen = Object.fromEntries(filters.map((f) => [f.dataset.srMapFilter, f.value]));
    let shown = 0;
    layer.clearLayers();
    for (const point of points) {
      const ok = Object.entries(chosen).every(([name, value]) => !value || point[name].includes(value));
      point.row.hidden = !ok;
      if (ok) {
        layer.addLayer(point.marker);
        shown += 1;
      }
    }
    const all = shown === points.length;
    status.textContent = all
      ? `${points.length} Orte auf Karte und Liste.`
      : `${shown} von ${points.length} Orten passen zur Auswahl; Karte und Liste zeigen nur diese.`;
    caption.textContent = all ? "" : ` (Auswahl: ${shown} von ${points.length})`;
  };
  for (const f of filters) f.addEventListener("change", apply);
  apply();

  // --- zoom to a Land or Kreis ---------------------------------------------------------------------
  const zoomTo = (shape, fallback, name) => {
    delete root.dataset.view;
    map.once("moveend", () => (root.dataset.view = name)); // which area the map shows once it stops
    map.fitBounds(shape ? shape.getBounds() : fallback, { padding: [8, 8] });
  };
  landSelect.addEventListener("change", () => {
    const land = landSelect.value;
    kreisSelect.replaceChildren(new Option(land ? "Ganzes Land" : "Erst ein Land wählen", ""));
    for (const [key, title] of kreise[land] || []) kreisSelect.add(new Option(title, key));
    kreisSelect.disabled = !land;
    zoomTo(shapes.land.get(land), germany, land || "DE");
  });
  kreisSelect.addEventListener("change", () => {
    const kreis = shapes.kreis.get(kreisSelect.value);
    zoomTo(kreis || shapes.land.get(landSelect.value), germany, kreisSelect.value || landSelect.value);
  });
  controls.addEventListener("submit", (event) => event.preventDefault());
  root.sr = { map }; // for the tests: bounds and layers
}

function popup(title, what, href) {
  const box = document.createElement("div");
  box.className = "sr-map__popup";
  const name = document.createElement("strong");
  name.textContent = title;
  const text = document.createElement("p");
  text.textContent = what;
  const link = document.createElement("a");
  link.href = href;
  link.textContent = `Zur Seite von ${title}`;
  box.append(name, text, link);
  return box;
}
