/* 无障碍辅助工具: point-to-read, text magnifier, reading guide, large cursor, colour themes,
 * text-only view and text size. Everything happens in the reader's browser and is remembered
 * in localStorage; the server sends the same page to everyone. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var bar = document.querySelector("[data-assist-toolbar]");
  if (!bar) { return; }
  var KEY = "portal-assist";
  var THEMES = ["", "dark", "light", "blue"];
  var ZOOMS = [1, 1.15, 1.3, 1.5, 1.75, 2];
  var SWITCHES = ["speak", "magnifier", "guide", "cursor", "textonly"];
  var magnifier = document.querySelector("[data-assist-magnifier]");
  var guideX = document.querySelector("[data-assist-guide-x]");
  var guideY = document.querySelector("[data-assist-guide-y]");
  var status = bar.querySelector("[data-assist-status]");
  var openers = document.querySelectorAll("[data-assist-open]");
  var lang = root.lang === "en" ? "en-US" : (root.lang === "zh-Hant" ? "zh-TW" : "zh-CN");
  var canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  var TEXT = { on: bar.dataset.textOn || "on", off: bar.dataset.textOff || "off",
    reset: bar.dataset.textReset || "", noSpeech: bar.dataset.textNoSpeech || "" };

  var state = load();

  function defaults() {
    return { open: root.classList.contains("accessible-mode"), speak: false, magnifier: false,
      guide: false, cursor: false, textonly: false, theme: "", zoom: 0 };
  }
  function load() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    var s = defaults();
    if (saved && typeof saved === "object") {
      Object.keys(s).forEach(function (k) { if (typeof saved[k] === typeof s[k]) { s[k] = saved[k]; } });
    }
    if (THEMES.indexOf(s.theme) < 0) { s.theme = ""; }
    s.zoom = Math.max(0, Math.min(ZOOMS.length - 1, Math.round(s.zoom)));
    return s;
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage disabled */ }
  }

  function label(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim();
  }
  function announce(message) { if (status) { status.textContent = message; } }

  /* The text a reader points at or has focused: a control's name, else its element's text. */
  var TEXT_ELEMENTS = "a, button, summary, label, h1, h2, h3, h4, h5, h6, p, li, td, th, dt, dd, figcaption, caption, time, legend, blockquote";
  function textOf(el) {
    if (!el || el.nodeType !== 1 || el === document.body || el === root) { return ""; }
    if (el.closest("[data-assist-magnifier]")) { return ""; }
    var target = el.closest(TEXT_ELEMENTS) || el;
    var text = target.getAttribute("aria-label") || "";
    if (!text && target.tagName === "IMG") { text = target.getAttribute("alt") || ""; }
    if (!text && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      var labelled = target.id && document.querySelector("label[for='" + target.id + "']");
      text = (labelled ? label(labelled) + " " : "") + (target.value || target.getAttribute("placeholder") || "");
    }
    if (!text) { text = (target.innerText || target.textContent || ""); }
    text = text.replace(/\s+/g, " ").trim();
    if (target.getAttribute("aria-pressed") === "true") { text += " " + TEXT.on; }
    return text.length > 300 ? text.slice(0, 300) + "…" : text;
  }

  /* Point-to-read (指读) with the browser's own speech synthesis. */
  var lastSpoken = "";
  var speakTimer = null;
  function speak(text) {
    if (!canSpeak || !text) { return; }
    window.speechSynthesis.cancel();
    var u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    window.speechSynthesis.speak(u);
    lastSpoken = text;
  }
  function speakSoon(text, now) {
    clearTimeout(speakTimer);
    if (!text || text === lastSpoken) { return; }
    if (now) { speak(text); } else { speakTimer = setTimeout(function () { speak(text); }, 250); }
  }

  function showMagnified(text) {
    if (!magnifier) { return; }
    magnifier.textContent = text;
    magnifier.classList.toggle("is-empty", !text);
  }

  function placeGuide(x, y) {
    if (guideX) { guideX.style.transform = "translateY(" + Math.round(y) + "px)"; }
    if (guideY) { guideY.style.transform = "translateX(" + Math.round(x) + "px)"; }
  }

  function onPoint(e) {
    if (state.guide) { placeGuide(e.clientX, e.clientY); }
    if (!state.speak && !state.magnifier) { return; }
    var text = textOf(e.target);
    if (state.magnifier && text) { showMagnified(text); }
    if (state.speak) { speakSoon(text, false); }
  }
  function onFocus(e) {
    var el = e.target;
    if (state.guide && el.getBoundingClientRect) {
      var r = el.getBoundingClientRect();
      placeGuide(r.left, r.bottom + 2);
    }
    var text = textOf(el);
    if (state.magnifier) { showMagnified(text); }
    if (state.speak) { lastSpoken = ""; speakSoon(text, true); }
  }

  function apply() {
    bar.hidden = !state.open;
    openers.forEach(function (b) { b.setAttribute("aria-expanded", String(state.open)); });
    root.classList.toggle("assist-open", state.open);
    root.classList.toggle("assist-cursor", state.cursor);
    root.classList.toggle("assist-text-only", state.textonly);
    root.classList.toggle("assist-magnifier-on", state.magnifier);
    THEMES.forEach(function (t) { if (t) { root.classList.toggle("assist-theme-" + t, state.theme === t); } });
    if (state.zoom) {
      root.style.setProperty("font-size", "calc(var(--font-size-base) * " + ZOOMS[state.zoom] + ")");
    } else {
      root.style.removeProperty("font-size");
    }
    var level = bar.querySelector("[data-assist-level]");
    if (level) { level.textContent = Math.round(ZOOMS[state.zoom] * 100) + "%"; }
    SWITCHES.forEach(function (name) {
      var b = bar.querySelector("[data-assist='" + name + "']");
      if (b) { b.setAttribute("aria-pressed", String(state[name])); }
    });
    bar.querySelectorAll("[data-assist-theme]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-assist-theme") === state.theme));
    });
    if (magnifier) { magnifier.hidden = !state.magnifier; if (!state.magnifier) { showMagnified(""); } }
    if (guideX) { guideX.hidden = !state.guide; }
    if (guideY) { guideY.hidden = !state.guide; }
    if (!state.speak && canSpeak) { window.speechSynthesis.cancel(); lastSpoken = ""; }
  }

  function update(change, message) {
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    apply();
    save();
    if (message) { announce(message); }
  }

  function toggle(name) {
    var b = bar.querySelector("[data-assist='" + name + "']");
    var on = !state[name];
    var change = {};
    change[name] = on;
    if (!state.open) { change.open = true; }
    update(change, (b ? label(b) : name) + " " + (on ? TEXT.on : TEXT.off));
    if (name === "speak" && on) {
      if (canSpeak) { lastSpoken = ""; speak((b ? label(b) : "") + " " + TEXT.on); } else { announce(TEXT.noSpeech); }
    }
    if (name === "magnifier" && on && document.activeElement) { showMagnified(textOf(document.activeElement)); }
    if (name === "guide" && on && document.activeElement && document.activeElement.getBoundingClientRect) {
      var r = document.activeElement.getBoundingClientRect();
      placeGuide(r.left, r.bottom + 2);
    }
  }
  function zoom(step) {
    update({ zoom: Math.max(0, Math.min(ZOOMS.length - 1, state.zoom + step)) },
      Math.round(ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, state.zoom + step))] * 100) + "%");
  }
  function cycleTheme() {
    var next = THEMES[(THEMES.indexOf(state.theme) + 1) % THEMES.length];
    var b = bar.querySelector("[data-assist-theme='" + next + "']");
    update({ theme: next }, b ? label(b) : "");
  }
  function reset() {
    var open = state.open;
    state = defaults();
    state.open = open;
    apply();
    save();
    announce(TEXT.reset);
  }
  function setOpen(open) {
    update({ open: open });
    if (open) { var first = bar.querySelector("button"); if (first) { first.focus(); } }
  }

  bar.querySelectorAll("[data-assist]").forEach(function (b) {
    b.addEventListener("click", function () { toggle(b.getAttribute("data-assist")); });
  });
  bar.querySelectorAll("[data-assist-zoom]").forEach(function (b) {
    b.addEventListener("click", function () { zoom(Number(b.getAttribute("data-assist-zoom"))); });
  });
  bar.querySelectorAll("[data-assist-theme]").forEach(function (b) {
    b.addEventListener("click", function () { update({ theme: b.getAttribute("data-assist-theme") }, label(b)); });
  });
  var resetButton = bar.querySelector("[data-assist-reset]");
  if (resetButton) { resetButton.addEventListener("click", reset); }
  var closeButton = bar.querySelector("[data-assist-close]");
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      update({ open: false });
      if (openers[0]) { openers[0].focus(); }
    });
  }
  openers.forEach(function (b) { b.addEventListener("click", function () { setOpen(!state.open); }); });

  var SHORTCUTS = { KeyR: function () { toggle("speak"); }, KeyM: function () { toggle("magnifier"); },
    KeyL: function () { toggle("guide"); }, KeyB: function () { toggle("cursor"); },
    KeyT: function () { toggle("textonly"); }, KeyC: cycleTheme, ArrowUp: function () { zoom(1); },
    ArrowDown: function () { zoom(-1); }, Digit0: reset, KeyA: function () { setOpen(!state.open); } };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && canSpeak) { window.speechSynthesis.cancel(); lastSpoken = ""; }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) { return; }
    var action = SHORTCUTS[e.code];
    if (action) { e.preventDefault(); action(); }
  });
  document.addEventListener("mouseover", onPoint, { passive: true });
  document.addEventListener("mousemove", function (e) { if (state.guide) { placeGuide(e.clientX, e.clientY); } }, { passive: true });
  document.addEventListener("focusin", onFocus);
  window.addEventListener("pagehide", function () { if (canSpeak) { window.speechSynthesis.cancel(); } });
  /* Another tab changed the settings. */
  window.addEventListener("storage", function (e) { if (e.key === KEY) { state = load(); apply(); } });

  apply();
})();
