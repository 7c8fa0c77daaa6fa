// The menu button: a real button (keyboard, screen reader, aria-expanded) in place of
// Material's label for a hidden checkbox, which stays for pages without JavaScript.
const drawer = document.getElementById("__drawer");
const button = document.querySelector("[data-sr-drawer]");
if (drawer && button) {
  const label = document.querySelector("label.sr-nojs-only[for='__drawer']");
  if (label) label.hidden = true;
  button.hidden = false;
  const sync = () => button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  button.addEventListener("click", () => {
    drawer.checked = !drawer.checked;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    // the open menu is where the reader goes next: it comes late in the page, so Tab from the
    // button would first pass the header and the whole article (closed, it takes no focus:
    // smartregio.css hides it)
    if (drawer.checked) {
      const first = document.querySelector(".md-sidebar--primary .md-nav__list .md-nav__link[href]");
      if (first) first.focus();
    }
  });
  drawer.addEventListener("change", sync);
  // Escape closes the open navigation and returns the focus to the button
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    sync();
    button.focus();
  });
  sync();
}

// Wide code blocks (/api/, /daten/, /mitmachen/ on a phone) scroll sideways, and a keyboard can
// scroll only what takes the focus (axe: scrollable-region-focusable). Each block that does not
// fit gets a Tab stop and a name that says why; one that fits takes no stop. Checked again when
// the width changes (a phone turned); Material's own check runs later and only sets the stop.
const codeBlocks = document.querySelectorAll(".md-typeset pre > code");
const markScrollable = () => {
  for (const code of codeBlocks) {
    if (code.scrollWidth > code.clientWidth) {
      code.tabIndex = 0;
      code.setAttribute("role", "group");
      code.setAttribute("aria-label", "Codebeispiel, seitlich scrollbar");
    } else {
      for (const name of ["tabindex", "role", "aria-label"]) code.removeAttribute(name);
    }
  }
};
if (codeBlocks.length) {
  markScrollable();
  window.addEventListener("resize", markScrollable);
}
