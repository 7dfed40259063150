// The header's links on a phone: folded behind "Menu" once this script runs (without
// it they stay in the header), opened and closed by the button, closed by Escape.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-menu-toggle]");
  if (!toggle) return;
  var menu = document.getElementById(toggle.getAttribute("aria-controls"));
  function setOpen(open) {
    menu.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.closest(".site-header").classList.add("menu-folds");
  toggle.hidden = false;
  toggle.addEventListener("click", function () { setOpen(!menu.classList.contains("open")); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.classList.contains("open")) { setOpen(false); toggle.focus(); }
  });
})();
