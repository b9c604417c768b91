// An entity page's map: the place on the offline base map (country and coast shapes, no
// tiles), with the places it is linked to in the graph that have coordinates, each a
// circle that links to its page and a dashed line to this place.
(function () {
  "use strict";
  const L = window.L;
  const element = document.getElementById("entity-map");
  const here = [Number(element.dataset.lat), Number(element.dataset.long)];
  const neighbours = JSON.parse(document.getElementById("entity-neighbours").textContent);
  window.kkgBasemap(element).then((base) => {
    const points = [here];
    for (const other of neighbours) {
      const point = [other.lat, other.long];
      L.polyline([here, point], { className: "kkg-link", color: "#1f5f99", weight: 1, dashArray: "4 4" })
        .addTo(base.map);
      L.circleMarker(point, { className: "kkg-neighbour", radius: 5, color: "#1f5f99", fillOpacity: 0.8 })
        .bindTooltip(other.label)
        .on("click", () => { window.location.href = other.href; })
        .addTo(base.map);
      points.push(point);
    }
    L.circleMarker(here, { className: "kkg-here", radius: 6, color: "#c00", fillOpacity: 1 })
      .bindTooltip(element.dataset.label).addTo(base.map);
    if (points.length > 1) base.map.fitBounds(points, { padding: [30, 30], maxZoom: 9 });
    else base.map.setView(here, 6);
    window.kkgEntityMap = { map: base.map, neighbours: neighbours.length };
  });
})();
