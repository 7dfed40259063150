// A field the server refused (is-invalid, with its invalid-feedback message) loses
// the error's colour and text once the person edits it: the message described
// what was there before, not what is typed now. The server checks again on submit.
(function () {
  "use strict";
  function clearError(event) {
    var field = event.target;
    if (!field.classList || !field.classList.contains("is-invalid")) return;
    field.classList.remove("is-invalid");
    field.removeAttribute("aria-invalid");
    var box = field.closest(".mb-3, .form-check") || field.parentElement;
    if (box.querySelector(".is-invalid")) return;  // another field of the box still in error
    Array.prototype.forEach.call(box.querySelectorAll(".invalid-feedback"), function (message) {
      message.remove();
    });
  }
  document.addEventListener("input", clearError);
  document.addEventListener("change", clearError);
})();
