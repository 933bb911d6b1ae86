// The process view: draws the deployed BPMN with bpmn-js and puts each step's open and overdue counts
// on it as overlays (the heatmap); a click on a step lists the cases behind its count.
(async function () {
  const canvas = document.getElementById('canvas');
  const problem = document.getElementById('problem');
  const processId = canvas.dataset.process;
  const county = canvas.dataset.county ? '?county=' + encodeURIComponent(canvas.dataset.county) : '';
  const base = '/api/dashboard/processes/' + processId;
  const get = async (path, type) => {
    const response = await fetch(path, { headers: { Accept: type } });
    if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail || response.statusText);
    return type === 'application/json' ? response.json() : response.text();
  };
  try {
    const viewer = new BpmnJS({ container: canvas });
    await viewer.importXML(await get(base + '/diagram', 'application/xml'));
    const diagram = viewer.get('canvas');
    diagram.zoom('fit-viewport');
    const steps = await get(base + '/steps' + county, 'application/json');
    tools(viewer, diagram);
    table(steps);
    const max = Math.max(1, ...steps.map(s => s.open));
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    for (const step of steps) {
      if (!registry.get(step.elementId)) continue;
      const badge = document.createElement('div');
      badge.className = 'heat';
      badge.dataset.element = step.elementId;
      badge.style.background = `rgba(176, 0, 32, ${0.25 + 0.6 * step.open / max})`;
      badge.innerHTML = `<span class="open">${step.open}</span>` + (step.overdue ? ` <span class="late">${t('pv.late', step.overdue)}</span>` : '');
      badge.title = t('pv.badge', step.name, step.open, step.overdue);
      badge.addEventListener('click', () => show(step));
      // readable at any zoom: the badge keeps its size
      overlays.add(step.elementId, { position: { top: -14, right: 14 }, html: badge, scale: false });
    }
    viewer.get('eventBus').on('element.click', event => {
      const step = steps.find(s => s.elementId === event.element.id);
      if (step) show(step);
    });
  } catch (e) {
    problem.textContent = t('pv.notDrawn', e.message);
    problem.hidden = false;
  }

  // Zoom, and one part (a sub-process) at a time; the arrow keys move the diagram when it has the focus.
  function tools(viewer, diagram) {
    const part = document.getElementById('diagram-part');
    const registry = viewer.get('elementRegistry');
    registry.filter(e => e.type === 'bpmn:SubProcess' && !e.businessObject.triggeredByEvent).forEach(sub => {
      part.add(new Option(sub.businessObject.name || sub.id, sub.id));
    });
    part.addEventListener('change', () => {
      const sub = registry.get(part.value);
      if (!sub) { diagram.zoom('fit-viewport'); return; }
      diagram.viewbox({ x: sub.x - 20, y: sub.y - 20, width: sub.width + 40, height: sub.height + 40 });
    });
    const by = factor => diagram.zoom(Math.min(4, Math.max(0.1, diagram.zoom() * factor)));
    document.getElementById('zoom-in').addEventListener('click', () => by(1.25));
    document.getElementById('zoom-out').addEventListener('click', () => by(0.8));
    document.getElementById('zoom-fit').addEventListener('click', () => { part.value = ''; diagram.zoom('fit-viewport'); });
    // A model too wide to read whole opens at its first sub-process (the whole is one choice away).
    if (diagram.zoom() < 0.35 && part.options.length > 1) {
      part.selectedIndex = 1;
      part.dispatchEvent(new Event('change'));
    }
    canvas.addEventListener('keydown', event => {
      const moves = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] };
      if (moves[event.key]) { event.preventDefault(); diagram.scroll({ dx: moves[event.key][0], dy: moves[event.key][1] }); }
      if (event.key === '+' || event.key === '=') by(1.25);
      if (event.key === '-') by(0.8);
    });
  }

  // The same counts as a table beside the diagram: each step a button (keyboard and screen readers).
  function table(steps) {
    const body = document.querySelector('#steps-table tbody');
    document.getElementById('no-steps').hidden = steps.length > 0;
    document.getElementById('steps-table').hidden = steps.length === 0;
    body.replaceChildren(...[...steps].sort((a, b) => b.overdue - a.overdue || b.open - a.open).map(step => {
      const tr = document.createElement('tr');
      if (step.overdue) tr.className = 'overdue';
      const name = document.createElement('button');
      name.type = 'button';
      name.className = 'link step-link';
      name.dataset.element = step.elementId;
      name.textContent = step.name;
      name.addEventListener('click', () => show(step));
      const cells = [name, String(step.open), String(step.overdue)].map(content => {
        const td = document.createElement('td');
        td.append(content);
        return td;
      });
      tr.append(...cells);
      return tr;
    }));
  }

  async function show(step) {
    const rows = await get(base + '/steps/' + encodeURIComponent(step.elementId) + '/cases' + county, 'application/json');
    const title = document.getElementById('step-title');
    title.textContent = t('pv.stepOpen', step.name, rows.length);
    title.hidden = false;
    const table = document.getElementById('step-cases');
    const body = table.querySelector('tbody');
    body.replaceChildren(...rows.map(r => {
      const tr = document.createElement('tr');
      if (r.overdue) tr.className = 'overdue';
      const cells = [r.caseNumber, r.childName, r.countyCode, r.step, r.assignee || t('pv.unassigned'),
        r.due ? new Date(r.due).toLocaleString(document.documentElement.lang) : '—'];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        if (i === 0) {
          const a = document.createElement('a');
          a.href = '/cases/' + r.caseId;
          a.textContent = text;
          td.appendChild(a);
        } else td.textContent = text;
        tr.appendChild(td);
      });
      return tr;
    }));
    table.hidden = false;
  }
})();
