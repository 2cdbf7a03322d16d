// 个性主页: drag a module to reorder (the up/down buttons do the same without JavaScript).
(function () {
  "use strict";
  var list = document.querySelector(".home-modules");
  if (!list) return;
  var dragged = null;
  function save() {
    var keys = Array.prototype.map.call(list.querySelectorAll(".home-module"), function (li) { return li.dataset.key; });
    var token = list.querySelector("input[name=csrfmiddlewaretoken]");
    var body = new URLSearchParams({ order: keys.join(","), csrfmiddlewaretoken: token ? token.value : "" });
    fetch(list.dataset.orderUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token ? token.value : "" } });
  }
  list.addEventListener("dragstart", function (e) {
    dragged = e.target.closest(".home-module");
    if (dragged) { dragged.classList.add("is-dragging"); e.dataTransfer.effectAllowed = "move"; }
  });
  list.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("is-dragging"); dragged = null; save(); }
  });
  list.addEventListener("dragover", function (e) {
    var over = e.target.closest(".home-module");
    if (!dragged || !over || over === dragged) return;
    e.preventDefault();
    var rect = over.getBoundingClientRect();
    list.insertBefore(dragged, e.clientY > rect.top + rect.height / 2 ? over.nextSibling : over);
  });
})();
