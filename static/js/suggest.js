/* Name words offered as you type in the directory's search box. Progressive: without this
   script the form is submitted as usual and the results page offers the same words as links.
   The box names the suggestion service in data-suggest (registry's public API, cached); each
   suggestion is the text typed so far with its last word completed, in a native <datalist>, so
   the browser shows it and screen readers announce it like any other list of choices. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch || !window.AbortController) {
    return;
  }
  var list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.parentNode.insertBefore(list, input.nextSibling);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");

  var timer = null;
  var pending = null;
  var asked = null;

  function lastWord(text) {
    var words = text.trim().split(/\s+/);
    return words[words.length - 1] || "";
  }

  function show(typed, words) {
    var head = typed.replace(/\S*\s*$/, "");
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    words.forEach(function (word) {
      var option = document.createElement("option");
      option.value = head + word;
      list.appendChild(option);
    });
  }

  function ask() {
    var typed = input.value;
    var word = lastWord(typed);
    if (word.length < 2 || /^\d+$/.test(word)) {
      show(typed, []);
      return;
    }
    if (word === asked) {
      return;
    }
    asked = word;
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(word), {
      headers: { Accept: "application/json" },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { words: [] };
      })
      .then(function (answer) {
        if (lastWord(input.value) === word) {
          show(input.value, answer.words || []);
        }
      })
      .catch(function () {
        asked = null; // aborted or offline: the next keystroke asks again
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 120);
  });
})();
