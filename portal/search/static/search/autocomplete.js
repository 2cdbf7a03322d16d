// Progressive enhancement: suggestions under every search box marked data-autocomplete.
// Without JavaScript the boxes are plain forms.
(function () {
  "use strict";
  if (!window.fetch) { return; }

  function enhance(input) {
    var form = input.form;
    var list = document.createElement("ul");
    list.className = "search-autocomplete";
    list.setAttribute("role", "listbox");
    list.id = input.id + "-suggestions";
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.appendChild(list);
    var timer = null;

    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    function render(suggestions) {
      list.innerHTML = "";
      suggestions.forEach(function (s) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.textContent = s.text;
        a.href = s.url || (form.action + "?q=" + encodeURIComponent(s.text));
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = !suggestions.length;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) { render(data.suggestions || []); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { close(); }
      if (e.key === "ArrowDown" && !list.hidden) {
        var first = list.querySelector("a");
        if (first) { first.focus(); e.preventDefault(); }
      }
    });
    list.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i < links.length - 1) { links[i + 1].focus(); e.preventDefault(); }
      if (e.key === "ArrowUp") { (i > 0 ? links[i - 1] : input).focus(); e.preventDefault(); }
      if (e.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!input.parentNode.contains(e.target)) { close(); } });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(enhance);
})();
