// The dashboard's charts: every <canvas data-chart='{…}'> becomes a Chart.js chart, again after htmx swaps the
// figures in. Data come from the page (data-* attributes): the content security policy allows no inline script.
(function () {
  'use strict';

  var COLOURS = ['#0b5cad', '#1e6b3a', '#a3261b', '#b7791f', '#6b46c1', '#2c7a7b', '#5b6475'];

  function draw(canvas) {
    if (typeof Chart === 'undefined') {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(canvas.getAttribute('data-chart') || '{}');
    } catch (e) {
      return;
    }
    if (!spec.labels) {
      return;
    }
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    var bar = spec.type === 'bar';
    var datasets = (spec.datasets || []).map(function (d, i) {
      var colour = COLOURS[i % COLOURS.length];
      return {
        label: d.label,
        data: d.data,
        backgroundColor: bar ? colour : colour + '33',
        borderColor: colour,
        borderWidth: bar ? 0 : 2,
        spanGaps: true,
        tension: 0.2,
        pointRadius: 2
      };
    });
    new Chart(canvas, {
      type: bar ? 'bar' : 'line',
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: {
          x: { stacked: !!spec.stacked },
          y: { stacked: !!spec.stacked, beginAtZero: true }
        }
      }
    });
    canvas.setAttribute('data-rendered', 'true');
  }

  function drawAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll('canvas[data-chart]'), draw);
  }

  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  document.addEventListener('htmx:afterSettle', function () { drawAll(document); });
}());
