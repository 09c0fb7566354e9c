// Progressive enhancement: the list of fair days works without this; it draws the same
// results on a map. Leaflet (script and styles) is fetched only here, after the page showed.
(function () {
  'use strict';
  var box = document.getElementById('fair-map');
  if (!box || !window.fetch || !window.Promise) { return; }
  var lib = box.getAttribute('data-leaflet');

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function features() {
    var url = box.getAttribute('data-geojson');
    if (url) {
      return fetch(url, { headers: { Accept: 'application/geo+json' } }).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      });
    }
    return Promise.resolve({
      type: 'FeatureCollection',
      features: [{
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [Number(box.getAttribute('data-lon')), Number(box.getAttribute('data-lat'))] },
        properties: { label: box.getAttribute('data-label') }
      }]
    });
  }

  function text(value) {
    var span = document.createElement('span');
    span.textContent = value || '';
    return span.innerHTML;
  }

  function popup(properties) {
    if (!properties.id) { return document.createTextNode(properties.label || ''); }
    var link = document.createElement('a');
    link.href = '/Fairs/' + properties.id;
    link.textContent = properties.date + ' · ' + properties.startTime + ' — ' + properties.series;
    return link;
  }

  function draw(data) {
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    var tiles = box.getAttribute('data-tiles');
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: text(box.getAttribute('data-attribution')) }).addTo(map);
    }
    var layer = L.geoJSON(data, {
      // Out of the tab order: the list below the map links every result (WCAG 2.5.8's equivalent
      // control), and days at one venue share a point, so their markers overlap.
      pointToLayer: function (feature, latlng) { return L.marker(latlng, { keyboard: false }); },
      onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties || {})); }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
    } else {
      map.setView([-12.8, -74.9], 6);
    }
    box.setAttribute('data-markers', String(data.features.length));
  }

  Promise.all([
    load('link', { rel: 'stylesheet', href: lib + 'leaflet.css' }),
    load('script', { src: lib + 'leaflet.js' }),
    features()
  ]).then(function (results) { draw(results[2]); }, function () { box.hidden = true; });
})();
