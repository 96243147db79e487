// Charts: any element with data-chart holds its ECharts option as JSON (built server-side), so
// pages stay server-rendered and the script only draws. Maps register the vendored boundaries.
(function () {
  "use strict";
  function draw(el) {
    if (!window.echarts || el.dataset.drawn) return;
    var option = JSON.parse(el.dataset.chart);
    var start = function () {
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    };
    if (el.dataset.map) {
      fetch(el.dataset.map).then(function (r) { return r.json(); }).then(function (geo) {
        window.echarts.registerMap(el.dataset.mapName, geo);
        start();
      });
    } else {
      start();
    }
  }
  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
