// Countdown on the contest page, to the next opening or closing.
(function () {
  "use strict";
  var box = document.querySelector("[data-countdown]");
  if (!box) return;
  var target = Date.parse(box.dataset.countdown);
  var out = box.querySelector("[data-countdown-value]");
  function tick() {
    var left = Math.max(0, Math.floor((target - Date.now()) / 1000));
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600);
    var m = Math.floor(left % 3600 / 60), s = left % 60;
    out.textContent = (d ? d + " ngày " : "") + h + " giờ " + m + " phút " + s + " giây";
    if (left > 0) setTimeout(tick, 1000);
  }
  tick();
})();
