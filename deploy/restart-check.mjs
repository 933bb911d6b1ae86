// Drives cases through the HTTP API of a county pilot (PostgreSQL + the in-process engine on disk),
// killing the app with SIGKILL and stopping it cleanly in the middle; checks that each open case is at
// the same step with the same task and due time, that case numbers go on, and that a case reaches
// closure. Run by restart-check.sh, which starts the app with a short follow-up timer.
import { execFileSync } from 'node:child_process';

const base = process.env.BASE_URL || 'http://127.0.0.1:8080';
const auth = user => 'Basic ' + Buffer.from(`${user}:demo1234`).toString('base64');

async function api(user, method, path, body, attempt = 1) {
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: { Authorization: auth(user), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // A pooled connection to the app before its restart is dead: try once more on a new one.
    if (attempt < 3) return api(user, method, path, body, attempt + 1);
    throw error;
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function task(user, view, caseId, elementId, seconds = 60) {
  for (let i = 0; i < seconds * 2; i++) {
    const found = (await api(user, 'GET', `/api/tasks?view=${view}`)).find(t => t.caseId === caseId && t.elementId === elementId);
    if (found) return found;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`no ${elementId} task for ${user} after ${seconds}s`);
}

async function complete(user, t, data) {
  if (!t.assignee) await api(user, 'POST', `/api/tasks/${t.id}/claim`);
  await api(user, 'POST', `/api/tasks/${t.id}/complete`, data);
  console.log(`  ${t.name}: completed by ${user}`);
}

function restart(how) {
  const run = arg => execFileSync('deploy/pilot.sh', [arg], { stdio: 'inherit' });
  run(how);
  run('start');
}

async function sameStep(caseId, task) {
  const details = await api(cw, 'GET', `/api/cases/${caseId}`);
  if (details.child.status !== 'OPEN') throw new Error('case not open after restart');
  const step = details.currentSteps.find(s => s.taskId === task.id);
  if (!step) throw new Error(`the open task ${task.id} (${task.name}) did not survive the restart`);
  const now = (await api(cw, 'GET', `/api/tasks/${task.id}`));
  if (now.due !== task.due) throw new Error(`the due time moved: ${task.due} -> ${now.due}`);
  console.log(`  case ${details.child.caseNumber} still at "${step.name}" (task ${task.id}, due ${now.due})`);
}

const report = (name, age) => ({
  countyCode: '047', childFirstName: name, childLastName: 'Synthetic', childSex: 'MALE', childAge: age,
  lastSeenAt: new Date(Date.now() - 3600e3).toISOString(), lastSeenPlace: 'Kawangware stage',
  disabilityOrMedicalNeed: false, suspectedAbduction: false, reporterName: 'Synthetic Aunt',
  reporterPhone: '+254700000002', reporterRelationship: 'RELATIVE', consentPublicity: false, consentTracing: true,
});
const number = c => Number(c.caseNumber.split('-').pop());

const cw = 'cw.nairobi', sup = 'sup.nairobi';
const created = await api(cw, 'POST', '/api/cases', report('Restart', 15));
const caseId = created.id;
console.log(`case ${created.caseNumber} reported`);
const waiting = await api(cw, 'POST', '/api/cases', report('Waiting', 13));
const accept = await task(cw, 'UNASSIGNED', waiting.id, 'Task_AcceptCase');
await complete(cw, await task(cw, 'UNASSIGNED', caseId, 'Task_AcceptCase'), { acceptConfirmed: true });
const assess = await task(cw, 'MINE', caseId, 'Task_AssessRisk');

console.log('killing the app (SIGKILL) and starting it again...');
restart('kill');
await sameStep(caseId, assess);
await sameStep(waiting.id, accept);
console.log('stopping the app cleanly and starting it again...');
restart('stop');
await sameStep(caseId, assess);
await sameStep(waiting.id, accept);
const next = await api(cw, 'POST', '/api/cases', report('Next', 11));
if (number(next) !== number(waiting) + 1) throw new Error(`not the next case number: ${next.caseNumber} after ${waiting.caseNumber}`);
console.log(`  the next report got ${next.caseNumber}, after ${waiting.caseNumber}`);

await complete(cw, assess, { riskNotes: 'visited the family, no risk indicators found' });
await api(cw, 'POST', `/api/cases/${caseId}/located`, { locatedAt: new Date().toISOString(), place: 'uncle in Kisumu', how: 'RETURNED_HOME' });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_VerifyIdentity'), { identityConfirmed: true, verificationMethod: 'PARENT_IDENTIFIED' });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_ReturnInterview'), { interviewDate: new Date().toISOString().slice(0, 10), reasonForGoingMissing: 'went to visit his uncle without telling anyone', homeSafe: true });
const today = new Date().toISOString().slice(0, 10);
await complete(cw, await task(cw, 'MINE', caseId, 'Task_FamilyAssessment'), { homeVisitDate: today, householdMembers: 'aunt and two cousins', livingConditions: 'stone house, aunt is a teacher', protectiveFactors: 'aunt, school', familyRisks: 'none found', familySuitable: true });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_PrepareChild'), { childPreparedOn: today, childViews: 'happy to stay with his aunt', childAgreesToReturn: true });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_PrepareFamily'), { familyPreparedOn: today, familyCommitments: 'school fees paid, weekly calls with the mother' });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_ReferToServices'), { servicesReferred: ['NONE'] });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_RecordReunification'), { reunifiedOn: new Date().toISOString().slice(0, 10), reunifiedWith: 'aunt', witnessedBy: 'Children Officer', reunificationPlace: 'Kawangware' });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_FollowUpVisit', 120), { visitDate: new Date().toISOString().slice(0, 10), childWellbeing: 'WELL', visitNotes: 'settled at home and at school' });
await complete(cw, await task(cw, 'MINE', caseId, 'Task_RequestClosure'), { closureSummary: 'returned home on his own, follow-up found him well' });
await complete(sup, await task(sup, 'UNASSIGNED', caseId, 'Task_ApproveClosure'), { closureApproved: true });

for (let i = 0; i < 60; i++) {
  const details = await api(cw, 'GET', `/api/cases/${caseId}`);
  if (details.child.status === 'CLOSED') {
    console.log(`case ${details.child.caseNumber} CLOSED; timeline:`);
    for (const e of details.timeline) console.log(`  ${e.at}  ${e.kind.padEnd(17)} ${e.step}  (${e.actor})`);
    process.exit(0);
  }
  await new Promise(r => setTimeout(r, 500));
}
throw new Error('case did not close');
