// The offline base map of the explore map and the entity pages: Natural Earth country
// shapes (world-atlas, TopoJSON, converted with topojson-client) on a Leaflet map with no
// tile layer, so nothing is fetched from another host. Each shape carries its ISO 3166-1
// alpha-2 code (properties.code), joined to world-atlas's numeric ids through the vendored
// iso3166-numeric.json table, the code the graph's countries carry as kkg:countryCode.
(function () {
  "use strict";
  window.kkgBasemap = async function (element, options) {
    const folder = element.dataset.static;
    const load = (name) => fetch(folder + name).then((response) => response.json());
    const [topology, numeric] = await Promise.all([
      load("countries-50m.json"),
      load("iso3166-numeric.json"),
    ]);
    const alpha2 = Object.fromEntries(Object.entries(numeric).map(([code, id]) => [id, code]));
    const countries = window.topojson.feature(topology, topology.objects.countries);
    for (const feature of countries.features) {
      feature.properties.code = alpha2[feature.id] || null;
    }
    const map = window.L.map(element, { zoomSnap: 0.25, minZoom: 1, ...options });
    map.attributionControl.addAttribution("Country shapes: Natural Earth via world-atlas");
    const layer = window.L.geoJSON(countries, {
      className: "kkg-country",
      style: () => ({ color: "#7a8ca3", weight: 0.6, fillColor: "#fbfaf6", fillOpacity: 1 }),
    }).addTo(map);
    layer.eachLayer((shape) => {
      shape.getElement().dataset.code = shape.feature.properties.code || "";
    });
    map.setView([55, 15], 3);
    return { map, layer };
  };
})();
