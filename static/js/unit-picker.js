// Filters the unit list as the person types, ignoring diacritics and case
// ("so noi vu" finds "Sở Nội vụ").
(function () {
  "use strict";
  var box = document.querySelector("[data-unit-picker]");
  if (!box) return;
  var input = box.querySelector("input[type=search]");
  var select = box.querySelector("select");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var options = Array.prototype.slice.call(select.options).filter(function (o) { return o.value; });
  options.forEach(function (o) { o.dataset.folded = fold(o.text); });
  input.hidden = false;
  input.addEventListener("input", function () {
    var words = fold(input.value).split(" ").filter(Boolean);
    var first = null;
    options.forEach(function (o) {
      var show = words.every(function (w) { return o.dataset.folded.indexOf(w) !== -1; });
      o.hidden = !show;
      o.disabled = !show && !o.selected;
      if (show && !first) first = o;
    });
    if (first && (select.selectedIndex <= 0 || select.options[select.selectedIndex].hidden)) {
      select.value = first.value;
    }
    select.size = Math.min(6, Math.max(2, options.filter(function (o) { return !o.hidden; }).length));
  });
})();
