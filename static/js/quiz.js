// The quiz page: server-synced timer, answers saved at once, kept on the phone
// and retried while offline, one question per screen on a phone (the question
// shown survives a reload), a page restored by Back checks the attempt's state.
(function () {
  "use strict";
  var form = document.getElementById("quiz");
  if (!form) return;

  var saveUrl = form.dataset.saveUrl;
  var storeKey = "cchc-attempt:" + form.dataset.attempt;
  var positionKey = "cchc-position:" + form.dataset.attempt;  // sessionStorage: this tab
  var savedKey = "cchc-saved:" + form.dataset.attempt;  // confirmed saves, until a page shows them
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var timerEl = form.querySelector("[data-timer]");
  var timerAlertEl = form.querySelector("[data-timer-alert]");
  var netEl = form.querySelector("[data-net]");
  var answeredEl = form.querySelector("[data-answered]");
  var questions = Array.prototype.slice.call(form.querySelectorAll(".question"));
  // Wall-clock end time: keeps counting while a phone sleeps; the server enforces the deadline.
  var endAt = Date.now() + Number(form.dataset.remainingMs);
  var pending = loadPending();
  var retryDelay = 1000;
  var retryTimer = null;
  var sending = false;
  var submitting = false;
  var current = 0;

  document.documentElement.classList.add("js");

  // ---- pending answers, kept in localStorage until the server confirms ----
  function loadPending() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function storePending() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }
  function pendingKeys() { return Object.keys(pending); }
  // A save confirmed while a reload was already on its way can land after the
  // server drew the new page: the confirmed value is kept until a page shows it.
  function rememberSaved(key, value) {
    try {
      var saved = JSON.parse(localStorage.getItem(savedKey)) || {};
      saved[key] = value;
      localStorage.setItem(savedKey, JSON.stringify(saved));
    } catch (e) { /* private mode */ }
  }
  function shownAnswer(key) {
    if (key === "prediction") return form.elements.prediction.value !== "";
    return !!form.querySelector('input[name="q' + key + '"]:checked');
  }
  function takeBackSavedNotShown() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(savedKey)) || {}; localStorage.removeItem(savedKey); } catch (e) { return; }
    Object.keys(saved).forEach(function (key) {
      if (!(key in pending) && !shownAnswer(key)) pending[key] = saved[key];
    });
    storePending();
  }

  // ---- status texts ----
  function setState(position, text, cls) {
    var q = form.querySelector('.question[data-position="' + position + '"]');
    if (!q) return;
    var el = q.querySelector("[data-state]");
    el.textContent = text;
    el.className = "save-state " + (cls || "");
  }
  function setNet(text, cls) {
    netEl.textContent = text;
    netEl.className = "quiz-net " + (cls || "");
  }
  function refreshProgress() {
    var answered = 0;
    questions.forEach(function (q) {
      var checked = q.querySelector("input[type=radio]:checked");
      var link = form.querySelector('.qmap-item[data-goto="' + q.dataset.position + '"]');
      if (checked) answered += 1;
      if (link) {
        link.classList.toggle("answered", !!checked);
        link.setAttribute("aria-label", "Câu " + q.dataset.position + (checked ? ", đã trả lời" : ""));
      }
    });
    answeredEl.textContent = answered;
    return answered;
  }

  // ---- sending ----
  function post(body) {
    return fetch(saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    });
  }

  function flush() {
    if (sending || submitting) return Promise.resolve();
    var keys = pendingKeys();
    if (!keys.length) { return Promise.resolve(); }
    sending = true;
    var key = keys[0];
    var value = pending[key];
    var body = key === "prediction" ? { prediction: value } : { position: Number(key), choice: value };
    return post(body).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        sending = false;
        if (response.ok) {
          if (pending[key] === value) { delete pending[key]; storePending(); rememberSaved(key, value); }
          if (key !== "prediction") setState(key, "Đã lưu", "saved");
          if (typeof data.remaining_ms === "number") endAt = Date.now() + data.remaining_ms;
          retryDelay = 1000;
          setNet(pendingKeys().length ? "Đang lưu…" : "", "");
          return flush();
        }
        if (response.status >= 500 || response.status === 429) { throw new Error("server"); }
        // Refused for good (time is up, already submitted, invalid): do not retry.
        delete pending[key]; storePending();
        if (key !== "prediction") setState(key, data.error || "Không lưu được", "error");
        setNet(data.error || "Không lưu được câu trả lời.", "error");
        if (response.status === 409 || response.status === 404) {
          setTimeout(function () { window.location.reload(); }, 2500);
        }
      });
    }).catch(function () {
      sending = false;
      setNet("Mất kết nối — câu trả lời được giữ trên máy và sẽ tự gửi lại.", "offline");
      pendingKeys().forEach(function (k) { if (k !== "prediction") setState(k, "Chưa lưu (đang chờ mạng)", "waiting"); });
      scheduleRetry();
    });
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "radio") {
      var position = input.name.slice(1);
      pending[position] = Number(input.value);
      storePending();
      setState(position, "Đang lưu…", "saving");
      refreshProgress();
      flush();
    } else if (input.name === "prediction" && input.value !== "" && /^\d+$/.test(input.value)) {
      pending.prediction = Number(input.value);
      storePending();
      flush();
    }
  });

  window.addEventListener("online", function () { retryDelay = 1000; flush(); });

  // ---- timer: shown every second, read out by screen readers only at thresholds ----
  var ALERTS = [[300, "Còn 5 phút làm bài."], [60, "Còn 1 phút làm bài."]];
  var lastSeconds = null;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function announceThreshold(seconds) {
    ALERTS.forEach(function (alert) {
      if (lastSeconds !== null && lastSeconds > alert[0] && seconds <= alert[0]) {
        timerAlertEl.textContent = alert[1];
      }
    });
    lastSeconds = seconds;
  }
  function tick() {
    var left = Math.max(0, endAt - Date.now());
    var seconds = Math.ceil(left / 1000);
    timerEl.textContent = pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
    timerEl.parentNode.classList.toggle("urgent", seconds <= 60);
    announceThreshold(seconds);
    if (left <= 0) { autoSubmit(); return; }
    setTimeout(tick, 250);
  }
  function autoSubmit() {
    if (submitting) return;
    setNet("Hết giờ — đang nộp bài…", "");
    submitting = true;
    forgetAttempt();
    form.submit();
  }
  function forgetAttempt() {
    try {
      localStorage.removeItem(storeKey); localStorage.removeItem(savedKey); sessionStorage.removeItem(positionKey);
    } catch (e) { /* ignore */ }
  }

  // ---- the prediction is asked before a submit by hand (the server refuses one without it;
  // the timer's own submit, form.submit(), fires no submit event and goes without) ----
  var predictionInput = form.elements.prediction;
  var predictionAlert = form.querySelector("[data-prediction-alert]");
  function askForPrediction() {
    if (!predictionAlert || predictionInput.value.trim() !== "") return false;
    predictionAlert.textContent = "Vui lòng trả lời câu hỏi dự đoán trước khi nộp bài.";
    predictionInput.classList.add("is-invalid");
    predictionInput.scrollIntoView({ block: "center" });
    predictionInput.focus({ preventScroll: true });
    return true;
  }
  predictionInput.addEventListener("input", function () {
    if (!predictionAlert || predictionInput.value.trim() === "") return;
    predictionAlert.textContent = "";
    predictionInput.classList.remove("is-invalid");
  });

  // ---- submit: let pending saves go first, then post the form (it carries every answer) ----
  form.addEventListener("submit", function (event) {
    if (submitting) return;
    if (askForPrediction()) { event.preventDefault(); return; }
    var unanswered = questions.length - refreshProgress();
    if (unanswered > 0 && !window.confirm("Bạn còn " + unanswered + " câu chưa trả lời. Vẫn nộp bài?")) {
      event.preventDefault();
      return;
    }
    submitting = true;
    forgetAttempt();
  });

  // ---- a page the browser restored from its back/forward cache: is the attempt still open? ----
  function checkState() {
    return fetch(form.dataset.stateUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.submitted) { window.location.replace(data.result_url); return; }
        endAt = Date.now() + data.remaining_ms;
        submitting = false;
        flush();
      })
      .catch(function () { /* offline: the timer and the saved answers carry on */ });
  }
  window.addEventListener("pageshow", function (event) { if (event.persisted) checkState(); });

  // ---- one question per screen on a phone, with the map folded away ----
  var pager = form.querySelector("[data-pager]");
  var qmap = form.querySelector(".qmap");
  var qmapToggle = form.querySelector("[data-qmap-toggle]");
  var predictionNote = form.querySelector("[data-prediction-note]");
  var narrow = window.matchMedia("(max-width: 767.98px)");
  function rememberPosition() {
    try { sessionStorage.setItem(positionKey, String(current + 1)); } catch (e) { /* private mode */ }
  }
  function rememberedIndex() {
    var stored = null;
    try { stored = sessionStorage.getItem(positionKey); } catch (e) { /* private mode */ }
    var hash = /^#q(\d+)$/.exec(window.location.hash);
    var position = Number(stored || (hash && hash[1]) || 1);
    return position >= 1 && position <= questions.length ? position - 1 : 0;
  }
  function show(index) {
    current = Math.max(0, Math.min(questions.length - 1, index));
    questions.forEach(function (q, i) { q.classList.toggle("current", i === current); });
    form.querySelectorAll(".qmap-item").forEach(function (a, i) {
      a.classList.toggle("current", i === current);
      if (i === current) a.setAttribute("aria-current", "step"); else a.removeAttribute("aria-current");
    });
    pager.querySelector("[data-prev]").disabled = current === 0;
    pager.querySelector("[data-next]").textContent = current < questions.length - 1 ? "Câu sau →"
      : predictionAlert ? "Đến câu dự đoán (bắt buộc) ↓" : "Đến câu dự đoán ↓";
    rememberPosition();
  }
  // After Previous/Next or a pick on the map: the new question gets the focus
  // (a keyboard or screen-reader user goes on from it), scrolled into view only if needed.
  function focusCurrent() {
    var q = questions[current];
    var top = q.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) q.scrollIntoView();
    q.focus({ preventScroll: true });
  }
  function openMap(open) {
    qmap.classList.toggle("open", open);
    qmapToggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function applyLayout() {
    form.classList.toggle("paged", narrow.matches);
    // One question a screen: the last one's button says the prediction is required instead.
    if (predictionNote) predictionNote.hidden = narrow.matches;
    pager.hidden = !narrow.matches;
    qmapToggle.hidden = !narrow.matches;
    openMap(false);
    show(current);
  }
  questions.forEach(function (q) { q.tabIndex = -1; });
  pager.querySelector("[data-prev]").addEventListener("click", function () { show(current - 1); focusCurrent(); });
  pager.querySelector("[data-next]").addEventListener("click", function () {
    if (current === questions.length - 1) { document.getElementById("du-doan").scrollIntoView(); return; }
    show(current + 1); focusCurrent();
  });
  qmapToggle.addEventListener("click", function () { openMap(!qmap.classList.contains("open")); });
  qmap.addEventListener("click", function (event) {
    var target = event.target.closest("[data-goto]");
    if (!target || !narrow.matches) return;
    event.preventDefault();
    show(Number(target.dataset.goto) - 1);
    openMap(false);
    focusCurrent();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", applyLayout);

  // ---- start: re-apply answers kept on this phone, then send them ----
  takeBackSavedNotShown();
  pendingKeys().forEach(function (key) {
    if (key === "prediction") { form.elements.prediction.value = pending[key]; return; }
    var input = form.querySelector('input[name="q' + key + '"][value="' + pending[key] + '"]');
    if (input) { input.checked = true; setState(key, "Đang lưu…", "saving"); }
  });
  refreshProgress();
  current = rememberedIndex();
  applyLayout();
  tick();
  flush();
})();
