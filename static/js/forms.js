// Forms guide (progressive enhancement; every form works without it). Included by the form
// partial, so it may load more than once on a page: it runs once.
// - After a failed submit the error summary receives focus, and each of its links moves focus
//   to its field (scrolling so the field's label is in view).
// - A country checkbox list gets a filter box.
(function () {
  "use strict";
  if (window.allianceFormsGuide) { return; }
  window.allianceFormsGuide = true;

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  function onSummaryClick(event) {
    var link = event.target.closest ? event.target.closest("[data-error-summary] a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var holder = target.closest(".field") || target;
    holder.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  function addCountryFilters() {
    var lists = document.querySelectorAll("div.country-list");
    Array.prototype.forEach.call(lists, function (list, index) {
      var id = (list.id || "countries-" + index) + "-filter";
      var wrap = document.createElement("div");
      wrap.className = "country-filter";
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = "Filter the countries";
      var input = document.createElement("input");
      input.type = "search";
      input.id = id;
      input.setAttribute("aria-controls", list.id || "");
      input.autocomplete = "off";
      var count = document.createElement("p");
      count.className = "help";
      count.setAttribute("aria-live", "polite");
      wrap.appendChild(label);
      wrap.appendChild(input);
      wrap.appendChild(count);
      list.parentNode.insertBefore(wrap, list);
      var options = list.querySelectorAll("label");
      function apply() {
        var query = input.value.trim().toLowerCase();
        var shown = 0;
        Array.prototype.forEach.call(options, function (option) {
          var box = option.querySelector("input");
          var match = !query || option.textContent.toLowerCase().indexOf(query) !== -1 ||
            (box && box.checked);
          (option.parentNode.tagName === "DIV" && option.parentNode !== list ? option.parentNode : option).hidden = !match;
          if (match) { shown += 1; }
        });
        count.textContent = query ? shown + " shown (chosen countries stay in the list)" : "";
      }
      input.addEventListener("input", apply);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
    });
  }

  function start() {
    document.addEventListener("click", onSummaryClick);
    addCountryFilters();
    focusSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
