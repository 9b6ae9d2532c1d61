// #/zones: the zone editor (电子围栏). Draw polygons and circles with Leaflet.draw, edit and save them
// (POST/PUT /api/zones), retire them (DELETE), import a GeoJSON file feature by feature (the server
// validates each) and export all as GeoJSON. A validation problem (422) is shown beside the form and,
// when the server knows where, as a marker on the map at its `location` ([lon, lat]).
import {addCodeLabels, code} from './labels.js';
import {
  badge, download, el, ensureCss, ensureScript, field, fill, problemText, select, settle, viewStyles,
} from './view-kit.js';

const MESSAGES = {
  'zh-CN': {
    'zones.title': '电子围栏',
    'zones.list': '区域',
    'zones.none': '尚无区域。请用地图左上角的工具绘制多边形或圆形。',
    'zones.new': '新区域',
    'zones.edit': '编辑区域',
    'zones.name': '名称',
    'zones.kind': '类型',
    'zones.office': '所属机构',
    'zones.person': '个人区域（可选）',
    'zones.noPerson': '— 机构共享 —',
    'zones.shapeLabel': '形状：',
    'zones.polygon': '多边形',
    'zones.circle': '圆形（半径 {r} 米）',
    'zones.save': '保存',
    'zones.cancel': '取消',
    'zones.retire': '停用',
    'zones.retireConfirm': '确定停用区域“{name}”？停用后不再用于电子围栏判断（历史保留）。',
    'zones.saved': '已保存“{name}”',
    'zones.retired': '已停用“{name}”',
    'zones.drawHint': '用左上角工具绘制新区域；点击已有区域进行编辑（拖动顶点修改形状）。',
    'zones.needShape': '请先在地图上绘制区域',
    'zones.needName': '请填写名称',
    'zones.readOnly': '您的角色只能查看区域。',
    'zones.import': '导入 GeoJSON',
    'zones.importKind': '导入区域的类型（要素未注明时）',
    'zones.importFile': '选择文件',
    'zones.importDone': '导入完成：成功 {ok} 个，失败 {failed} 个',
    'zones.importBadFile': '无法读取文件：{reason}',
    'zones.reason.self_intersection': '边界自相交',
    'zones.reason.ring_not_closed': '边界未闭合',
    'zones.reason.too_few_points': '顶点太少',
    'zones.reason.too_many_vertices': '顶点太多',
    'zones.reason.coordinate_out_of_range': '坐标超出范围',
    'zones.reason.invalid_coordinate': '坐标无效',
    'zones.reason.invalid_radius': '半径必须大于 0',
    'zones.reason.empty': '区域为空',
    'zones.reason.not_polygonal': '不是多边形',
    'zones.reason.hole_outside_shell': '内洞在外边界之外',
    'zones.reason.nested_holes': '内洞相互嵌套',
    'zones.reason.nested_shells': '多边形相互嵌套',
    'zones.reason.duplicate_rings': '边界重复',
    'zones.reason.disconnected_interior': '内部被分割',
    'zones.reason.invalid_geometry': '几何无效',
    'zones.reasonAt': '{reason}（经度 {lon}，纬度 {lat}）',
    'zones.importUnsupported': '不支持的 GeoJSON 类型：{type}（支持 FeatureCollection、Feature、Polygon、MultiPolygon）',
    'zones.importFeature': '要素 {n}',
    'zones.export': '导出 GeoJSON',
    'zones.errorAt': '问题位置',
    'zones.person.short': '个人',
    'zones.loadFailed': '无法加载区域：{reason}',
  },
  en: {
    'zones.title': 'Zones',
    'zones.list': 'Zones',
    'zones.none': 'No zones yet. Draw a polygon or a circle with the tools at the top left of the map.',
    'zones.new': 'New zone',
    'zones.edit': 'Edit zone',
    'zones.name': 'Name',
    'zones.kind': 'Kind',
    'zones.office': 'Office',
    'zones.person': 'Person\'s own zone (optional)',
    'zones.noPerson': '— shared by the office —',
    'zones.shapeLabel': 'Shape: ',
    'zones.polygon': 'Polygon',
    'zones.circle': 'Circle (radius {r} m)',
    'zones.save': 'Save',
    'zones.cancel': 'Cancel',
    'zones.retire': 'Retire',
    'zones.retireConfirm': 'Retire the zone "{name}"? It no longer counts for the geofence (its history is kept).',
    'zones.saved': 'Saved "{name}"',
    'zones.retired': 'Retired "{name}"',
    'zones.drawHint': 'Draw a new zone with the tools at the top left; click a zone to edit it (drag its vertices).',
    'zones.needShape': 'Draw the zone on the map first',
    'zones.needName': 'Enter a name',
    'zones.readOnly': 'Your role may only view zones.',
    'zones.import': 'Import GeoJSON',
    'zones.importKind': 'Kind of imported zones (when a feature does not say)',
    'zones.importFile': 'Choose a file',
    'zones.importDone': 'Import finished: {ok} saved, {failed} refused',
    'zones.importBadFile': 'Cannot read the file: {reason}',
    'zones.reason.self_intersection': 'the boundary crosses itself',
    'zones.reason.ring_not_closed': 'the boundary is not closed',
    'zones.reason.too_few_points': 'too few vertices',
    'zones.reason.too_many_vertices': 'too many vertices',
    'zones.reason.coordinate_out_of_range': 'a coordinate is out of range',
    'zones.reason.invalid_coordinate': 'an invalid coordinate',
    'zones.reason.invalid_radius': 'the radius must be above 0',
    'zones.reason.empty': 'the zone is empty',
    'zones.reason.not_polygonal': 'not a polygon',
    'zones.reason.hole_outside_shell': 'a hole lies outside the outer boundary',
    'zones.reason.nested_holes': 'holes are nested',
    'zones.reason.nested_shells': 'polygons are nested',
    'zones.reason.duplicate_rings': 'a boundary is repeated',
    'zones.reason.disconnected_interior': 'the interior is split',
    'zones.reason.invalid_geometry': 'invalid geometry',
    'zones.reasonAt': '{reason} (lon {lon}, lat {lat})',
    'zones.importUnsupported': 'Unsupported GeoJSON type: {type} (FeatureCollection, Feature, Polygon, MultiPolygon)',
    'zones.importFeature': 'Feature {n}',
    'zones.export': 'Export GeoJSON',
    'zones.errorAt': 'Problem here',
    'zones.person.short': 'person',
    'zones.loadFailed': 'Cannot load the zones: {reason}',
  },
};

