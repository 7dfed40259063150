// Practice: each answer checked at once (right or wrong, the correct option, the
// explanation and the source). Without JavaScript the form checks them all.
(function () {
  "use strict";
  var form = document.getElementById("practice");
  if (!form) return;

  var checkUrl = form.dataset.checkUrl;
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var ids = form.querySelector("input[name=ids]").value.split(",");

  function show(position, html) {
    form.querySelector('[data-feedback="' + position + '"]').innerHTML = html;
  }

  // An answer checked stays sent with the form (a disabled radio is not), as
  // the page rendered by the server keeps it.
  function lock(fieldset, chosen) {
    Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=radio]"), function (input) {
      input.disabled = true;
    });
    var kept = document.createElement("input");
    kept.type = "hidden";
    kept.name = chosen.name;
    kept.value = chosen.value;
    fieldset.appendChild(kept);
  }

  function showError(position, text) {
    var message = document.createElement("p");
    message.className = "small text-danger mb-0";
    message.textContent = text;
    show(position, "");
    form.querySelector('[data-feedback="' + position + '"]').appendChild(message);
  }

  function check(fieldset, input) {
    var position = Number(fieldset.dataset.position);
    show(position, '<p class="small text-muted mb-0">Đang kiểm tra…</p>');
    fetch(checkUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ question_id: Number(ids[position - 1]), choice: Number(input.value) })
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) {
          lock(fieldset, input);
          show(position, data.html);
        } else {
          showError(position, data.error || "Không kiểm tra được câu trả lời.");
        }
      });
    }).catch(function () {
      showError(position, "Không kiểm tra được (mất kết nối?). Bấm “Kiểm tra đáp án” để thử lại.");
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") return;
    check(input.closest(".question"), input);
  });
})();
