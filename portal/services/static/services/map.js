/* 便民服务地图, progressively enhanced. Without JavaScript the server-drawn SVG map and the list
   are the page. With it: "使用我的位置" (browser geolocation), and a Leaflet map of the district
   outline and streets (vector layers from outline.geojson; tiles only when the site names a tile
   source) with one keyboard-focusable marker per place from the GeoJSON API, filtered like the list.
   The SVG stays until both layers have loaded, so a failed request leaves the page as it was. */
(function () {
  "use strict";

  var locate = document.querySelector("[data-geolocate]");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        locate.form.querySelector("[data-geo-lat]").value = pos.coords.latitude.toFixed(5);
        locate.form.querySelector("[data-geo-lng]").value = pos.coords.longitude.toFixed(5);
        var community = document.getElementById("f-community");
        if (community) community.value = "";
        locate.form.submit();
      });
    });
  }

  var box = document.getElementById("service-map");
  if (!box || !window.L || !window.fetch || !box.dataset.geojson) return;
  var d = box.dataset;

  function get(url) {
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  var query = [];
  if (d.category) query.push("category=" + encodeURIComponent(d.category));
  if (d.item) query.push("item=" + encodeURIComponent(d.item));
  var placesUrl = d.geojson + (query.length ? "?" + query.join("&") : "");

  Promise.all([get(d.outline), get(placesUrl)]).then(function (data) {
    var holder = document.createElement("div");
    holder.className = "service-map__leaflet";
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", d.label || "");
    box.insertBefore(holder, box.firstChild);
    box.classList.add("service-map--enhanced");

    var map = L.map(holder, { attributionControl: !!d.tiles, scrollWheelZoom: false });
    if (d.tiles) L.tileLayer(d.tiles, { attribution: d.attribution || "", maxZoom: 18, subdomains: "01234567" }).addTo(map);

    var base = L.geoJSON(data[0], {
      interactive: false,
      style: function (feature) {
        var line = /LineString/.test(feature.geometry.type);
        return line
          ? { className: "leaflet-street", color: "#6aa6d8", weight: 3, fill: false }
          : { className: "leaflet-area", color: "#8aa394", weight: 1.2, fillColor: "#f8fbf6", fillOpacity: 0.9 };
      }
    }).addTo(map);

    var markers = L.geoJSON(data[1], {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        return L.marker(latlng, {
          title: p.name,
          alt: p.name,
          riseOnHover: true,
          icon: L.divIcon({ className: "map-pin map-pin--" + p.category, iconSize: [18, 18] })
        });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        var popup = document.createElement("div");
        var link = document.createElement("a");
        link.href = p.url;
        link.textContent = p.name;
        var strong = document.createElement("strong");
        strong.appendChild(link);
        popup.appendChild(strong);
        [p.category_label, p.address, p.hours, p.phone].forEach(function (line) {
          if (!line) return;
          popup.appendChild(document.createElement("br"));
          popup.appendChild(document.createTextNode(line));
        });
        layer.bindPopup(popup);
      }
    }).addTo(map);

    var bounds = base.getBounds();
    if (markers.getLayers().length) bounds = bounds.isValid() ? bounds.extend(markers.getBounds()) : markers.getBounds();
    if (d.originLat && d.originLng) {
      var origin = L.latLng(parseFloat(d.originLat), parseFloat(d.originLng));
      L.circleMarker(origin, { className: "leaflet-origin", radius: 8, color: "#fff", weight: 2, fillColor: "#111", fillOpacity: 1 })
        .bindTooltip(d.originLabel || "", { permanent: false })
        .addTo(map);
      bounds = bounds.isValid() ? bounds.extend(origin) : L.latLngBounds(origin, origin);
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 });
    else map.setView([0, 0], 2);
  }).catch(function () {
    /* keep the server-drawn map */
  });
})();