const KINDS = ['INCLUSION', 'EXCLUSION', 'HOME'];
const WRITERS = ['OFFICER', 'COUNTY_SUPERVISOR'];

/** Leaflet.draw's own texts in Chinese (its defaults are English). */
function localiseDraw(lang) {
  if (!window.L || !L.drawLocal) return;
  const zh = lang === 'zh-CN';
  const d = L.drawLocal.draw;
  d.toolbar.buttons.polygon = zh ? '绘制多边形' : 'Draw a polygon';
  d.toolbar.buttons.circle = zh ? '绘制圆形' : 'Draw a circle';
  d.toolbar.buttons.rectangle = zh ? '绘制矩形' : 'Draw a rectangle';
  d.toolbar.actions.text = zh ? '取消' : 'Cancel';
  d.toolbar.actions.title = zh ? '取消绘制' : 'Cancel drawing';
  d.toolbar.finish.text = zh ? '完成' : 'Finish';
  d.toolbar.finish.title = zh ? '完成绘制' : 'Finish drawing';
  d.toolbar.undo.text = zh ? '撤销上一点' : 'Delete last point';
  d.toolbar.undo.title = zh ? '撤销最后绘制的点' : 'Delete last point drawn';
  d.handlers.polygon.tooltip.start = zh ? '点击开始绘制' : 'Click to start drawing shape.';
  d.handlers.polygon.tooltip.cont = zh ? '点击继续绘制' : 'Click to continue drawing shape.';
  d.handlers.polygon.tooltip.end = zh ? '点击第一个点闭合' : 'Click first point to close this shape.';
  d.handlers.circle.tooltip.start = zh ? '按住并拖动绘制圆形' : 'Click and drag to draw circle.';
  d.handlers.circle.radius = zh ? '半径' : 'Radius';
  d.handlers.simpleshape.tooltip.end = zh ? '松开鼠标完成' : 'Release mouse to finish drawing.';
  d.handlers.rectangle.tooltip.start = zh ? '按住并拖动绘制矩形' : 'Click and drag to draw rectangle.';
}

