/* Fanjian metrics dashboard: monthly trend charts (vendored Chart.js) and sortable tables. No network. */
(function () {
  "use strict";
  var dataNode = document.getElementById("metrics-chart-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);

  function fmt(kind, v) {
    if (v === null || v === undefined) { return "—"; }
    if (kind === "rate") { return (v * 100).toFixed(2) + "%"; }
    if (kind === "days") { return v.toFixed(1); }
    return String(Math.round(v));
  }

  if (window.Chart) {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var key = canvas.getAttribute("data-chart");
      var kind = data.kinds[key];
      var datasets = [{
        label: data.labelsByKey[key] || key,
        data: data.series[key],
        borderColor: "#3459a6", backgroundColor: "rgba(52,89,166,.15)", spanGaps: false, tension: 0.2
      }];
      var ref = data.references[key];
      if (ref) {
        datasets.push({
          label: ref.label, data: data.labels.map(function () { return ref.value; }),
          borderColor: "#c0392b", borderDash: [6, 4], pointRadius: 0, fill: false
        });
      }
      new window.Chart(canvas, {
        type: kind === "count" ? "bar" : "line",
        data: { labels: data.labels, datasets: datasets },
        options: {
          animation: false, responsive: true,
          plugins: {
            legend: { display: !!ref, position: "bottom", labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + fmt(kind, c.parsed.y); } } }
          },
          scales: { y: { beginAtZero: true, suggestedMax: kind === "rate" ? 1 : undefined,
            ticks: { callback: function (v) { return fmt(kind, v); } } } }
        }
      });
    });
  }

  function sortValue(cell) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (raw === "") { return null; }
    var n = Number(raw);
    return isNaN(n) ? raw : n;
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th[data-sortable]").forEach(function (th, index) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var asc = th.getAttribute("data-dir") !== "asc";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("data-dir"); });
        th.setAttribute("data-dir", asc ? "asc" : "desc");
        var col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[col]), y = sortValue(b.cells[col]);
          if (x === null) { return 1; }          /* "—" always last */
          if (y === null) { return -1; }
          if (x < y) { return asc ? -1 : 1; }
          if (x > y) { return asc ? 1 : -1; }
          return 0;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
}());
