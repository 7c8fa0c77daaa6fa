// The site search: Pagefind's own interface, German from <html lang>, loading only the
// index chunks a query needs.
const meta = document.querySelector('meta[name="sr-base"]');
const base = new URL((meta ? meta.content : ".") + "/", location.href);
if (window.PagefindUI) {
  new window.PagefindUI({
    element: "#sr-search",
    baseUrl: base.pathname,
    bundlePath: new URL("pagefind/", base).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
  });
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    const input = document.querySelector("#sr-search input");
    if (input) {
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
}
