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
    viewer.get('canvas').zoom('fit-viewport');
    const steps = await get(base + '/steps' + county, 'application/json');
    const max = Math.max(1, ...steps.map(s => s.open));
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    for (const step of steps) {
      if (!registry.get(step.elementId)) continue;
      const badge = document.createElement('div');
      badge.className = 'heat';
      badge.dataset.element = step.elementId;
      badge.style.background = `rgba(176, 0, 32, ${0.25 + 0.6 * step.open / max})`;
      badge.innerHTML = `<span class="open">${step.open}</span>` + (step.overdue ? ` <span class="late">${step.overdue} late</span>` : '');
      badge.title = `${step.name}: ${step.open} open, ${step.overdue} overdue`;
      badge.addEventListener('click', () => show(step));
      overlays.add(step.elementId, { position: { top: -14, right: 14 }, html: badge });
    }
    viewer.get('eventBus').on('element.click', event => {
      const step = steps.find(s => s.elementId === event.element.id);
      if (step) show(step);
    });
  } catch (e) {
    problem.textContent = 'The process view could not be drawn: ' + e.message;
    problem.hidden = false;
  }

  async function show(step) {
    const rows = await get(base + '/steps/' + encodeURIComponent(step.elementId) + '/cases' + county, 'application/json');
    const title = document.getElementById('step-title');
    title.textContent = `${step.name}: ${rows.length} open`;
    title.hidden = false;
    const table = document.getElementById('step-cases');
    const body = table.querySelector('tbody');
    body.replaceChildren(...rows.map(r => {
      const tr = document.createElement('tr');
      if (r.overdue) tr.className = 'overdue';
      const cells = [r.caseNumber, r.childName, r.countyCode, r.step, r.assignee || 'unassigned',
        r.due ? new Date(r.due).toLocaleString() : '—'];
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
