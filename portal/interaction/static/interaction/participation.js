/* Surveys: show a conditional question only when its condition holds (the server applies the
   same rule, so the form works without this). Interviews: poll the live transcript. */
(function () {
  "use strict";
  function answersOf(form, name) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name === name && (el.checked || (el.type !== "radio" && el.type !== "checkbox" && el.value));
    }).map(function (el) { return el.value; });
  }
  function applyConditions(form) {
    var shown = {};
    form.querySelectorAll("fieldset.survey-question").forEach(function (fs) {
      var source = fs.getAttribute("data-show-if");
      var visible = true;
      if (source) {
        var sourceId = "question-" + source.slice(2);
        visible = shown[sourceId] !== false &&
          answersOf(form, source).indexOf(fs.getAttribute("data-show-value")) !== -1;
      }
      shown[fs.id] = visible;
      fs.hidden = !visible;
      fs.querySelectorAll(".survey-condition").forEach(function (p) { p.hidden = true; });
    });
  }
  document.querySelectorAll("form[data-survey-form]").forEach(function (form) {
    applyConditions(form);
    form.addEventListener("change", function () { applyConditions(form); });
  });

  var list = document.getElementById("transcript");
  if (!list || !list.getAttribute("data-poll") || !window.fetch) { return; }
  var url = list.getAttribute("data-poll");
  var last = parseInt(list.getAttribute("data-last") || "0", 10);
  function add(entry) {
    var empty = list.querySelector(".transcript__empty");
    if (empty) { empty.remove(); }
    var li = document.createElement("li");
    li.className = "transcript__entry transcript__entry--" + entry.role;
    li.setAttribute("data-id", entry.id);
    var who = document.createElement("span");
    who.className = "transcript__speaker";
    who.textContent = entry.speaker;
    var time = document.createElement("time");
    time.textContent = entry.time;
    var p = document.createElement("p");
    p.textContent = entry.text;
    li.appendChild(who); li.appendChild(document.createTextNode(" ")); li.appendChild(time); li.appendChild(p);
    list.appendChild(li);
  }
  function poll() {
    fetch(url + "?after=" + last, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.entries.forEach(function (e) { add(e); last = Math.max(last, e.id); });
        if (data.phase === "live") { window.setTimeout(poll, 10000); }
      })
      .catch(function () { window.setTimeout(poll, 30000); });
  }
  window.setTimeout(poll, 10000);
})();
