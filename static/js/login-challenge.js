// The login form of an address with many recent failed logins carries a
// proof-of-work challenge (contest/accounts/login_challenge.py): find a number
// whose SHA-256 of "challenge:number" starts with `bits` zero bits, put it in the
// form, then let the person submit. About a second on a phone. crypto.subtle
// needs HTTPS (or localhost), as production is served.
(function () {
  "use strict";
  var form = document.querySelector("form[data-challenge]");
  if (!form || !window.crypto || !window.crypto.subtle) return;
  var challenge = form.getAttribute("data-challenge");
  var bits = parseInt(form.getAttribute("data-bits"), 10);
  var button = form.querySelector("button[type=submit]");
  var status = form.querySelector("[data-challenge-status]");
  var encoder = new TextEncoder();
  button.disabled = true;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer), count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  }

  async function solve() {
    for (var number = 0; ; number++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + number));
      if (zeroBits(digest) >= bits) return number;
    }
  }

  solve().then(function (answer) {
    form.querySelector("input[name=answer]").value = String(answer);
    button.disabled = false;
    if (status) status.textContent = "Đã xác minh. Bạn có thể đăng nhập.";
  });
})();
