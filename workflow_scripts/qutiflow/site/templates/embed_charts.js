(function () {
  function single(spec) {
    return typeof spec.width === "number" && !("facet" in spec) && !("repeat" in spec) &&
      !("hconcat" in spec) && !("vconcat" in spec) && !("concat" in spec);
  }
  document.querySelectorAll(".chart-view").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    if (typeof vegaEmbed !== "function") {
      el.textContent = "The chart library (vendor/vega-bundle.js) did not load.";
      return;
    }
    if (single(spec)) {
      el.classList.add("fit");
      el.style.minWidth = (spec.width + 240) + "px";
      spec.width = "container";
      spec.autosize = {type: "fit-x", contains: "padding"};
    }
    vegaEmbed(el, spec, {renderer: "svg", actions: false}).catch(function (err) {
      el.textContent = "This chart could not be drawn: " + err;
      console.error(err);
    });
  });
})();
