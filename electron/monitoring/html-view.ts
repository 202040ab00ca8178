/**
 * The exported report's own script and style: plain browser JavaScript that
 * reads the report JSON from the page and draws it with the inlined Plotly.
 * Kept as text because it runs in the exported file, not in the app.
 */

export const REPORT_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1d2433; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.muted { color: #5b6478; } .verdict { font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
.drift { background: #fde8e8; color: #9b1c1c; } .nodrift { background: #e6f4ea; color: #1e6b35; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e6ee; vertical-align: middle; }
td.hist { width: 260px; height: 70px; } .yes { color: #9b1c1c; font-weight: 600; } ul { margin: 4px 0; }
.chart { width: 100%; max-width: 900px; height: 320px; }
`;

export const REPORT_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function fmt(x) { return x === null || x === undefined ? '—' : Math.abs(x) >= 1000 || Math.abs(x) < 0.001 && x !== 0 ? x.toExponential(3) : x.toFixed(4); }
  function day(ms) { return new Date(ms).toISOString().slice(0, 10); }
  var layout = { margin: { l: 40, r: 10, t: 24, b: 40 }, font: { size: 11 } };
  var config = { displaylogo: false, responsive: true };
  function centres(edges) { return edges.slice(1).map(function (edge, i) { return (edges[i] + edge) / 2; }); }
  function shares(counts) {
    var total = counts.reduce(function (a, b) { return a + b; }, 0);
    return counts.map(function (c) { return total ? c / total : 0; });
  }
  function errorCharts(e) {
    var distribution = el('div', { class: 'chart error-chart', id: 'errors-distribution' });
    root.appendChild(distribution);
    var bars = [];
    if (e.reference) bars.push({ type: 'bar', name: 'reference', x: centres(e.edges), y: shares(e.reference), marker: { color: '#7a8699' } });
    bars.push({ type: 'bar', name: 'current', x: centres(e.edges), y: shares(e.current) });
    Plotly.newPlot(distribution, bars, Object.assign({ title: { text: 'error distribution (prediction - label)' }, barmode: 'group' }, layout), config);
    var g = e.predictedVsActual;
    var ends = [g.edges[0], g.edges[g.edges.length - 1]];
    var grid = el('div', { class: 'chart error-chart', id: 'errors-predicted-vs-actual' });
    root.appendChild(grid);
    Plotly.newPlot(grid, [
      { type: 'heatmap', x: centres(g.edges), y: centres(g.edges), z: g.counts.map(function (row) { return row.map(function (c) { return c || null; }); }), colorscale: 'Blues' },
      { type: 'scatter', mode: 'lines', x: ends, y: ends, line: { dash: 'dash', color: '#7a8699' } }
    ], Object.assign({ title: { text: 'predicted vs actual (current)' }, showlegend: false, xaxis: { title: { text: 'predicted' } }, yaxis: { title: { text: 'actual' } } }, layout), config);
  }
  function histogram(target, h) {
    Plotly.newPlot(target, [
      { type: 'bar', name: 'reference', x: h.bins, y: h.reference, marker: { color: '#7a8699' } },
      { type: 'bar', name: 'current', x: h.bins, y: h.current, marker: { color: '#d9534f' } }
    ], { margin: { l: 0, r: 0, t: 0, b: 0 }, showlegend: false, barmode: 'group', xaxis: { visible: false }, yaxis: { visible: false } }, { staticPlot: true });
  }
  root.appendChild(el('h1', {}, [report.name + ' — version ' + report.version]));
  root.appendChild(el('div', { class: 'muted' }, [new Date(report.createdAt).toISOString() + (report.model ? ' · model ' + report.model.name + ' v' + report.model.version : '') + ' · reference ' + report.sources.referenceRows + ' rows, current ' + report.sources.currentRows + ' rows']));
  var d = report.drift;
  root.appendChild(el('h2', {}, ['Data drift']));
  root.appendChild(el('div', { class: 'verdict ' + (d.detected ? 'drift' : 'nodrift'), id: 'verdict' }, [
    (d.detected ? 'Dataset drift is detected' : 'Dataset drift is not detected') + ': ' + d.drifted + ' of ' + d.columns.length + ' columns drifted (share ' + d.share.toFixed(2) + ', threshold ' + d.driftShare + ')'
  ]));
  var rows = d.columns.concat(report.predictionDrift ? [report.predictionDrift] : []);
  var body = el('tbody');
  rows.forEach(function (c, i) {
    var cell = el('td', { class: 'hist', id: 'hist-' + i });
    body.appendChild(el('tr', {}, [
      el('td', {}, [c.column + (c === report.predictionDrift ? ' (prediction)' : '')]), el('td', {}, [c.type]), cell,
      el('td', { class: c.drifted ? 'yes' : '' }, [c.skipped ? 'skipped: ' + c.skipped : c.drifted ? 'yes' : 'no']),
      el('td', {}, [c.test || '—']), el('td', {}, [fmt(c.score)]), el('td', {}, [fmt(c.threshold)]),
      el('td', {}, [fmt(c.missing.reference) + ' → ' + fmt(c.missing.current) + (c.missing.drifted ? ' (drifted)' : '')])
    ]));
  });
  var table = el('table', { id: 'drift-table' }, [el('thead', {}, [el('tr', {}, ['Column', 'Type', 'Reference vs current', 'Drift', 'Test', 'Score', 'Threshold', 'Missing share'].map(function (h) { return el('th', {}, [h]); }))]), body]);
  root.appendChild(table);
  rows.forEach(function (c, i) { histogram(document.getElementById('hist-' + i), c.histogram); });
  var s = report.schema;
  if (s.onlyInReference.length || s.onlyInCurrent.length || s.typeMismatches.length) {
    root.appendChild(el('h2', {}, ['Schema differences']));
    var list = el('ul');
    if (s.onlyInReference.length) list.appendChild(el('li', {}, ['Only in the reference: ' + s.onlyInReference.join(', ')]));
    if (s.onlyInCurrent.length) list.appendChild(el('li', {}, ['Only in the current data: ' + s.onlyInCurrent.join(', ')]));
    s.typeMismatches.forEach(function (m) { list.appendChild(el('li', {}, [m.column + ': ' + m.reference + ' vs ' + m.current])); });
    root.appendChild(list);
  }
  var q = report.quality;
  if (q && q.windows.length) {
    root.appendChild(el('h2', {}, ['Model quality over time']));
    var names = Object.keys(q.windows[q.windows.length - 1].metrics);
    names.forEach(function (name) {
      var div = el('div', { class: 'chart quality-chart', id: 'quality-' + name });
      root.appendChild(div);
      var x = q.windows.map(function (w) { return day(w.start); });
      var traces = [{ type: 'scatter', mode: 'lines+markers', name: name, x: x, y: q.windows.map(function (w) { return w.metrics[name]; }) }];
      if (q.reference[name] !== undefined) traces.push({ type: 'scatter', mode: 'lines', name: 'reference', x: x, y: x.map(function () { return q.reference[name]; }), line: { dash: 'dash', color: '#7a8699' } });
      if (q.dummy[name] !== undefined) traces.push({ type: 'scatter', mode: 'lines', name: 'dummy', x: x, y: x.map(function () { return q.dummy[name]; }), line: { dash: 'dot', color: '#c0c4cc' } });
      Plotly.newPlot(div, traces, Object.assign({ title: { text: name } }, layout), config);
    });
    if (q.errors) errorCharts(q.errors);
    if (q.unmatchedLabels) root.appendChild(el('div', { class: 'muted' }, [q.unmatchedLabels + ' labels matched no prediction.']));
  }
  report.business.forEach(function (b, i) {
    if (i === 0) root.appendChild(el('h2', {}, ['Business metrics']));
    var div = el('div', { class: 'chart business-chart' });
    root.appendChild(div);
    var x = b.windows.map(function (w) { return day(w.start); });
    var traces = [{ type: 'scatter', mode: 'lines+markers', name: b.name, x: x, y: b.windows.map(function (w) { return w.value; }) }];
    if (b.reference !== null) traces.push({ type: 'scatter', mode: 'lines', name: 'reference', x: x, y: x.map(function () { return b.reference; }), line: { dash: 'dash', color: '#7a8699' } });
    Plotly.newPlot(div, traces, Object.assign({ title: { text: b.name } }, layout), config);
  });
  [['Alerts', report.alerts], ['Warnings', report.warnings]].forEach(function (pair) {
    if (!pair[1].length) return;
    root.appendChild(el('h2', {}, [pair[0]]));
    root.appendChild(el('ul', { id: pair[0].toLowerCase() }, pair[1].map(function (t) { return el('li', {}, [t]); })));
  });
  document.body.setAttribute('data-rendered', 'true');
})();
`;
