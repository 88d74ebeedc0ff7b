/* The 404 page in the reader's language (macros/theme/404.html): a file, not an inline script, so that the
   Content-Security-Policy can forbid inline script. The site's root path comes from the tag's data-root. */
(function () {
  var root = document.currentScript.dataset.root;
  var path = location.pathname;
  var lang = (path === root + "en" || path.indexOf(root + "en/") === 0) ? "en" : "vi";
  var names = {vi: "Theo dõi Kế hoạch 219/KH-UBND", en: "Tracking Plan 219/KH-UBND"};
  var titles = {vi: "Không tìm thấy trang", en: "Page not found"};
  var home = lang === "en" ? root + "en/" : root;
  document.documentElement.lang = lang;
  document.title = titles[lang] + " - " + names[lang];
  document.querySelectorAll("[data-not-found]").forEach(function (block) {
    block.hidden = block.getAttribute("data-not-found") !== lang;
  });
  document.querySelectorAll(".md-header__topic:first-child .md-ellipsis").forEach(function (el) {
    el.textContent = names[lang];
  });
  document.querySelectorAll("a.md-logo").forEach(function (a) {
    a.href = home; a.title = names[lang]; a.setAttribute("aria-label", names[lang]);
  });
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (a) {
    a.href = a.getAttribute("hreflang") === "en" ? root + "en/" : root;
  });
  // The site's search (partials/site-search.html) was drawn in the language that built this page: point
  // it at the reader's language (its index, its words) before it loads, which it does when first opened.
  var words = {
    vi: {heading: "Tìm kiếm trên trang này", close: "Đóng", button: "Tìm kiếm (phím /)",
         placeholder: "Ví dụ: ty le ho ngheo, bảo hiểm y tế, 2.1",
         labels: {loading: "Đang tải chỉ mục tìm kiếm…", failed: "Không tải được chỉ mục tìm kiếm.",
                  hint: "Gõ có dấu hoặc không dấu, chữ viết tắt hoặc mã chỉ tiêu: «that nghiep», «BHYT», «2.1».",
                  none: "Không tìm thấy trang nào.", count: "# trang tìm thấy",
                  kinds: ["", "Mục kế hoạch", "Nhóm chỉ tiêu", "Chỉ tiêu"]}},
    en: {heading: "Search this site", close: "Close", button: "Search (key /)",
         placeholder: "For example: poverty rate, health insurance, 2.1",
         labels: {loading: "Loading the search index…", failed: "The search index could not be loaded.",
                  hint: "Type words, an abbreviation or a target's number: “unemployment”, “BHYT”, “2.1”.",
                  none: "No page found.", count: "# pages found",
                  kinds: ["", "Plan section", "Target group", "Target"]}}
  }[lang];
  var box = document.querySelector("[data-site-search]");
  if (box) {
    box.setAttribute("data-index", root + "search/index." + lang + ".json");
    box.setAttribute("data-labels", JSON.stringify(words.labels));
    box.querySelector(".site-search__heading").textContent = words.heading;
    box.querySelector(".site-search__close").textContent = words.close;
    box.querySelector(".site-search__input").placeholder = words.placeholder;
    var opener = box.querySelector(".site-search__open");
    opener.title = words.button;
    opener.querySelector(".site-search__hidden").textContent = words.button.replace(/ \(.*\)$/, "");
  }
  // the box on the page hands its words to the site's search
  document.querySelectorAll("[data-search-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!box) return;
      var input = box.querySelector(".site-search__input");
      box.querySelector(".site-search__open").click();
      input.value = form.querySelector("input").value;
      input.dispatchEvent(new Event("input", {bubbles: true}));
    });
  });
})();
