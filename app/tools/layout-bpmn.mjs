// Lays out a BPMN file that has process semantics but no diagram, so that it opens in Camunda Modeler.
// Usage: npm run layout -- ../processes/src/x.bpmn ../processes/x.bpmn
// Run once when a model is first written; after that modelers edit the laid-out file in the Modeler.
import { readFile, writeFile } from 'node:fs/promises';
import { layoutProcess } from 'bpmn-auto-layout';

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: layout-bpmn <source.bpmn> <target.bpmn>');
  process.exit(2);
}
const laidOut = await layoutProcess(await readFile(source, 'utf8'));
await writeFile(target, backEdgesBelow(apartBoundaryEvents(withoutDuplicateEdges(laidOut))));
console.log(`laid out ${source} -> ${target}`);

// bpmn-auto-layout 1.3 draws a flow leaving a boundary event twice: once from the host's side and
// once from the event itself. Keep the last edge drawn for each flow (the one from the event).
function withoutDuplicateEdges(xml) {
  const edge = /\s*<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]*)">[\s\S]*?<\/bpmndi:BPMNEdge>/g;
  const last = new Map();
  for (const match of xml.matchAll(edge)) last.set(match[1], match.index);
  return xml.replace(edge, (whole, flowId, offset) => (last.get(flowId) === offset ? whole : ''));
}

// bpmn-auto-layout 1.3 puts the boundary events of a host closer together than their width. Spread
// each row of boundary events to at least 45 px apart (shape and the start of its outgoing flows).
function apartBoundaryEvents(xml) {
  const shape = /<bpmndi:BPMNShape id="[^"]*" bpmnElement="([^"]*)"[^>]*>\s*<dc:Bounds x="(\d+(?:\.\d+)?)" y="(\d+(?:\.\d+)?)"/g;
  const events = [...xml.matchAll(shape)]
    .filter(m => new RegExp(`<bpmn:boundaryEvent id="${m[1]}"`).test(xml))
    .map(m => ({ id: m[1], x: Number(m[2]), y: Number(m[3]) }))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const moved = new Map();
  for (let i = 1; i < events.length; i++) {
    const previous = events[i - 1];
    const event = events[i];
    if (event.y === previous.y && event.x - previous.x < 45) {
      const x = previous.x + 45;
      moved.set(event.id, x - event.x);
      event.x = x;
    }
  }
  for (const [id, dx] of moved) {
    xml = xml.replace(new RegExp(`(bpmnElement="${id}"[^>]*>\\s*<dc:Bounds x=")(\\d+(?:\\.\\d+)?)`), (w, h, x) => `${h}${Number(x) + dx}`);
    const outgoing = [...xml.matchAll(new RegExp(`<bpmn:sequenceFlow id="([^"]*)"[^>]*sourceRef="${id}"`, 'g'))].map(m => m[1]);
    for (const flow of outgoing) {
      xml = xml.replace(new RegExp(`(bpmnElement="${flow}">\\s*<di:waypoint x=")(\\d+(?:\\.\\d+)?)`), (w, h, x) => `${h}${Number(x) + dx}`);
    }
  }
  return xml;
}

// bpmn-auto-layout 1.3 draws a flow that goes back to an earlier step, or skips the steps between, as
// a horizontal line just off the row it leaves: straight through the shapes in between (a sub-process,
// the tasks in it), where it hides them and their clicks. Route each such flow below every shape it
// would cross (its own two ends, and the container holding both, aside).
function backEdgesBelow(xml) {
  const shapes = [...xml.matchAll(/<bpmndi:BPMNShape id="[^"]*" bpmnElement="([^"]*)"[^>]*>\s*<dc:Bounds x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)]
    .map(m => ({ id: m[1], x: +m[2], y: +m[3], w: +m[4], h: +m[5] }));
  const ends = new Map([...xml.matchAll(/<bpmn:sequenceFlow id="([^"]*)"[^>]*sourceRef="([^"]*)" targetRef="([^"]*)"/g)]
    .map(m => [m[1], [m[2], m[3]]]));
  const contains = (s, x, y) => s.x <= x && x <= s.x + s.w && s.y <= y && y <= s.y + s.h;
  return xml.replace(/<bpmndi:BPMNEdge id="([^"]*)" bpmnElement="([^"]*)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g, (whole, id, flow, body) => {
    const points = [...body.matchAll(/<di:waypoint x="([\d.]+)" y="([\d.]+)"/g)].map(m => ({ x: +m[1], y: +m[2] }));
    if (points.length < 4 || !ends.has(flow)) return whole;
    const first = points[0];
    const last = points[points.length - 1];
    const [from, to] = [Math.min(first.x, last.x), Math.max(first.x, last.x)];
    const others = shapes.filter(s => !ends.get(flow).includes(s.id)
      && !(contains(s, first.x, first.y) && contains(s, last.x, last.y)));
    const crossed = others.filter(s => points.slice(1, -1).some((p, i, middle) => i + 1 < middle.length
      && p.y === middle[i + 1].y && s.y < p.y && p.y < s.y + s.h
      && s.x < Math.max(p.x, middle[i + 1].x) && Math.min(p.x, middle[i + 1].x) < s.x + s.w));
    if (crossed.length === 0) return whole;
    const below = Math.max(first.y, last.y, ...others.filter(s => s.x < to && s.x + s.w > from).map(s => s.y + s.h)) + 30;
    const route = [first, { x: first.x, y: below }, { x: last.x, y: below }, last]
      .map(p => `<di:waypoint x="${p.x}" y="${p.y}" />`).join('');
    let result = body.replace(/(\s*<di:waypoint[^>]*\/>)+/, '\n        ' + route);
    result = result.replace(/(<bpmndi:BPMNLabel>\s*<dc:Bounds x=")[\d.]+(" y=")[\d.]+/, `$1${(from + to) / 2}$2${below + 4}`);
    return `<bpmndi:BPMNEdge id="${id}" bpmnElement="${flow}">${result}</bpmndi:BPMNEdge>`;
  });
}
