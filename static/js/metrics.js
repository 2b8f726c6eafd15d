/* Fanjian metrics: trend charts, sparklines, bar charts (vendored Chart.js) and sortable tables. No network,
   no inline script: the data comes from the json_script element #metrics-data and data- attributes. */
(function () {
  "use strict";
  var COLOURS = { value: "#3459a6", before: "#9aa5bd", target: "#1e8449", reference: "#c0392b", old: "#c0392b",
                  recent: "#3459a6" };
  var dataNode = document.getElementById("metrics-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : null;

  function fmt(kind, v, span) {
    if (v === null || v === undefined || isNaN(v)) { return "—"; }
    if (kind === "rate") {
      var digits = span !== undefined && span < 0.05 ? 1 : (span === undefined ? 2 : 0);
      return (v * 100).toFixed(digits) + "%";
    }
    if (kind === "days") { return span === undefined ? v.toFixed(1) : String(Math.round(v)); }
    return String(Math.round(v));
  }

  /* Bounds that hold the data, the target and the reference line, with a margin; rates stay in [0, 100%]
     unless a value is above it (a clearance rate can be). Mirrors court/metrics/charts.py axis_range. */
  function axisRange(values, kind) {
    var present = values.filter(function (v) { return v !== null && v !== undefined && !isNaN(v); });
    if (!present.length) { return [0, kind === "rate" ? 1 : 1]; }
    var lo = Math.min.apply(null, present), hi = Math.max.apply(null, present), top = hi, bottom = lo;
    var pad = (hi - lo) * 0.15 || Math.max(Math.abs(hi) * 0.1, kind === "rate" ? 0.05 : 1);
    lo -= pad; hi += pad;
    if (bottom >= 0) { lo = Math.max(0, lo); }
    if (kind === "rate" && top <= 1) { hi = Math.min(1, hi); }
    return [lo, hi];
  }

  function constant(months, v) { return months.map(function () { return v; }); }

  function trendChart(canvas, chart) {
    var kind = chart.kind;
    var datasets = chart.series.map(function (s) {
      var main = s.role === "value";
      return { label: s.label, data: s.values, borderColor: COLOURS[s.role], backgroundColor: COLOURS[s.role],
               borderWidth: main ? 2 : 1.5, borderDash: main ? [] : [5, 4], pointRadius: main ? 3 : 0,
               spanGaps: false, tension: 0.2, fill: false };
    });
    var everything = [];
    chart.series.forEach(function (s) { everything = everything.concat(s.values); });
    if (chart.target !== null && chart.target !== undefined) {
      datasets.push({ label: chart.targetLabel, data: constant(chart.months, chart.target), borderColor: COLOURS.target,
                      backgroundColor: COLOURS.target, borderDash: [2, 3], borderWidth: 1.5, pointRadius: 0, fill: false });
      everything.push(chart.target);
    }
    if (chart.reference) {
      datasets.push({ label: chart.reference.label, data: constant(chart.months, chart.reference.value),
                      borderColor: COLOURS.reference, backgroundColor: COLOURS.reference, borderDash: [8, 4],
                      borderWidth: 1.5, pointRadius: 0, fill: false });
      everything.push(chart.reference.value);
    }
    var range = axisRange(everything, kind);
    var span = range[1] - range[0];
    return new window.Chart(canvas, {
      type: "line",
      data: { labels: chart.months, datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        onClick: function (event, elements) {
          if (elements.length && chart.urls && chart.urls[elements[0].index]) {
            window.location.href = chart.urls[elements[0].index];
          }
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 14, boxHeight: 2, font: { size: 11 } } },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + fmt(kind, c.parsed.y); } } }
        },
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0, font: { size: 10 } } },
          y: { min: range[0], max: range[1], ticks: { maxTicksLimit: 6, font: { size: 10 },
               callback: function (v) { return fmt(kind, v, span); } } }
        }
      }
    });
  }

  function sparkline(canvas) {
    var key = canvas.getAttribute("data-spark");
    var values = JSON.parse(canvas.getAttribute("data-values") || "[]");
    var kind = data && data.kinds ? data.kinds[key] : "count";
    var range = axisRange(values, kind);
    return new window.Chart(canvas, {
      type: "line",
      data: { labels: values.map(function (_, i) { return i; }),
              datasets: [{ data: values, borderColor: COLOURS.value, borderWidth: 1.5, pointRadius: 0, tension: 0.3,
                           spanGaps: true, fill: false }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, events: [],
                 plugins: { legend: { display: false }, tooltip: { enabled: false } },
                 scales: { x: { display: false }, y: { display: false, min: range[0], max: range[1] } } }
    });
  }

  function stacked(canvas, d) {
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: d.labels, datasets: [
        { label: d.recentLabel, data: d.recent, backgroundColor: COLOURS.recent },
        { label: d.oldLabel, data: d.old, backgroundColor: COLOURS.old }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: "y",
                 plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
                 scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
                           y: { stacked: true, ticks: { font: { size: 10 } } } } }
    });
  }

  function bars(canvas, rows, label) {
    var alert = ["overdue", "age_12_plus"];
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: rows.map(function (r) { return r[0]; }),
              datasets: [{ label: label, data: rows.map(function (r) { return r[1]; }),
                           backgroundColor: rows.map(function (r, i) {
                             return (canvas.getAttribute("data-bars") === "age" && i === rows.length - 1) ||
                                    (canvas.getAttribute("data-bars") === "deadline" && i === 0) ? COLOURS.old : COLOURS.value;
                           }) }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: "y",
                 plugins: { legend: { display: false } },
                 scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { font: { size: 10 } } } } }
    });
  }

  if (window.Chart && data) {
    var byKey = {};
    (data.charts || []).forEach(function (c) { byKey[c.key] = c; });
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var chart = byKey[canvas.getAttribute("data-chart")];
      if (chart) { trendChart(canvas, chart); }
    });
    document.querySelectorAll("canvas[data-spark]").forEach(sparkline);
    document.querySelectorAll("canvas[data-stack]").forEach(function (canvas) {
      var d = data[canvas.getAttribute("data-stack")];
      if (d) { stacked(canvas, d); }
    });
    document.querySelectorAll("canvas[data-bars]").forEach(function (canvas) {
      if (data.pending) { bars(canvas, data.pending[canvas.getAttribute("data-bars")], data.pending.label); }
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
    table.querySelectorAll("th[data-sortable]").forEach(function (th) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var asc = th.getAttribute("data-dir") !== "asc";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("data-dir"); h.removeAttribute("aria-sort"); });
        th.setAttribute("data-dir", asc ? "asc" : "desc");
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
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
