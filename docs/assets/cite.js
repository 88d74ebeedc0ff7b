/* "Copy" buttons of the citation blocks (macros/templates/press_target.md.j2). They stay hidden where
   scripts do not run; the citation is plain, selectable text either way. */
document.querySelectorAll("button.cite-copy[data-copy]").forEach(function (button) {
  var source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  var label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.innerText.trim()).then(function () {
      button.textContent = button.dataset.done;
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
