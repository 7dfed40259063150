// The contest page's clock: the countdown to the next opening or closing and, when a
// round's opening time comes, its start button (rendered hidden with the page) shown
// without a reload, so the opening rush sends no page loads at all; the countdown
// then counts down to that round's closing. The server still refuses a start before
// the opening time.
(function () {
  "use strict";
  var box = document.querySelector("[data-countdown]");
  var waiting = Array.prototype.slice.call(document.querySelectorAll("[data-opens-at]"));
  var target = box ? Date.parse(box.dataset.countdown) : NaN;

  function spelled(left) {
    var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600);
    var m = Math.floor(left % 3600 / 60), s = left % 60;
    return (d ? d + " ngày " : "") + h + " giờ " + m + " phút " + s + " giây";
  }

  function markOpen(action) {
    action.hidden = false;
    var card = action.closest(".round-card");
    var badge = card && card.querySelector("[data-round-status]");
    if (card) card.classList.add("border-success");
    if (badge) {
      badge.textContent = "Đang mở";
      badge.classList.remove("bg-secondary");
      badge.classList.add("bg-success");
    }
  }

  function openRounds(at) {
    waiting = waiting.filter(function (action) {
      if (Date.parse(action.dataset.opensAt) > at) return true;
      markOpen(action);
      return false;
    });
  }

  function countTo(at) {
    if (!box) return;
    if (target <= at && box.dataset.then) {  // the round opened: count to its closing
      target = Date.parse(box.dataset.then);
      box.querySelector("[data-countdown-label]").textContent = box.dataset.thenLabel;
      box.querySelector("[data-countdown-at]").textContent = box.dataset.thenAt;
      delete box.dataset.then;
    }
    var left = Math.max(0, Math.floor((target - at) / 1000));
    box.querySelector("[data-countdown-value]").textContent = spelled(left);
  }

  function tick() {
    var at = Date.now();
    openRounds(at);
    countTo(at);
    if (waiting.length || (box && target > at)) setTimeout(tick, 1000 - at % 1000);
  }
  tick();
})();
