// Live progress of a transparency report being built (progressive enhancement: without this
// script the page says how far the build is and offers a refresh link).
// Polls the report's progress API and updates the progress bar and the status line; once the
// report is ready (or failed) it says so and links to the page, which then shows the report.
(function () {
  "use strict";
  var region = document.getElementById("report-progress");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-progress-url");
  var status = document.getElementById("report-progress-status");
  var bar = document.getElementById("report-progress-bar");
  var refresh = document.getElementById("report-progress-refresh");
  var delay = 2000;

  function finish(message, linkText) {
    status.textContent = message + " ";
    var link = document.createElement("a");
    link.href = refresh ? refresh.getAttribute("href") : window.location.pathname;
    link.textContent = linkText;
    link.id = "report-progress-done";
    status.appendChild(link);
    if (refresh && refresh.parentNode) { refresh.parentNode.hidden = true; }
    link.focus();
  }

  function show(data) {
    bar.value = data.progress;
    bar.textContent = data.progress + " %";
    if (data.state === "ready") {
      finish("The report is ready.", "Show the report");
      return false;
    }
    if (data.state === "failed") {
      finish("The build failed.", "Show the details");
      return false;
    }
    status.textContent = (data.step || "Waiting for a worker") + " (" + data.progress + " %)";
    return true;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (show(data)) { window.setTimeout(poll, delay); }
      })
      .catch(function () {
        // The page still works without live updates: try again a little later.
        window.setTimeout(poll, delay * 3);
      });
  }

  window.setTimeout(poll, delay);
})();
