// The report form: show the unit of the target chosen next to the value field.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-unit-for]").forEach(function (select) {
      var shown = document.getElementById(select.dataset.unitFor);
      if (!shown) return;
      select.addEventListener("change", function () {
        var option = select.options[select.selectedIndex];
        shown.textContent = option ? option.dataset.unit || "" : "";
      });
    });
  });
})();
