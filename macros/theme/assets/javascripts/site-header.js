/* Opens the site search (partials/site-search.html); a file, not an inline script, so that the
   Content-Security-Policy (main.html) can forbid inline script. Loaded right after the search box. */
(function () {
  var box = document.querySelector("[data-site-search]");
  var dialog = box.querySelector("dialog"), input = box.querySelector("input");
  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    if (!box.hasAttribute("data-started")) {
      box.setAttribute("data-started", "");
      var script = document.createElement("script");
      script.src = box.getAttribute("data-script");
      document.head.appendChild(script);
    }
  }
  box.querySelector(".site-search__open").addEventListener("click", open);
  box.querySelector(".site-search__close").addEventListener("click", function () { dialog.close(); });
  // Escape closes at once (in a search field the browser would first only clear the text)
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.preventDefault(); dialog.close(); } });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open &&
        !(target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      event.preventDefault();
      open();
    }
  });
})();
