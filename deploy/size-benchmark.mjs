// Memory and restart at size, driven by size-benchmark.sh against a fresh county pilot. A partner key
// (cheap to check, unlike a password) reports N missing children from 8 clients; every case must reach
// its first task. Then: resident memory (now and at its peak), a clean restart and a SIGKILL restart,
// each timed from the start command to a new report's first task being in the tasklist.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const base = process.env.BASE_URL;
const open = Number(process.argv[2] || 10000);
const clients = 8;
const runtime = process.env.MCC_RUNTIME;
const admin = 'Basic ' + Buffer.from('admin:demo1234').toString('base64');
const sleep = ms => new Promise(r => setTimeout(r, ms));

function psql(sql) {
  return execFileSync('psql', ['-h', process.env.PGHOST, '-U', process.env.PGUSER, '-d', process.env.PGDATABASE, '-tAc', sql],
    { encoding: 'utf8' }).trim();
}
const pilot = arg => execFileSync('deploy/pilot.sh', [arg], { stdio: ['ignore', 'ignore', 'inherit'] });
const memory = () => {
  const status = readFileSync(`/proc/${readFileSync(`${runtime}/app.pid`, 'utf8').trim()}/status`, 'utf8');
  const kb = name => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};

const issued = await (await fetch(`${base}/api/admin/partners`, {
  method: 'POST', headers: { Authorization: admin, 'Content-Type': 'application/json' },
  body: JSON.stringify({ id: 'size-bench', name: 'Size benchmark helpline', kind: 'HELPLINE', scopes: ['report:missing'],
    requestsPerMinute: 6000 }),
})).json();
const key = issued.key;

const report = n => ({
  countyCode: ['047', '001', '022', '032'][n % 4], subCounty: 'Synthetic', childFirstName: `Size${n}`, childLastName: 'Synthetic',
  childSex: n % 2 ? 'MALE' : 'FEMALE', childAge: 4 + (n % 12), lastSeenAt: new Date(Date.now() - 3600e3).toISOString(),
  lastSeenPlace: `Stage ${n % 40}`, disabilityOrMedicalNeed: false, suspectedAbduction: false,
  reporterName: 'Synthetic Parent', reporterPhone: '+254700000003', reporterRelationship: 'PARENT',
  consentPublicity: false, consentTracing: false,
});

async function send(n) {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await fetch(`${base}/api/partner/reports/missing`, {
        method: 'POST', body: JSON.stringify(report(n)), signal: AbortSignal.timeout(60e3),
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': `size-${n}` },
      });
      if (answer.status === 201 || answer.status === 200) return;
      if (answer.status < 500 && answer.status !== 429 && answer.status !== 409) {
        throw new Error(`report ${n}: ${answer.status} ${await answer.text()}`);
      }
    } catch (error) {
      if (String(error.message).startsWith('report ')) throw error;
    }
    await sleep(Math.min(200 * attempt, 2000));
  }
}

const openTasks = element => Number(psql(`select count(*) from mcc.user_task where state = 'OPEN' and element_id = '${element}'`));

// 1. N open cases, each at its first task.
const started = Date.now();
let next = 0;
await Promise.all(Array.from({ length: clients }, async () => {
  while (next < open) await send(next++);
}));
const reportSeconds = (Date.now() - started) / 1000;
while (openTasks('Task_AcceptCase') < open) await sleep(1000);
const intakeSeconds = (Date.now() - started) / 1000;
const atSize = memory();

// 2. Back in service: a new report gets its first task (from the start command on).
async function backInService(how) {
  const t0 = Date.now();
  if (how === 'kill') pilot('kill'); else pilot('stop');
  const stopped = Date.now();
  pilot('start');
  const up = (Date.now() - stopped) / 1000;
  const n = open + (how === 'kill' ? 1 : 2);
  await send(n);
  while (Number(psql(`select count(*) from mcc.user_task t join mcc.child_case c on c.id = t.case_id
      where c.child_first_name = 'Size${n}' and t.element_id = 'Task_AcceptCase'`)) < 1) await sleep(200);
  return { up, service: (Date.now() - stopped) / 1000, stop: (stopped - t0) / 1000 };
}
const clean = await backInService('stop');
const crash = await backInService('kill');
const after = memory();
const cases = Number(psql(`select count(*) from mcc.child_case`));
const tasks = openTasks('Task_AcceptCase');

console.log(`size benchmark: ${open} open cases reported by ${clients} clients in ${reportSeconds.toFixed(0)} s `
  + `(${(open / reportSeconds).toFixed(1)} cases/s), all at their first task after ${intakeSeconds.toFixed(0)} s`);
console.log(`size benchmark: resident memory at ${open} open cases ${atSize.rss.toFixed(0)} MiB (peak ${atSize.peak.toFixed(0)} MiB); `
  + `after the restarts ${after.rss.toFixed(0)} MiB`);
console.log(`size benchmark: clean restart: stopped in ${clean.stop.toFixed(1)} s, health up ${clean.up.toFixed(1)} s, `
  + `back in service (a new report's first task) ${clean.service.toFixed(1)} s`);
console.log(`size benchmark: restart after SIGKILL: health up ${crash.up.toFixed(1)} s, back in service ${crash.service.toFixed(1)} s`);
console.log(`size benchmark: ${cases} cases, ${tasks} open first tasks after both restarts (expected ${open + 2})`);
