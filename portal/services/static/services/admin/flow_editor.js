/* Scenario flow editor: the "下一个问题" and answer inputs suggest the question keys and option
   values currently typed in the editor (a <datalist> refreshed when such an input gets focus). */
(function () {
  'use strict';

  /* The editor's two fields are a StructBlock and a ListBlock at the top of a BlockWidget, where
     Wagtail's block controller expects a StreamBlock:
     - it sets `.element` on what render() gives back (a StructBlock or ListBlock only has
       `.container`): give it that element;
     - errors passed to render() reach questions nested in lists while their panels are still
       being built (expanding a panel with an error then fails in the collapsed-label code):
       render without them and set them once everything is built. */
  function giveElement(name) {
    var telepath = window.telepath;
    var definition = telepath && telepath.constructors && telepath.constructors[name];
    if (!definition || definition.prototype.flowEditorElement) return;
    var render = definition.prototype.render;
    definition.prototype.flowEditorElement = true;
    definition.prototype.render = function (placeholder, prefix, state, error) {
      var top = prefix === 'definition' || prefix === 'examples';
      var args = Array.prototype.slice.call(arguments);
      if (top) args[3] = null;
      var block = render.apply(this, args);
      if (top && block) {
        if (!block.element && block.container) {
          block.element = block.container.get ? block.container.get(0) : block.container;
        }
        if (error) block.setError(error);
      }
      return block;
    };
  }
  giveElement('wagtail.blocks.StructBlock');
  giveElement('wagtail.blocks.ListBlock');
  var KEY = /^definition-questions-(\d+)-value-key$/;
  var VALUE = /^definition-questions-(\d+)-value-options-(\d+)-value-value$/;

  function deleted(name) {
    // a removed list item keeps its inputs, marked by a "-deleted" input set to 1
    var parts = name.split('-value-');
    for (var i = 1; i < parts.length; i += 1) {
      var flag = document.querySelector('input[name="' + parts.slice(0, i).join('-value-') + '-deleted"]');
      if (flag && flag.value === '1') return true;
    }
    return false;
  }

  function text(name) {
    var input = document.querySelector('input[name="' + name + '"]');
    return input ? input.value.trim() : '';
  }

  function refresh(listId) {
    var list = document.getElementById(listId);
    if (!list) return;
    var entries = [];
    var seen = {};
    document.querySelectorAll('input[name^="definition-questions-"]').forEach(function (input) {
      if (!input.value.trim() || deleted(input.name)) return;
      var label;
      if (listId === 'flow-question-keys' && KEY.test(input.name)) {
        label = text(input.name.replace(/-key$/, '-text'));
      } else if (listId === 'flow-option-values' && VALUE.test(input.name)) {
        var key = text(input.name.replace(/-value-options-\d+-value-value$/, '-value-key'));
        label = key + '：' + text(input.name.replace(/-value$/, '-label'));
      } else {
        return;
      }
      var value = input.value.trim();
      if (seen[value]) return;
      seen[value] = true;
      entries.push([value, label]);
    });
    list.replaceChildren.apply(list, entries.map(function (entry) {
      var option = document.createElement('option');
      option.value = entry[0];
      option.textContent = entry[1];
      return option;
    }));
  }

  document.addEventListener('focusin', function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.getAttribute('list')) {
      refresh(target.getAttribute('list'));
    }
  });
})();
