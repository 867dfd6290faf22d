/* The site's only script: progressive enhancement, nothing depends on it. No inline script
   anywhere (the Content-Security-Policy allows scripts from this site only). */
(function () {
  "use strict";
  // GOV.UK pattern: after a failed submit, the error summary gets the focus, so screen readers
  // announce it and keyboard users start from it; its links move to the fields.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
  // The directory's filters are folded away on phones (results first) and open on wide screens.
  var wide = window.matchMedia("(min-width: 801px)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    if (wide.matches) {
      details.open = true;
    }
  });
})();
