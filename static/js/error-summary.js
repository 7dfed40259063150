// The error summary of a refused form (macros/forms.html, error_summary): focused
// when the page loads, so a phone shows it (not the top of a long form) and a
// screen reader reads it. A link of the summary focuses its field and scrolls
// so that the field's label shows too (a bare #id jump hides the label above it).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link || !summary.contains(link)) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
