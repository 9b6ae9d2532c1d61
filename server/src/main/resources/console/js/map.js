// Leaflet helpers every map view uses. Leaflet itself (and markercluster, leaflet-draw) are classic
// scripts loaded by index.html from the WebJars; they define the global L.
//
// Tiles come from /console/config.json. With tileUrl "" there are none; when the tile server cannot
// be reached the layer is dropped after a few failures. Either way the map keeps working on a blank
// background (CSS .map-blank: a light grid) with zones, markers and trails on it.
const L = window.L;

export const STATUS_COLOURS = { OK: '#2e7d5b', ALERT: '#c62828', NO_SIGNAL: '#8d8d8d', NO_FIX: '#b0b0b0' };
export const ZONE_STYLES = {
  INCLUSION: { color: '#1e6fb8', weight: 2, fillOpacity: 0.06, dashArray: null },
  EXCLUSION: { color: '#c62828', weight: 2, fillOpacity: 0.12, dashArray: '6 4' },
  HOME: { color: '#7b5ea7', weight: 2, fillOpacity: 0.08, dashArray: '2 4' },
};

export function createMaps(config) {
  const cfg = config || {};

  /** A Leaflet map in el with the configured tiles over a blank fallback background. */
  function create(el, options) {
    el.classList.add('map', 'map-blank');
    const center = Array.isArray(cfg.center) ? cfg.center : [30.2741, 120.1551];
    const map = L.map(el, Object.assign({ center, zoom: cfg.zoom || 12, maxZoom: cfg.tileMaxZoom || 19,
      preferCanvas: false, zoomControl: true, attributionControl: true }, options || {}));
    map.attributionControl.setPrefix(false);
    if (cfg.tileUrl) {
      const tiles = L.tileLayer(cfg.tileUrl, { maxZoom: cfg.tileMaxZoom || 19, attribution: cfg.tileAttribution || '',
        crossOrigin: false });
      let failed = 0;
      let loaded = 0;
      tiles.on('tileload', () => { loaded += 1; el.classList.remove('map-blank'); });
      tiles.on('tileerror', () => {
        failed += 1;
        // Offline or blocked: stop asking (each failed tile would otherwise be retried on every pan).
        if (loaded === 0 && failed >= 4 && map.hasLayer(tiles)) {
          map.removeLayer(tiles);
          el.classList.add('map-blank');
          el.dataset.tiles = 'failed';
        }
      });
      tiles.addTo(map);
      el.dataset.tiles = 'on';
    } else {
      el.dataset.tiles = 'off';
    }
    // Maps created inside views that were just inserted need their size measured once laid out.
    setTimeout(() => map.invalidateSize(), 0);
    return map;
  }

  /**
   * A layer for one zone as GET /api/zones (or a persons/{id}/zones item, or a GeoJSON Feature of
   * ?format=geojson) gives it: GeoJSON geometry, a circle as a Point with radiusMeters.
   */
  function zoneLayer(zone, options) {
    const props = zone.type === 'Feature' ? (zone.properties || {}) : zone;
    const geometry = zone.type === 'Feature' ? zone.geometry : (zone.geometry || zone.geom);
    const style = Object.assign({}, ZONE_STYLES[props.kind] || ZONE_STYLES.INCLUSION, options || {});
    let layer;
    const radius = props.radiusMeters;
    if (geometry && geometry.type === 'Point' && radius) {
      const [lon, lat] = geometry.coordinates;
      layer = L.circle([lat, lon], Object.assign({ radius }, style));
    } else if (zone.circle && zone.circle.center) {
      const [lon, lat] = zone.circle.center;
      layer = L.circle([lat, lon], Object.assign({ radius: zone.circle.radiusMeters }, style));
    } else {
      layer = L.geoJSON(geometry, { style: () => style });
    }
    if (props.name) layer.bindTooltip(props.name, { sticky: true, className: 'zone-tooltip' });
    layer.zone = props;
    return layer;
  }

  /** The circle of a fix's accuracy, in the status's colour. */
  function accuracyCircle(lat, lon, meters, status, options) {
    const colour = STATUS_COLOURS[status] || STATUS_COLOURS.OK;
    return L.circle([lat, lon], Object.assign({ radius: Math.max(1, meters || 0), color: colour, weight: 1,
      opacity: 0.7, fillColor: colour, fillOpacity: 0.12, interactive: false }, options || {}));
  }

  /** A person's dot: a small circle marker with a white ring, status-coloured (data-status for tests). */
  function personIcon(status, highlighted) {
    return L.divIcon({ className: 'person-marker status-' + (status || 'OK') + (highlighted ? ' highlighted' : ''),
      html: '<span></span>', iconSize: [16, 16], iconAnchor: [8, 8] });
  }

  return { create, zoneLayer, accuracyCircle, personIcon, L };
}
