(function () {
  var root = document.querySelector("[data-report]");
  if (!root) { return; }
  function apply() {
    var shown = {};
    root.querySelectorAll("input[data-signal]").forEach(function (box) { shown[box.dataset.signal] = box.checked; });
    var entity = root.querySelector("select[data-entity]");
    var who = entity ? entity.value : "";
    root.querySelectorAll("mark[data-signals]").forEach(function (mark) {
      var on = mark.dataset.signals.split(" ").some(function (s) { return shown[s] !== false; });
      mark.classList.toggle("off", !on);
      if (on) { mark.setAttribute("tabindex", "0"); } else { mark.removeAttribute("tabindex"); }
    });
    root.querySelectorAll(".sent").forEach(function (sent) {
      var about = (sent.dataset.entities || "").split("|");
      sent.classList.toggle("dim", who !== "" && about.indexOf(who) < 0);
    });
  }
  function place(event) {  // keep a mark's details inside the window
    var mark = event.target.closest && event.target.closest("mark");
    var tip = mark && mark.querySelector(".tip");
    if (!tip) { return; }
    tip.style.left = "0px";
    var box = tip.getBoundingClientRect();
    var room = document.documentElement.clientWidth - 8;
    if (box.right > room) { tip.style.left = Math.min(0, room - box.right) + "px"; }
    box = tip.getBoundingClientRect();
    if (box.left < 8) { tip.style.left = (parseFloat(tip.style.left) + 8 - box.left) + "px"; }
  }
  root.addEventListener("change", apply);
  root.addEventListener("mouseover", place);
  root.addEventListener("focusin", place);
  apply();
})();
