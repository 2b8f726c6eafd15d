/* Fanjian triage model card: the calibration (reliability) plot against the baselines, PSI per feature and the
   override rate by month, drawn with the vendored Chart.js. No network, no inline script: the data (every label
   already translated) comes from the json_script element #triage-card-data; each chart has a table beside it. */
(function () {
  "use strict";
  var node = document.getElementById("triage-card-data");
  if (!node || !window.Chart) { return; }
  var data = JSON.parse(node.textContent);
  var COLOURS = { model: "#3459a6", cause_amount_rule: "#d68910", majority: "#7f8c8d", diagonal: "#9aa5bd",
                  stable: "#7f9cc9", moderate: "#d68910", major: "#c0392b" };
  var POINTS = { model: "circle", cause_amount_rule: "rectRot", majority: "triangle" };

  function pct(v) { return v === null || v === undefined ? "—" : (v * 100).toFixed(0) + "%"; }

  function calibration(canvas, d) {
    var datasets = [{ label: d.diagonal, data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: COLOURS.diagonal,
                      borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0, showLine: true, fill: false }];
    d.series.forEach(function (s) {
      datasets.push({ label: s.label, data: s.points.map(function (p) { return { x: p.x, y: p.y, n: p.n }; }),
                      borderColor: COLOURS[s.key], backgroundColor: COLOURS[s.key], pointStyle: POINTS[s.key],
                      pointRadius: s.key === "model" ? 4 : 3.5, borderWidth: s.key === "model" ? 2 : 1.5,
                      showLine: s.points.length > 1, fill: false, clip: 8 });
    });
    return new window.Chart(canvas, {
      type: "scatter",
      data: { datasets: datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 10, font: { size: 11 } } },
          tooltip: { callbacks: { label: function (c) {
            var n = c.raw.n !== undefined ? " (n=" + c.raw.n + ")" : "";
            return c.dataset.label + ": " + pct(c.raw.x) + " → " + pct(c.raw.y) + n;
          } } }
        },
        scales: {
          x: { min: 0, max: 1, title: { display: true, text: d.x }, ticks: { callback: pct, stepSize: 0.1 } },
          y: { min: 0, max: 1, title: { display: true, text: d.y }, ticks: { callback: pct, stepSize: 0.1 } }
        }
      }
    });
  }

  function drift(canvas, d) {
    var line = function (value, colour, label) {
      return { type: "line", label: label, data: d.labels.map(function () { return value; }), borderColor: colour,
               borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false };
    };
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: d.labels, datasets: [
        { label: d.title, data: d.values, backgroundColor: d.levels.map(function (l) { return COLOURS[l]; }) },
        line(d.moderate, COLOURS.moderate, d.moderateLabel), line(d.major, COLOURS.major, d.majorLabel)] },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 plugins: { legend: { position: "bottom", labels: { boxWidth: 14, font: { size: 11 } } } },
                 scales: { x: { ticks: { autoSkip: false, maxRotation: 50, font: { size: 10 } } },
                           y: { beginAtZero: true, suggestedMax: d.major * 1.2, title: { display: true, text: d.title } } } }
    });
  }

  function overrides(canvas, d) {
    var present = d.values.filter(function (v) { return v !== null; });
    var top = Math.min(1, Math.max(0.1, Math.ceil(Math.max.apply(null, present.concat([0])) * 12) / 10));
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: d.labels, datasets: [{ label: d.title, data: d.values, backgroundColor: COLOURS.model }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 plugins: { legend: { display: false },
                            tooltip: { callbacks: { label: function (c) {
                              return d.title + ": " + pct(c.raw) + " (n=" + d.counts[c.dataIndex] + ")";
                            } } } },
                 scales: { y: { min: 0, max: top, ticks: { callback: pct, maxTicksLimit: 6 } } } }
    });
  }

  var draw = { calibration: calibration, drift: drift, overrides: overrides };
  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-triage-chart]"), function (canvas) {
    var key = canvas.getAttribute("data-triage-chart");
    if (draw[key] && data[key]) { draw[key](canvas, data[key]); }
  });
}());
