// The header menu and the filter disclosures on small screens. Loaded in <head> (no inline
// script under the CSP) so that the "js" class is set before the page is painted. Without
// JavaScript every link and every filter stays listed.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var small = window.matchMedia("(max-width: 60rem)");

  function setUpMenu() {
    var button = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) return;
    function toggle(open) {
      button.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && small.matches) {
        toggle(false);
        button.focus();
      }
    });
  }

  // A filter disclosure starts open (so it works without JavaScript); on a small screen it
  // folds unless a filter is in use or one was refused (the reader must see which).
  function foldFilters() {
    if (!small.matches) return;
    var disclosures = document.querySelectorAll("details.filter-disclosure");
    Array.prototype.forEach.call(disclosures, function (details) {
      if (details.querySelector(".field-invalid")) return;
      var inUse = Array.prototype.some.call(
        details.querySelectorAll("input:not([type=hidden]):not([type=submit]), select"),
        function (field) {
          if (field.type === "checkbox" || field.type === "radio") return field.checked;
          return field.value !== "";
        }
      );
      if (!inUse) details.open = false;
    });
  }

  // Every table of the content scrolls inside its own box (portal.css ".table-scroll"): a
  // template that did not wrap its table gets the wrapper here, and a wrapper that scrolls is
  // reachable with the keyboard and named for screen readers (by the table's caption).
  function wrapTables() {
    var tables = document.querySelectorAll("main table");
    Array.prototype.forEach.call(tables, function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-scroll")) {
        box = document.createElement("div");
        box.className = "table-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        var caption = table.querySelector("caption");
        var name = caption ? caption.textContent.trim() : "";
        box.setAttribute("aria-label", name || "Table");
      }
      // The right edge fades while there is more of the table to the right.
      var mark = function () {
        var more = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
        box.toggleAttribute("data-more-right", more);
      };
      mark();
      box.addEventListener("scroll", mark, { passive: true });
      window.addEventListener("resize", mark);
    });
  }

  // A preformatted block that scrolls sideways can be scrolled with the keyboard too.
  function focusablePre() {
    Array.prototype.forEach.call(document.querySelectorAll("main pre"), function (pre) {
      if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) {
        pre.setAttribute("tabindex", "0");
      }
    });
  }

  // After a form is sent, the page it leads to may say how it went in base.html's messages box
  // (#messages): a link to "#messages" lands there and the box receives focus, so a screen
  // reader reads the message first. "#posted" is the older address of the same landing.
  function landOnMessages() {
    var hash = window.location.hash;
    if (hash !== "#messages" && hash !== "#posted") return;
    var box = document.getElementById("messages");
    if (!box) return;
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "-1");
    box.focus();
  }

  // Widened (a tablet turned, a window resized): the filters show again, as on a wide screen.
  function onWiden(event) {
    if (event.matches) return;
    Array.prototype.forEach.call(
      document.querySelectorAll("details.filter-disclosure"),
      function (details) { details.open = true; }
    );
  }
  if (small.addEventListener) small.addEventListener("change", onWiden);

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    focusablePre();
    foldFilters();
    wrapTables();
    landOnMessages();
  });
})();
