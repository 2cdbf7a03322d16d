/* Scenario services with JavaScript: every question on the current path on one page, the next one
   appearing as soon as the one before it is answered; the form is sent once, with all answers.
   Without JavaScript the server asks one question per step. */
(function () {
  "use strict";
  var form = document.querySelector("[data-flow-form]");
  var source = document.getElementById("flow-definition");
  if (!form || !source) return;
  var flow = JSON.parse(source.textContent);
  var given = {};
  new URLSearchParams(window.location.search).forEach(function (v, k) { given[k] = v; });

  function build() {
    var all = document.createElement("div");
    all.className = "flow-all";
    var key = flow.start, n = 1;
    while (key && flow.questions[key]) {
      var q = flow.questions[key];
      var fs = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = "第 " + n + " 步：" + q.text;
      fs.appendChild(legend);
      var next = null;
      q.options.forEach(function (o, i) {
        var id = "all-" + key + "-" + i;
        var div = document.createElement("div");
        div.className = "choice";
        var input = document.createElement("input");
        input.type = "radio"; input.name = key; input.value = o.value; input.id = id; input.required = true;
        if (given[key] === o.value) { input.checked = true; next = o.next || null; }
        input.addEventListener("change", function () { given[input.name] = input.value; render(input.name); });
        var label = document.createElement("label");
        label.htmlFor = id; label.textContent = o.label;
        div.appendChild(input); div.appendChild(label); fs.appendChild(div);
      });
      all.appendChild(fs);
      if (given[key] === undefined) break;
      key = next; n += 1;
    }
    return all;
  }

  function render(focusName) {
    var old = form.querySelector(".flow-all, fieldset");
    form.querySelectorAll("input[type=hidden]").forEach(function (el) { el.remove(); });
    var fresh = build();
    if (old) old.replaceWith(fresh); else form.prepend(fresh);
    var last = fresh.lastElementChild;
    var done = last && last.querySelector("input:checked");
    form.querySelector("button[type=submit]").textContent = done ? "生成办事清单" : "请回答以上问题";
    if (focusName) {
      var current = fresh.querySelector("input[name='" + focusName + "']:checked");
      if (current) current.focus();
    }
  }
  // Answers of questions no longer on the path are dropped when sending.
  form.addEventListener("submit", function () {
    form.querySelectorAll(".flow-all input").forEach(function (el) { if (!el.checked) el.disabled = true; });
  });
  render(null);
})();
