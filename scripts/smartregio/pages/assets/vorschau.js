// The preview's pages ask the preview server every second what it has built: a new build
// reloads the page, a failed one is shown on top of the page (the site stays the last good
// one) until the next build succeeds. Only ``smartregio serve`` adds this script.
(() => {
  const STATUS = "/.smartregio/status";
  let seen = null;
  let banner = null;

  const show = (problem) => {
    if (!problem) {
      banner?.remove();
      banner = null;
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.className = "sr-preview-problem";
      banner.style.cssText =
        "position:fixed;inset:0 0 auto 0;z-index:1000;max-height:50vh;overflow:auto;margin:0;" +
        "padding:1rem;background:#fff4f4;color:#5c0011;border-bottom:3px solid #a8071a;" +
        "font:0.9rem/1.4 monospace;white-space:pre-wrap";
      document.body.prepend(banner);
    }
    banner.textContent = `Vorschau: Die letzte Änderung wurde nicht übernommen; es gilt der letzte gültige Stand.\n\n${problem}`;
  };

  const ask = async () => {
    try {
      const response = await fetch(STATUS, { cache: "no-store" });
      const status = await response.json();
      if (seen !== null && status.version !== seen) {
        location.reload();
        return;
      }
      seen = status.version;
      show(status.problem);
    } catch {
      // the preview server is restarting or gone: ask again
    }
    setTimeout(ask, 1000);
  };
  ask();
})();
