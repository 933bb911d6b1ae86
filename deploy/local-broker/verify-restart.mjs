// Drives one case through the HTTP API against the app on the local broker, restarting broker and app
// in the middle, and checks that the open case and its tasks survive and the case reaches closure.
// Run by verify-restart.sh, which starts the app with a short follow-up timer (policy is configuration).
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

function restartBoth() {
  const run = (script, arg) => execFileSync(`deploy/local-broker/${script}`, [arg], { stdio: 'inherit' });
  run('app.sh', 'stop');
  run('broker.sh', 'stop');
  run('broker.sh', 'start');
  run('app.sh', 'start');
}

const cw = 'cw.nairobi', sup = 'sup.nairobi';
const created = await api(cw, 'POST', '/api/cases', {
  countyCode: '047', childFirstName: 'Restart', childLastName: 'Synthetic', childSex: 'MALE', childAge: 15,
  lastSeenAt: new Date(Date.now() - 3600e3).toISOString(), lastSeenPlace: 'Kawangware stage',
  disabilityOrMedicalNeed: false, suspectedAbduction: false, reporterName: 'Synthetic Aunt',
  reporterPhone: '+254700000002', reporterRelationship: 'RELATIVE', consentPublicity: false, consentTracing: true,
});
const caseId = created.id;
console.log(`case ${created.caseNumber} reported`);
await complete(cw, await task(cw, 'UNASSIGNED', caseId, 'Task_AcceptCase'), { acceptConfirmed: true });
const assess = await task(cw, 'MINE', caseId, 'Task_AssessRisk');

console.log('restarting broker and app...');
restartBoth();

const afterRestart = await api(cw, 'GET', `/api/cases/${caseId}`);
if (afterRestart.child.status !== 'OPEN') throw new Error('case not open after restart');
const stillThere = afterRestart.currentSteps.find(s => s.taskId === assess.id);
if (!stillThere) throw new Error('the open task did not survive the restart');
console.log(`after restart: case ${afterRestart.child.caseNumber} open, current step "${stillThere.name}" (task ${assess.id})`);

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
