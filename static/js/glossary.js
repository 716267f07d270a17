// Glossary search suggestions (progressive enhancement: the search works without this).
// Fills the search field's <datalist> from /glossary/autocomplete/ as the reader types.
(function () {
  "use strict";
  var field = document.querySelector("input[data-autocomplete]");
  if (!field || !window.fetch) { return; }
  var list = document.getElementById(field.getAttribute("list"));
  if (!list) { return; }
  var timer = null;
  var last = "";
  function update() {
    var query = field.value.trim();
    if (query.length < 2 || query === last) { return; }
    last = query;
    var url = field.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(query) +
      "&lang=" + encodeURIComponent(field.getAttribute("data-lang") || "en");
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        (data.results || []).forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.label;
          if (item.preferred_label && item.preferred_label !== item.label) {
            option.label = item.preferred_label;
          }
          list.appendChild(option);
        });
      })
      .catch(function () { /* suggestions are optional */ });
  }
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 200);
  });
})();
