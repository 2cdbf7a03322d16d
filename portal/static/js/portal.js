/* Progressive enhancements for the public site. Everything works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function announce(tools, message) {
    var status = tools && tools.querySelector("[data-tools-status]");
    if (status) { status.textContent = message; }
  }

  /* Font size 大 / 中 / 小, remembered for the session. */
  function initFontSize(tools, content) {
    var buttons = tools.querySelectorAll("[data-font-size]");
    function apply(size) {
      content.setAttribute("data-font-size", size);
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.fontSize === size)); });
      try { sessionStorage.setItem("portal-font-size", size); } catch (e) { /* storage disabled */ }
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { apply(b.dataset.fontSize); }); });
    var saved = null;
    try { saved = sessionStorage.getItem("portal-font-size"); } catch (e) { /* storage disabled */ }
    if (saved) { apply(saved); }
  }

  /* Read aloud (人工智能朗读) with the browser's own speech synthesis, in Chinese. */
  function sentences(text) {
    var parts = text.replace(/\s+/g, " ").match(/[^。！？；!?;]+[。！？；!?;]?/g) || [];
    return parts.map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function pickVoice(lang) {
    var voices = window.speechSynthesis.getVoices();
    var prefix = lang.slice(0, 2);
    return voices.find(function (v) { return v.lang === lang; }) ||
      voices.find(function (v) { return v.lang && v.lang.indexOf(prefix) === 0; }) || null;
  }

  function initReadAloud(tools, content) {
    var button = tools.querySelector("[data-read-aloud]");
    if (!button) { return; }
    var label = button.querySelector("[data-read-aloud-label]");
    var startText = label.textContent;
    var lang = document.documentElement.lang === "en" ? "en-US" : "zh-CN";
    var supported = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
    var reading = false;

    function setState(on) {
      reading = on;
      button.setAttribute("aria-pressed", String(on));
      label.textContent = on ? (lang === "en-US" ? "Stop" : "停止朗读") : startText;
      content.classList.toggle("is-reading", on);
    }
    function stop() {
      if (supported) { window.speechSynthesis.cancel(); }
      setState(false);
    }
    function start() {
      var title = document.querySelector(".article__title");
      var queue = sentences((title ? title.textContent + "。" : "") + content.innerText);
      if (!queue.length) { return; }
      setState(true);
      var voice = pickVoice(lang);
      queue.forEach(function (text, i) {
        var u = new SpeechSynthesisUtterance(text);
        u.lang = lang;
        u.rate = 1;
        if (voice) { u.voice = voice; }
        if (i === queue.length - 1) { u.onend = function () { setState(false); }; }
        u.onerror = function () { setState(false); };
        window.speechSynthesis.speak(u);
      });
    }
    button.addEventListener("click", function () {
      if (!supported) {
        announce(tools, lang === "en-US" ? "Your browser does not support reading aloud." : "您的浏览器不支持语音朗读，请使用系统自带的读屏软件。");
        return;
      }
      if (reading) { stop(); } else { start(); }
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && reading) { stop(); } });
    window.addEventListener("pagehide", stop);
  }

  function initPrintAndCopy(tools) {
    var print = tools.querySelector("[data-print]");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    var copy = tools.querySelector("[data-copy-link]");
    if (copy) {
      copy.addEventListener("click", function () {
        var done = function () { announce(tools, copy.dataset.copiedText); copy.textContent = copy.dataset.copiedText; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(location.href).then(done, function () { window.prompt("", location.href); });
        } else {
          window.prompt("", location.href);
        }
      });
    }
  }

  function initArticleTools() {
    var tools = document.querySelector("[data-page-tools]");
    var content = document.querySelector("[data-article-content]");
    if (!tools || !content) { return; }
    initFontSize(tools, content);
    initReadAloud(tools, content);
    initPrintAndCopy(tools);
  }

  /* Home page headline carousel: auto-advances, pauses on hover and focus. */
  function initCarousel() {
    var root = document.querySelector("[data-carousel]");
    if (!root) { return; }
    var slides = root.querySelectorAll("[data-slide]");
    var dots = root.querySelectorAll("[data-slide-to]");
    if (slides.length < 2) { return; }
    var current = 0;
    var paused = false;
    function show(i) {
      current = (i + slides.length) % slides.length;
      slides.forEach(function (s, k) {
        var hidden = k !== current;
        s.classList.toggle("is-active", !hidden);
        /* Slides out of view are out of the tab order and the accessibility tree. */
        s.inert = hidden;
        if (hidden) { s.setAttribute("aria-hidden", "true"); } else { s.removeAttribute("aria-hidden"); }
      });
      dots.forEach(function (d, k) { d.setAttribute("aria-current", String(k === current)); });
    }
    dots.forEach(function (d) { d.addEventListener("click", function () { show(Number(d.dataset.slideTo)); }); });
    /* A pause switch: the reader stops the rotation for good (WCAG 2.2.2). */
    var stopped = false;
    var pause = root.querySelector("[data-carousel-pause]");
    if (pause) {
      pause.hidden = false;
      pause.addEventListener("click", function () {
        stopped = !stopped;
        pause.setAttribute("aria-pressed", String(stopped));
      });
    }
    ["mouseenter", "focusin"].forEach(function (ev) { root.addEventListener(ev, function () { paused = true; }); });
    ["mouseleave", "focusout"].forEach(function (ev) { root.addEventListener(ev, function () { paused = false; }); });
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (!reduced) { setInterval(function () { if (!paused && !stopped) { show(current + 1); } }, 5000); }
    show(0);
  }

  /* News tabs: without JS they are anchors to stacked panels. */
  function initTabs() {
    document.querySelectorAll("[data-tabs]").forEach(function (root) {
      var tabs = root.querySelectorAll("[data-tab]");
      function select(tab) {
        tabs.forEach(function (t) {
          var on = t === tab;
          t.setAttribute("aria-selected", String(on));
          t.tabIndex = on ? 0 : -1;
          var panel = document.getElementById(t.getAttribute("aria-controls"));
          if (panel) { if (on) { panel.removeAttribute("data-hidden"); } else { panel.setAttribute("data-hidden", ""); } }
        });
      }
      tabs.forEach(function (t, i) {
        t.addEventListener("click", function (e) { e.preventDefault(); select(t); });
        t.addEventListener("mouseenter", function () { select(t); });
        t.addEventListener("keydown", function (e) {
          if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
            var next = tabs[(i + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length];
            select(next); next.focus(); e.preventDefault();
          }
        });
      });
    });
  }

  /* Search filters: folded behind their summary on narrow screens, open beside the results on wide ones. */
  function initSearchFilters() {
    var filters = document.querySelector("[data-search-filters]");
    if (filters && window.matchMedia && window.matchMedia("(min-width: 801px)").matches) { filters.open = true; }
  }

  initArticleTools();
  initCarousel();
  initTabs();
  initSearchFilters();
})();
