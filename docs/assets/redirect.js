/* Short permanent links (t/4-4/): go on to the page the refresh names, keeping the figure's anchor (#2025-9m).
   A file, not an inline script, so that the site's Content-Security-Policy allows it. */
(function () {
  var meta = document.querySelector('meta[http-equiv="refresh"]');
  var target = meta && meta.getAttribute("content").split("url=")[1];
  if (target) location.replace(target + location.hash);
})();
