// Progressive enhancement: suggestions under the search box (the page works without it).
(function () {
  var input = document.querySelector("input[data-autocomplete]");
  if (!input || !window.fetch) return;
  var list = document.createElement("ul");
  list.className = "search-autocomplete";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentNode.appendChild(list);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { list.hidden = true; return; }
    timer = setTimeout(function () {
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (s) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.textContent = s.text;
            a.href = s.url || ("?q=" + encodeURIComponent(s.text));
            li.appendChild(a);
            list.appendChild(li);
          });
          list.hidden = !data.suggestions.length;
        });
    }, 150);
  });
  document.addEventListener("click", function (e) { if (e.target !== input) list.hidden = true; });
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") list.hidden = true; });
})();
