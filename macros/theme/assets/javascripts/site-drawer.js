/* The navigation drawer (windows narrower than 1220 px, phones included) by keyboard as well as by pointer.
   Material opens it with a label for a hidden checkbox, which Tab never reaches; the menu button
   (partials/header.html) toggles that same checkbox, so Material's own behaviour (the overlay, closing when a
   link is followed) is kept. Opened, focus goes into the drawer; Escape, or Tab out of it, closes it. */
(function () {
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector(".site-drawer__open");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  document.documentElement.classList.add("site-drawer--ready");   // site.css: the button replaces the label
  function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
  function set(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));   // what Material watches
  }
  toggle.addEventListener("change", sync);
  button.addEventListener("click", function () {
    set(!toggle.checked);
    var first = toggle.checked && drawer.querySelector("a[href], label[tabindex='0']");
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
  // In the drawer a section's pages are a panel that slides in over the menu when its arrow is clicked. Tab
  // reaches their links even while the panel is out of sight: the panels on the way to the focused link are
  // opened, and the others closed, so that what has focus is always what is seen.
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  drawer.addEventListener("focusin", function (event) {
    if (!narrow.matches) return;
    var open = [];
    for (var item = event.target.closest(".md-nav__item--nested"); item;
         item = item.parentElement.closest(".md-nav__item--nested")) {
      var panel = item.querySelector(":scope > .md-nav"), own = item.querySelector(":scope > .md-nav__toggle");
      if (own && panel && panel.contains(event.target)) open.push(own);
    }
    drawer.querySelectorAll(".md-nav__toggle").forEach(function (panelToggle) {
      var wanted = open.indexOf(panelToggle) >= 0;
      if (panelToggle.checked !== wanted) {
        panelToggle.checked = wanted;
        panelToggle.dispatchEvent(new Event("change"));
      }
    });
    // the browser scrolled the drawer sideways to show a link of a panel still out of sight: the panel now
    // slides in by itself, and that sideways scroll would leave it out of view
    for (var box = event.target.parentElement; box && box !== drawer.parentElement; box = box.parentElement) {
      box.scrollLeft = 0;
    }
  });
  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next)) set(false);
  });
  sync();
})();
