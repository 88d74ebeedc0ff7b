/* Opens the site search (partials/site-search.html); a file, not an inline script, so that the
   Content-Security-Policy (main.html) can forbid inline script. Loaded right after the search box. */
(function () {
  var box = document.querySelector("[data-site-search]");
  var dialog = box.querySelector("dialog"), input = box.querySelector("input");
  function open() {
    // Until Material's script has run, .no-js hides the box (site.css): a dialog opened then would be invisible,
    // make the page inert and leave focus on nothing, so that the next letters reach Material's shortcuts.
    if (document.documentElement.classList.contains("no-js")) return;
    if (!dialog.open) dialog.showModal();
    input.focus();
    if (!box.hasAttribute("data-started")) {
      box.setAttribute("data-started", "");
      var script = document.createElement("script");
      script.src = box.getAttribute("data-script");
      document.head.appendChild(script);
    }
  }
  var opener = box.querySelector(".site-search__open");
  opener.addEventListener("click", open);
  // When the dialog closes, focus goes back to the search button at once. Left to itself, Chromium keeps the
  // hidden input focused until its next frame, and a "/" typed in that moment would be swallowed by it.
  // (The dialog's "close" event comes a task later, so the closing paths below call shut() themselves.)
  function shut() {
    dialog.close();
    var active = document.activeElement;
    if (!active || active === document.body || dialog.contains(active)) opener.focus();
  }
  dialog.addEventListener("close", function () { if (dialog.contains(document.activeElement)) opener.focus(); });
  box.querySelector(".site-search__close").addEventListener("click", shut);
  // Escape closes at once (in a search field the browser would first only clear the text)
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.preventDefault(); shut(); } });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) shut(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open &&
        (target === input || !(target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))) {
      event.preventDefault();
      open();
    }
  });
})();
