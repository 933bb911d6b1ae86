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
await writeFile(target, apartBoundaryEvents(withoutDuplicateEdges(laidOut)));
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
