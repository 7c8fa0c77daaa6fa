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