export async function render(root, ctx) {
  viewStyles();
  ctx.i18n.add(MESSAGES);
  addCodeLabels(ctx.i18n);
  const t = ctx.t;
  // index.html normally loads Leaflet.draw; these only load it when it does not.
  ensureCss('../../vendor/leaflet-draw/leaflet.draw.css');
  if (!(L.Control && L.Control.Draw)) await ensureScript('../../vendor/leaflet-draw/leaflet.draw.js');
  localiseDraw(ctx.i18n.lang());

  const canWrite = WRITERS.includes(ctx.session && ctx.session.role);
  const [officesRes, personsRes] = await Promise.all([
    settle(ctx.api.get('/api/offices')),
    settle(ctx.api.get('/api/persons', {status: 'IN_SUPERVISION'})),
  ]);
  const offices = (officesRes.value && officesRes.value.items) || [];
  const persons = (personsRes.value && personsRes.value.items) || [];
  const officeName = id => offices.find(o => o.id === id)?.name || '';
  const personName = id => persons.find(p => p.id === id)?.displayName || '';

  const mapEl = el('div', {class: 'vk-map vk-map-tall', test: 'zones-map'});
  const listEl = el('ul', {class: 'vk-zone-list vk-selectable', test: 'zone-list'});
  const formBox = el('div', {class: 'vk-zone-form', test: 'zone-form-box'});
  const message = el('div', {class: 'vk-status', test: 'zone-message'});
  const importBox = el('div', {class: 'vk-import'});
  fill(root, el('div', {class: 'vk-zones', test: 'zones-page'},
    el('div', {class: 'vk-col-side vk-zones-side'},
      el('h1', null, t('zones.title')),
      el('p', {class: 'vk-muted'}, canWrite ? t('zones.drawHint') : t('zones.readOnly')),
      message, formBox,
      el('h2', {class: 'vk-panel-title'}, t('zones.list')), listEl,
      importBox),
    el('div', {class: 'vk-col-main'}, mapEl)));

  const map = ctx.maps.create(mapEl);
  const zoneGroup = L.featureGroup().addTo(map);   // saved zones, one editable layer each
  const draftGroup = L.featureGroup().addTo(map);  // the shape being drawn or imported-and-refused
  const problemGroup = L.featureGroup().addTo(map); // markers where the server found a problem
  const layers = new Map(); // zone id -> layer
  let zones = [];
  let selected = null; // {zone|null, layer}
  let fitted = false;

  if (canWrite) {
    const drawControl = new L.Control.Draw({
      position: 'topleft',
      draw: {
        polygon: {allowIntersection: true, showArea: false, shapeOptions: {className: 'vk-draft-shape'}},
        circle: {shapeOptions: {className: 'vk-draft-shape'}, showRadius: true},
        rectangle: {shapeOptions: {className: 'vk-draft-shape'}, showArea: false},
        polyline: false, marker: false, circlemarker: false,
      },
      edit: false,
    });
    map.addControl(drawControl);
    map.on(L.Draw.Event.CREATED, e => {
      selectZone(null, e.layer);
    });
  }

  async function load(selectId) {
    const res = await settle(ctx.api.get('/api/zones'));
    if (res.error) {
      fill(message, el('span', {class: 'vk-error'}, t('zones.loadFailed', {reason: problemText(res.error)})));
      return;
    }
    zones = (res.value.items || []).filter(z => !z.retiredAt && z.retired !== true && z.status !== 'RETIRED');
    zoneGroup.clearLayers();
    layers.clear();
    for (const z of zones) {
      const layer = editableLayer(z);
      if (!layer) continue;
      layer.on('click', () => {
        if (selected && selected.zone && selected.zone.id === z.id) return;
        selectZone(z, layer);
      });
      layer.bindTooltip(z.name, {sticky: true});
      layers.set(z.id, layer);
      zoneGroup.addLayer(layer);
    }
    renderList();
    if (selectId && layers.has(selectId)) {
      selectZone(zones.find(z => z.id === selectId), layers.get(selectId));
    }
    if (zoneGroup.getLayers().length && !selectId && !fitted) {
      fitted = true; // once: later reloads keep the user's view
      map.fitBounds(zoneGroup.getBounds(), {padding: [20, 20]});
    }
  }

  function editableLayer(z) {
    const cls = 'vk-zone-shape vk-zone-' + z.kind;
    const g = z.geometry || {};
    if (g.type === 'Point' && z.radiusMeters > 0) {
      return L.circle([g.coordinates[1], g.coordinates[0]], {radius: z.radiusMeters, className: cls});
    }
    if (g.type === 'Polygon') {
      return L.polygon(g.coordinates.map(ring => ring.slice(0, -1).map(([lon, lat]) => [lat, lon])), {className: cls});
    }
    if (g.type === 'MultiPolygon') {
      return L.polygon(g.coordinates.map(poly => poly.map(ring => ring.slice(0, -1).map(([lon, lat]) => [lat, lon]))),
        {className: cls});
    }
    return null;
  }

  function renderList() {
    if (!zones.length) {
      fill(listEl, el('li', {class: 'vk-empty'}, t('zones.none')));
      return;
    }
    fill(listEl, zones.map(z => el('li', {
      test: 'zone-item', dataset: {zoneId: z.id},
      class: selected && selected.zone && selected.zone.id === z.id ? 'vk-selected' : null,
      onclick: () => {
        const layer = layers.get(z.id);
        if (layer) {
          selectZone(z, layer);
          map.fitBounds(layer.getBounds(), {padding: [40, 40], maxZoom: 16});
        }
      },
    }, el('span', {class: 'vk-swatch vk-swatch-' + z.kind}), el('span', {test: 'zone-item-name'}, z.name),
    el('span', {class: 'vk-muted'}, ' · ', code(t, 'zoneKind', z.kind), ' · ',
      z.personId ? `${t('zones.person.short')} ${personName(z.personId)}` : officeName(z.officeId)))));
  }

  /** Selects a zone for editing (zone = null: a freshly drawn draft). */
  function selectZone(zone, layer) {
    deselect();
    selected = {zone, layer};
    if (!zone) {
      draftGroup.addLayer(layer);
    }
    if (canWrite && layer.editing) {
      // Leaflet.draw's edit handlers restore these styles when editing ends; its edit toolbar sets them,
      // editing one layer directly must too.
      if (!layer.options.original) {
        layer.options.original = L.extend({}, layer.options);
        layer.options.editing = L.extend({}, layer.options);
      }
      layer.editing.enable();
    }
    if (layer.getElement && layer.getElement()) {
      layer.getElement().classList.add('vk-zone-selected');
    }
    renderForm();
    renderList();
  }

  function deselect(keepDraft) {
    if (!selected) return;
    const {zone, layer} = selected;
    if (layer.editing && layer.editing.enabled()) layer.editing.disable();
    if (layer.getElement && layer.getElement()) layer.getElement().classList.remove('vk-zone-selected');
    if (!zone && !keepDraft) draftGroup.removeLayer(layer);
    selected = null;
    fill(formBox);
  }

  function shapeOf(layer) {
    if (layer instanceof L.Circle) {
      const c = layer.getLatLng();
      return {circle: {center: [round(c.lng), round(c.lat)], radiusMeters: Math.round(layer.getRadius() * 10) / 10}};
    }
    return {geometry: layer.toGeoJSON(7).geometry};
  }

  function renderForm() {
    if (!selected) {
      fill(formBox);
      return;
    }
    const {zone, layer} = selected;
    const name = el('input', {type: 'text', maxlength: 200, value: zone ? zone.name : '', test: 'zone-name', required: true});
    const kind = select(KINDS.map(k => [k, code(t, 'zoneKind', k)]), zone ? zone.kind : 'INCLUSION', {test: 'zone-kind'});
    const office = select(offices.map(o => [o.id, o.name]), zone ? zone.officeId : (ctx.session.officeId || offices[0]?.id),
      {test: 'zone-office'});
    const person = select([['', t('zones.noPerson')], ...persons.map(p => [p.id, p.displayName])], zone ? zone.personId || '' : '',
      {test: 'zone-person'});
    if (zone) { // a zone's owner does not change here
      office.disabled = true;
      person.disabled = true;
    }
    const error = el('div', {class: 'vk-error', test: 'zone-error', role: 'alert'});
    const shape = layer instanceof L.Circle ? t('zones.circle', {r: Math.round(layer.getRadius())}) : t('zones.polygon');
    const save = el('button', {type: 'submit', class: 'vk-button vk-primary', test: 'zone-save', disabled: !canWrite}, t('zones.save'));
    const cancel = el('button', {type: 'button', class: 'vk-button', test: 'zone-cancel'}, t('zones.cancel'));
    const retire = zone && canWrite
      ? el('button', {type: 'button', class: 'vk-button vk-danger', test: 'zone-retire'}, t('zones.retire')) : null;
    const form = el('form', {class: 'vk-form', test: 'zone-form', novalidate: true},
      el('h2', {class: 'vk-panel-title'}, zone ? t('zones.edit') : t('zones.new')),
      field(t('zones.name'), name), field(t('zones.kind'), kind), field(t('zones.office'), office),
      field(t('zones.person'), person),
      el('p', {class: 'vk-muted', test: 'zone-shape'}, t('zones.shapeLabel'), shape),
      error,
      el('div', {class: 'vk-form-row'}, save, cancel, retire));
    fill(formBox, form);
    name.focus();

    cancel.addEventListener('click', () => {
      const id = zone && zone.id;
      deselect();
      clearProblems();
      if (id) load(); // put an edited shape back as saved
    });
    if (retire) {
      retire.addEventListener('click', async () => {
        if (!window.confirm(t('zones.retireConfirm', {name: zone.name}))) return;
        try {
          await ctx.api.del(`/api/zones/${zone.id}`);
          deselect();
          fill(message, el('span', {class: 'vk-ok', test: 'zone-retired'}, t('zones.retired', {name: zone.name})));
          await load();
        } catch (e) {
          showProblem(error, e);
        }
      });
    }
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      clearProblems();
      fill(error);
      if (!name.value.trim()) {
        fill(error, t('zones.needName'));
        name.focus();
        return;
      }
      const body = Object.assign({name: name.value.trim(), kind: kind.value}, shapeOf(layer));
      if (zone) {
        if (zone.personId) body.personId = zone.personId; else body.officeId = zone.officeId;
      } else if (person.value) {
        body.personId = person.value;
      } else {
        body.officeId = office.value;
      }
      save.disabled = true;
      try {
        if (zone) await ctx.api.put(`/api/zones/${zone.id}`, body); else await ctx.api.post('/api/zones', body);
        deselect();
        fill(message, el('span', {class: 'vk-ok', test: 'zone-saved'}, t('zones.saved', {name: body.name})));
        await load();
      } catch (e) {
        showProblem(error, e);
      } finally {
        save.disabled = false;
      }
    });
  }

  function clearProblems() {
    problemGroup.clearLayers();
  }

  /**
   * The validator's reason in the console's language (the server's detail is English), with where it is;
   * a reason this page does not know falls back to the server's detail.
   */
  function zoneProblemText(e) {
    const p = (e && e.problem) || {};
    const key = p.reason ? `zones.reason.${p.reason}` : null;
    const reason = key ? t(key) : null;
    if (!reason || reason === key) return problemText(e);
    const loc = p.location;
    return Array.isArray(loc) && loc.length >= 2
      ? t('zones.reasonAt', {reason, lon: Number(loc[0]).toFixed(5), lat: Number(loc[1]).toFixed(5)})
      : reason;
  }

  /** A problem beside the form (or the import row), and on the map where the server says it is. */
  function showProblem(box, e, label) {
    const p = e.problem || {};
    fill(box, zoneProblemText(e), p.field ? ` (${p.field})` : '');
    box.dataset.status = String(e.status || p.status || '');
    return markProblem(p, label);
  }

  function markProblem(p, label) {
    const text = zoneProblemText({problem: p});
    const loc = p.location;
    if (!Array.isArray(loc) || loc.length < 2) return null;
    const marker = L.marker([loc[1], loc[0]], {
      icon: L.divIcon({className: 'vk-problem-marker', html: '!', iconSize: [24, 24], iconAnchor: [12, 12]}),
      zIndexOffset: 1000,
    }).bindTooltip(`${label ? label + ': ' : ''}${text || t('zones.errorAt')}`, {permanent: false});
    problemGroup.addLayer(marker);
    const elm = marker.getElement();
    if (elm) elm.dataset.test = 'zone-problem-marker';
    return marker;
  }

  // ---- import / export ----
  const importKind = select(KINDS.map(k => [k, code(t, 'zoneKind', k)]), 'INCLUSION', {test: 'import-kind'});
  const importOffice = select(offices.map(o => [o.id, o.name]), ctx.session.officeId || offices[0]?.id, {test: 'import-office'});
  const file = el('input', {type: 'file', accept: '.geojson,.json,application/geo+json,application/json', test: 'zone-import-file'});
  const importResult = el('div', {class: 'vk-import-result', test: 'import-result'});
  const exportButton = el('button', {type: 'button', class: 'vk-button', test: 'zone-export'}, t('zones.export'));
  fill(importBox,
    el('h2', {class: 'vk-panel-title'}, t('zones.import'), ' / ', t('zones.export')),
    canWrite ? [field(t('zones.importKind'), importKind), field(t('zones.office'), importOffice),
      field(t('zones.importFile'), file)] : null,
    importResult, el('div', {class: 'vk-form-row'}, exportButton));

  file.addEventListener('change', async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    clearProblems();
    draftGroup.clearLayers();
    deselect();
    let features;
    try {
      features = featuresOf(JSON.parse(await f.text()));
    } catch (e) {
      fill(importResult, el('p', {class: 'vk-error', test: 'import-error'}, t('zones.importBadFile', {reason: e.message})));
      file.value = '';
      return;
    }
    const base = f.name.replace(/\.(geo)?json$/i, '');
    const rows = [];
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < features.length; i++) {
      const feature = features[i];
      const props = feature.properties || {};
      const label = props.name || `${base} · ${t('zones.importFeature', {n: i + 1})}`;
      const body = {name: String(label).slice(0, 200), kind: KINDS.includes(props.kind) ? props.kind : importKind.value};
      if (props.personId) body.personId = props.personId; else body.officeId = importOffice.value;
      const g = feature.geometry || {};
      if (g.type === 'Point' && props.radiusMeters) {
        body.circle = {center: g.coordinates, radiusMeters: props.radiusMeters};
      } else {
        body.geometry = g;
      }
      const line = el('li', {test: 'import-row'});
      rows.push(line);
      try {
        await ctx.api.post('/api/zones', body);
        ok++;
        fill(line, badge('✓', 'ok'), ' ', label);
        line.dataset.outcome = 'saved';
      } catch (e) {
        failed++;
        line.dataset.outcome = 'refused';
        const text = el('span', {class: 'vk-error', test: 'import-error'});
        fill(line, badge('✗', 'bad'), ' ', label, ': ', text);
        showProblem(text, e, label);
        // The refused shape stays visible, outlined, so the marker has its context.
        try {
          L.geoJSON(feature, {style: {className: 'vk-refused-shape'}}).addTo(draftGroup);
        } catch (ignored) { /* not drawable: the message says why */ }
      }
    }
    fill(importResult, el('p', {test: 'import-summary', class: failed ? 'vk-error' : 'vk-ok'},
      t('zones.importDone', {ok, failed})), el('ul', {class: 'vk-plain-list'}, rows));
    file.value = '';
    await load();
    const bounds = draftGroup.getLayers().length ? draftGroup.getBounds() : null;
    if (bounds && bounds.isValid()) map.fitBounds(bounds, {padding: [40, 40], maxZoom: 16});
  });

  exportButton.addEventListener('click', async () => {
    let collection;
    const res = await settle(ctx.api.get('/api/zones', {format: 'geojson'}));
    if (res.value && res.value.type === 'FeatureCollection') {
      collection = res.value;
    } else { // a server without ?format=geojson: the same from the list
      collection = {type: 'FeatureCollection', features: zones.map(z => ({
        type: 'Feature', geometry: z.geometry,
        properties: {id: z.id, name: z.name, kind: z.kind, officeId: z.officeId, personId: z.personId,
          radiusMeters: z.radiusMeters > 0 ? z.radiusMeters : undefined},
      }))};
    }
    download('zones.geojson', new Blob([JSON.stringify(collection, null, 2)], {type: 'application/geo+json'}));
  });

  await load();
  return () => {
    deselect();
    map.remove();
  };
}

function round(x) {
  return Math.round(x * 1e7) / 1e7;
}

/** The features of a GeoJSON document: FeatureCollection, Feature, or a bare Polygon/MultiPolygon. */
function featuresOf(doc) {
  if (!doc || typeof doc !== 'object') throw new Error('not a GeoJSON object');
  switch (doc.type) {
    case 'FeatureCollection':
      if (!Array.isArray(doc.features)) throw new Error('FeatureCollection without features');
      return doc.features;
    case 'Feature':
      return [doc];
    case 'Polygon':
    case 'MultiPolygon':
      return [{type: 'Feature', geometry: doc, properties: {}}];
    default:
      throw new Error(`type ${doc.type}`);
  }
}

export {featuresOf};
