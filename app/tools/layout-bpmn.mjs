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
await writeFile(target, withoutDuplicateEdges(laidOut));
console.log(`laid out ${source} -> ${target}`);

// bpmn-auto-layout 1.3 draws a flow leaving a boundary event twice: once from the host's side and
// once from the event itself. Keep the last edge drawn for each flow (the one from the event).
function withoutDuplicateEdges(xml) {
  const edge = /\s*<bpmndi:BPMNEdge id="[^"]*" bpmnElement="([^"]*)">[\s\S]*?<\/bpmndi:BPMNEdge>/g;
  const last = new Map();
  for (const match of xml.matchAll(edge)) last.set(match[1], match.index);
  return xml.replace(edge, (whole, flowId, offset) => (last.get(flowId) === offset ? whole : ''));
}
