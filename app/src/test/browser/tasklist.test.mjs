// The demo caseworker signs in, opens a task, the Camunda Form renders in form-js, submit works, and
// the next task appears. Run by TasklistBrowserTest against the app it starts (BASE_URL, CASE_NUMBER).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const base = process.env.BASE_URL;
const caseId = process.env.CASE_ID;
const alertCaseId = process.env.ALERT_CASE_ID;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

// axe-core, evaluated in the page by the DevTools protocol (as a user's extension would be): the page's
// Content-Security-Policy stays as it is.
const axeSource = readFileSync(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const shots = (process.env.SCREENSHOT || 'target/tasklist-form.png').replace(/[^/]*$/, '');

/** No serious or critical accessibility violation, no sideways scrolling, and a screenshot kept. */
async function checkPage(page, width, name) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${name} at ${width} px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${name} fits ${width} px (overflow ${overflow}px)`);
  await page.screenshot({ path: `${shots}day-${width}-${name}.png`, fullPage: true });
}


/** Runs `steps` in a fresh Chromium page of the given size, signed in as `username` (via the login redirect). */
async function signedIn(username, width, height, steps, options = {}) {
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height }, ...options });
    // a busy two-core machine: generous limits on every wait (never a fixed sleep)
    page.setDefaultTimeout(60000);
    page.setDefaultNavigationTimeout(90000);
    // the pages work under their Content-Security-Policy: nothing they need is refused
    const refused = [];
    page.on('console', message => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${base}/tasks`);
    assert.match(page.url(), /\/login/);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'demo1234');
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForURL(/\/tasks/);
    await steps(page);
    assert.deepEqual(refused, [], 'refused by the Content-Security-Policy');
  } finally {
    await browser.close();
  }
}

test('caseworker completes a task through its form and gets the next one', async () => {
  assert.ok(base && caseId, 'BASE_URL and CASE_ID must be set');
  await signedIn('cw.nairobi', 1200, 900, async page => {
    await page.click('#tab-unassigned');
    const acceptLink = page.locator(`#task-list tr:has(a[href="/cases/${caseId}"]) a.task-link`, { hasText: 'Accept case' });
    await acceptLink.first().click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await page.click('#claim');
    await page.waitForSelector('#unclaim');

    // The form-js viewer renders the schema: its checkbox and its submit button.
    const confirm = page.getByLabel('I accept responsibility for this case');
    await confirm.waitFor();
    await page.screenshot({ path: process.env.SCREENSHOT || 'target/tasklist-form.png' });

    // form-js validation: submitting without the required checkbox shows its message and stays.
    await page.click('#complete');
    await page.getByText('Field is required.').waitFor();
    assert.match(page.url(), /\/tasks\/\d+$/);

    await confirm.check();
    await page.fill('textarea', 'Taking this case now.');
    await page.click('#complete');
    await page.waitForURL(/\/tasks\?done=\d+/);

    // The next step is the caseworker's own risk assessment: the list shows it as soon as the engine
    // has created it (the page after completing is "My tasks", and refreshes itself when its tasks change).
    const next = page.locator(`#task-list tr:has(a[href="/cases/${caseId}"]) a.task-link`, { hasText: 'Assess risk' });
    await next.first().waitFor({ timeout: 60000 });
    await next.first().click();
    await page.getByLabel('Suspected abduction by someone outside the family').waitFor();
  });
});

test('the task list of a phone shows a new case\'s task when it arrives: the server tells the page', async () => {
  await signedIn('cw.nairobi', 360, 740, async page => {
    await page.goto(`${base}/tasks?view=UNASSIGNED`);
    // the page is connected to the server's task news (server-sent events), not polling
    await page.waitForFunction(() => document.getElementById('task-list-box')?.dataset.live === 'push');
    const report = {
      countyCode: '047', subCounty: 'Kibra', childFirstName: 'Pushed', childLastName: 'Synthetic', childSex: 'MALE',
      childAge: 8, lastSeenAt: new Date(Date.now() - 3600000).toISOString(), lastSeenPlace: 'Kibra stage',
      clothingAndMarks: 'blue shorts', disabilityOrMedicalNeed: false, suspectedAbduction: false,
      circumstances: 'did not come home', reporterName: 'Synthetic Parent', reporterPhone: '+254700000001',
      reporterRelationship: 'PARENT', consentPublicity: false, consentTracing: true,
    };
    // reported from another device (the API, as the county's other caseworker would)
    const answer = await fetch(`${base}/api/cases`, {
      method: 'POST', body: JSON.stringify(report),
      headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + Buffer.from('cw2.nairobi:demo1234').toString('base64') },
    });
    assert.equal(answer.status, 201);
    const id = (await answer.json()).id;
    await page.locator(`#task-list tr:has(a[href="/cases/${id}"]) a.task-link`, { hasText: 'Accept case' }).first().waitFor();
  });
});

test('caseworker reports a missing child on the report page and sees the new case', async () => {
  await signedIn('cw.nairobi', 390, 844, async page => {
    await page.goto(`${base}/cases/new`);

    // Missing required fields: the API's field errors are shown next to the fields.
    await page.click('#submit-report');
    await page.locator('.field-error').first().waitFor();
    assert.match(page.url(), /\/cases\/new$/);

    await page.fill('input[name=childFirstName]', 'Pendo');
    await page.selectOption('select[name=childSex]', 'FEMALE');
    await page.fill('input[name=childAge]', '10');
    await page.fill('input[name=lastSeenAt]', '2026-11-20T07:30');
    await page.fill('input[name=lastSeenPlace]', 'Githurai bus stop');
    await page.fill('input[name=reporterName]', 'Synthetic Mother');
    await page.fill('input[name=reporterPhone]', '+254700000003');
    await page.selectOption('select[name=reporterRelationship]', 'PARENT');
    await page.check('input[name=consentTracing]');
    await page.click('#submit-report');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\?done=reported$/);
    await page.getByText('Githurai bus stop').waitFor();
    await page.getByText('Missing child reported').first().waitFor();
    await page.screenshot({ path: (process.env.SCREENSHOT || 'target/tasklist-form.png').replace('.png', '-case.png'), fullPage: true });
  });
});

test('caseworker registers a found child whose name is unknown', async () => {
  await signedIn('cw.nairobi', 1100, 900, async page => {
    await page.click('text=Register a found child');
    await page.waitForURL(/\/cases\/found\/new$/);
    await page.selectOption('select[name=childSex]', 'MALE');
    await page.fill('input[name=apparentAge]', '6');
    await page.fill('input[name=languages]', 'Somali');
    await page.fill('input[name=foundAt]', '2026-11-22T18:00');
    await page.fill('input[name=foundPlace]', 'Eastleigh, First Avenue');
    await page.fill('input[name=foundByName]', 'Synthetic Trader');
    await page.fill('input[name=foundByPhone]', '+254700000005');
    await page.selectOption('select[name=foundByRole]', 'COMMUNITY');
    // A 1x1 PNG: the photo goes up with the registration and comes back through the case's gate.
    await page.setInputFiles('#photo', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') });
    await page.click('#submit-report');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\?done=reported$/);
    await page.getByText('found child', { exact: true }).waitFor();
    await page.getByText('name unknown').waitFor();
    await page.getByText('Eastleigh, First Avenue').first().waitFor();
    await page.locator('#child-photo').waitFor();
    assert.ok(await page.locator('#child-photo').evaluate(img => img.complete && img.naturalWidth === 1), 'the photo is served and shown');

    // The child says his name: the record is corrected on the case page, with a reason.
    await page.click('#correct-record summary');
    await page.fill('#correction input[name=childFirstName]', 'Abdi');
    await page.click('#submit-correction');
    await page.locator('.field-error').first().waitFor();
    await page.fill('#correction input[name=reason]', 'the child told the officer his name');
    await page.click('#submit-correction');
    await page.getByText('Abdi', { exact: true }).waitFor();
    await page.locator('#timeline tr', { hasText: 'Record corrected' }).getByText('name', { exact: true }).waitFor();
  });
});

test('supervisor sees open steps on the process diagram and clicks through to the cases', async () => {
  await signedIn('sup.nairobi', 1100, 900, async page => {
    await page.click('text=Process view');
    await page.waitForURL(/\/dashboard\/process/);
    // bpmn-js drew the deployed model, and the reports of the earlier tests wait at "Accept case".
    await page.locator('.djs-element[data-element-id="Task_AssessRisk"]').waitFor();
    const badge = page.locator('.heat[data-element="Task_AcceptCase"]');
    await badge.waitFor();
    const open = Number(await badge.locator('.open').textContent());
    assert.ok(open >= 1, 'at least one case waits for acceptance');
    // Clicking the step on the diagram lists the cases behind its count.
    await page.locator('.djs-element[data-element-id="Task_AcceptCase"]').click();
    await page.locator('#step-cases tbody tr').first().waitFor();
    assert.equal(await page.locator('#step-cases tbody tr').count(), open, 'the list matches the count');

    // The same counts in the table of steps, reached with the keyboard; one sub-process at a time, zoom.
    const row = page.locator('#steps-table button.step-link[data-element="Task_AcceptCase"]');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.locator('#step-title', { hasText: `Accept case: ${open} open` }).waitFor();
    await page.selectOption('#diagram-part', 'SubProcess_Missing');
    const zoomed = await page.evaluate(() => document.querySelector('.heat[data-element="Task_AcceptCase"]').getBoundingClientRect().height);
    assert.ok(zoomed >= 14, `the step's badge is readable (${zoomed}px high)`);
    await page.click('#zoom-in');
    await page.click('#zoom-fit');
    await checkPage(page, 1100, 'process-view');

    // On a phone-sized screen the dashboard and the outcomes stay usable: no sideways scrolling of the
    // page (wide tables scroll in their own box), and Chart.js has drawn the charts.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, chart] of [['/dashboard', '#breaches'], ['/reports', '#chart']]) {
      await page.goto(base + path);
      await page.locator(chart).waitFor();
      await page.waitForFunction(selector => window.Chart && window.Chart.getChart(document.querySelector(selector)), chart);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} fits a phone screen (overflow ${overflow}px)`);
    }
    await page.goto(base + '/reports');
    await page.locator('#totals a[data-measure="REPORTED"]').click();
    await page.waitForURL(/\/reports\/cases/);
    await page.locator('#count').waitFor();
    await page.screenshot({ path: (process.env.SCREENSHOT || 'target/tasklist-form.png').replace('.png', '-process-view.png'), fullPage: true });
  });
});

test('admin sees an incident on the engine problems page of a phone and retries it', async () => {
  await signedIn('admin', 360, 740, async page => {
    await page.goto(base + '/admin/problems');
    const row = page.locator('#incidents tbody tr', { hasText: process.env.INCIDENT_CASE });
    await row.waitFor();
    assert.match(await row.textContent(), /JOB_NO_RETRIES/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page fits a 360 px screen (overflow ${overflow}px)`);
    await page.screenshot({ path: (process.env.SCREENSHOT || 'target/tasklist-form.png').replace('.png', '-problems.png'), fullPage: true });
    await row.locator('button.retry-incident').click();
    await row.locator('button.retry-incident', { hasText: 'Retry sent' }).waitFor();
    assert.ok(await page.locator('#problem').isHidden(), 'no problem shown');
  });
});

test('admin creates a user on the users page of a phone, and the audit page answers who saw a record', async () => {
  await signedIn('admin', 360, 740, async page => {
    await page.goto(base + '/admin/users');
    await page.locator('#users tr[data-user="cw.nairobi"]').waitFor();
    const form = page.locator('#new-user');
    await form.locator('[name=username]').fill('browser.made');
    await form.locator('[name=fullName]').fill('Synthetic Officer');
    await form.locator('[name=role]').selectOption('CASEWORKER');
    await form.locator('[name=countyCode]').fill('047');
    await form.locator('[name=password]').fill('a browser made passphrase');
    await form.locator('button[type=submit]').click();
    await page.locator('#users tr[data-user="browser.made"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the users page fits a 360 px screen (overflow ${overflow}px)`);

    await page.goto(base + '/admin/audit?case=' + caseId);
    await page.locator('#audit tbody tr').first().waitFor();
    assert.match(await page.locator('#audit').textContent(), /cw\.nairobi/);
  });
});

test('a task page is light on data: compressed, and cached once loaded', async () => {
  await signedIn('cw.nairobi', 360, 740, async page => {
    const tasks = await page.evaluate(() => fetch('/api/tasks?view=UNASSIGNED', { headers: { Accept: 'application/json' } })
      .then(r => r.json()));
    const task = tasks.find(t => t.formId) || tasks[0];
    assert.ok(task, 'an open task with a form');
    let bytes = 0;
    const count = async response => {
      const sizes = await response.request().sizes().catch(() => null);
      if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    };
    page.on('response', count);
    // first load: nothing of the task page's assets in the cache yet (the sign-in page loaded only its own)
    await page.goto(`${base}/tasks/${task.id}`);
    await page.locator('.fjs-container, #no-form').first().waitFor();
    await page.waitForLoadState('networkidle');
    const first = bytes;
    bytes = 0;
    await page.goto(`${base}/tasks/${task.id}`);
    await page.locator('.fjs-container, #no-form').first().waitFor();
    await page.waitForLoadState('networkidle');
    const warm = bytes;
    page.off('response', count);
    console.log(`page weight: task page ${(first / 1024).toFixed(0)} kB on first load, ${(warm / 1024).toFixed(1)} kB warm`);
    assert.ok(first <= 350 * 1024, `first load ${first} bytes, at most 350 kB`);
    assert.ok(warm <= 30 * 1024, `warm load ${warm} bytes, at most 30 kB`);
  }, { serviceWorkers: 'block' }); // what a phone without the app installed downloads
});

test('caseworker records a sighting and then that the child is back, from the case page of a phone', async () => {
  await signedIn('cw.nairobi', 360, 740, async page => {
    await page.goto(`${base}/cases/${caseId}`);
    await page.click('#sighting-event summary');
    await page.fill('#sighting [name=place]', 'Gikomba market, near the bus stage');
    await page.fill('#sighting [name=description]', 'a girl in a green uniform with an older woman');
    await page.click('#submit-sighting');
    await page.locator('#confirmation', { hasText: 'sighting is recorded' }).waitFor();
    assert.match(await page.locator('#timeline').textContent(), /Gikomba market/);
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the case page fits a 360 px screen (overflow ${overflow}px)`);

    await page.click('#located-event summary');
    await page.fill('#located [name=place]', 'home, Kibra');
    await page.selectOption('#located [name=how]', 'RETURNED_HOME');
    await page.click('#submit-located');
    await page.locator('#confirmation', { hasText: 'the child is located' }).waitFor();
    assert.match(await page.locator('h1').textContent(), /located/);
    assert.equal(await page.locator('#events').count(), 0, 'no more search events once located');
    await page.screenshot({ path: (process.env.SCREENSHOT || 'target/tasklist-form.png').replace('.png', '-events.png'), fullPage: true });
  });
});

test('caseworker finds a case by a misspelt name on a phone', async () => {
  await signedIn('cw.nairobi', 360, 740, async page => {
    await page.goto(`${base}/cases`);
    await page.fill('#find [name=q]', 'Barakka');
    await page.click('#find button[type=submit]');
    await page.waitForURL(/\/cases\?q=Barakka/);
    const card = page.locator('#cases tbody tr', { hasText: 'Baraka' }).first();
    await card.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the case list fits a 360 px screen (overflow ${overflow}px)`);
    await page.screenshot({ path: (process.env.SCREENSHOT || 'target/tasklist-form.png').replace('.png', '-find.png'), fullPage: true });
    for (const path of ['/tasks', '/tasks?view=UNASSIGNED']) {
      await page.goto(base + path);
      await page.locator('#task-list, .empty').first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 1, `${path} fits a 360 px screen (overflow ${wide}px)`);
    }
  });
});

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`the caseworker's day at ${width} x ${height}: report offline, accept, start the search, assess, sighting, located, find`, async () => {
    const child = width < 600 ? 'Nyaboke' : 'Chepkoech';
    await signedIn('cw.nairobi', width, height, async page => {
      await checkPage(page, width, 'tasks');

      // Report with no connection: kept on the phone, sent when the connection returns.
      await page.goto(`${base}/cases/new`);
      await checkPage(page, width, 'report');
      await page.fill('input[name=childFirstName]', child);
      await page.fill('input[name=childLastName]', 'Synthetic');
      await page.selectOption('select[name=childSex]', 'FEMALE');
      await page.fill('input[name=childAge]', '13');
      await page.fill('input[name=lastSeenAt]', '2026-11-30T16:30');
      await page.fill('input[name=lastSeenPlace]', `Kawangware stage ${width}`);
      await page.fill('input[name=reporterName]', 'Synthetic Aunt');
      await page.fill('input[name=reporterPhone]', '+254700000011');
      await page.selectOption('select[name=reporterRelationship]', 'RELATIVE');
      await page.check('input[name=consentTracing]');
      await page.context().setOffline(true);
      await page.click('#submit-report');
      await page.locator('#outbox-status', { hasText: 'saved on this device' }).waitFor();
      assert.equal(await page.evaluate(() => window.outbox.pending()), 1);
      await checkPage(page, width, 'report-offline');
      await page.context().setOffline(false);
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}\?done=sent$/, { timeout: 60000 });
      await page.locator('#confirmation', { hasText: 'sent and registered' }).waitFor();
      assert.equal(await page.evaluate(() => window.outbox.pending()), 0);
      const id = page.url().match(/cases\/([0-9a-f-]{36})/)[1];
      await checkPage(page, width, 'case-reported');

      // Installed as a web app: the report page itself opens with no connection (from the service worker).
      await page.evaluate(async () => { await navigator.serviceWorker.ready; });
      await page.context().setOffline(true);
      const shell = await page.goto(`${base}/cases/new`);
      assert.ok(shell.fromServiceWorker(), 'the report page came from the service worker');
      await page.locator('#report input[name=childFirstName]').waitFor();
      await page.context().setOffline(false);

      // Accept the case.
      await page.goto(`${base}/tasks?view=UNASSIGNED`);
      const accept = page.locator(`#task-list tr:has(a[href="/cases/${id}"]) a.task-link`, { hasText: 'Accept case' });
      // the list refreshes itself when the engine has created the task
      await accept.first().waitFor({ timeout: 60000 });
      await accept.first().click();
      await page.click('#claim');
      await page.locator('#unclaim, #problem:not([hidden])').first().waitFor();
      assert.equal(await page.locator('#problem:not([hidden])').count(), 0, await page.locator('#problem').textContent());
      await page.getByLabel('I accept responsibility for this case').check();
      await checkPage(page, width, 'accept');
      await page.click('#complete');
      await page.waitForURL(/\/tasks\?done=\d+/);
      await page.locator('#confirmation').waitFor();

      // The search starts at once, alongside the risk assessment.
      const start = page.locator(`#task-list tr:has(a[href="/cases/${id}"]) a.task-link`, { hasText: 'Start the search' });
      await start.first().waitFor({ timeout: 60000 });
      await start.first().click();
      await page.getByText('Police informed, Occurrence Book number recorded').waitFor();
      await page.getByLabel('Police informed, Occurrence Book number recorded').check();
      await page.getByLabel('What was done and what was found').fill('OB 22/30/11/2026 Kawangware; searched the stage with her uncle');
      await page.getByLabel('Next steps').fill('hospitals and the matatu terminus');
      await checkPage(page, width, 'start-search');
      await page.click('#complete');
      await page.waitForURL(/\/tasks\?done=\d+/);

      const assess = page.locator(`#task-list tr:has(a[href="/cases/${id}"]) a.task-link`, { hasText: 'Assess risk' });
      await assess.first().waitFor({ timeout: 60000 });
      await assess.first().click();
      const label = page.getByText('Suspected abduction by someone outside the family');
      await label.waitFor();
      // form-js labels wrap on a phone: the whole text is readable, none is cut off
      const cut = await page.evaluate(() => [...document.querySelectorAll('.fjs-form-field-label')]
        .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent));
      assert.deepEqual(cut, [], 'risk assessment labels cut off');
      const box = await page.getByLabel('Believed to be with an unknown adult').boundingBox();
      assert.ok(box.width >= 20 && box.height >= 20, `checkbox ${box.width}x${box.height} px`);
      await page.getByLabel('Believed to be with an unknown adult').check();
      await page.getByLabel('Assessment notes').fill('the aunt says she left with a man she met online');
      await checkPage(page, width, 'assess-risk');
      await page.click('#complete');
      await page.waitForURL(/\/tasks\?done=\d+/);

      // A sighting, then the child is found: both from the case page.
      await page.goto(`${base}/cases/${id}`);
      await page.click('#sighting-event summary');
      await page.fill('#sighting [name=place]', 'Kangemi market');
      await page.fill('#sighting [name=description]', 'a girl in a red jacket with a young man');
      await checkPage(page, width, 'sighting');
      await page.click('#submit-sighting');
      await page.locator('#confirmation', { hasText: 'sighting is recorded' }).waitFor();
      await page.click('#located-event summary');
      await page.fill('#located [name=place]', 'Kangemi police post');
      await page.selectOption('#located [name=how]', 'FOUND');
      await page.click('#submit-located');
      await page.locator('#confirmation', { hasText: 'the child is located' }).waitFor();
      await checkPage(page, width, 'located');

      // Find the case again by a misspelt name.
      await page.goto(`${base}/cases`);
      await page.fill('#find [name=q]', child.slice(0, -1) + child.slice(-1) + child.slice(-1));
      await page.click('#find button[type=submit]');
      await page.locator(`#cases a[href="/cases/${id}"]`).first().waitFor();
      await checkPage(page, width, 'find');
    });
  });
}

test('a county officer whose phone speaks Kiswahili works in Kiswahili, and the language chosen stays with her', async () => {
  const width = 360;
  await signedIn('cw.mombasa', width, 740, async page => {
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.match(await page.locator('#menu summary').textContent(), /Menyu/);
    await checkPage(page, `${width}-sw`, 'tasks');

    // Report a missing child: the page, its confirmation and the new case in Kiswahili.
    await page.goto(`${base}/cases/new`);
    assert.equal(await page.locator('#submit-report').textContent(), 'Ripoti');
    await checkPage(page, `${width}-sw`, 'report');
    await page.fill('input[name=childFirstName]', 'Mwanaisha');
    await page.fill('input[name=childLastName]', 'Synthetic');
    await page.selectOption('select[name=childSex]', 'FEMALE');
    await page.fill('input[name=childAge]', '10');
    await page.fill('input[name=lastSeenAt]', '2026-11-30T17:00');
    await page.fill('input[name=lastSeenPlace]', 'Soko la Kongowea');
    await page.fill('input[name=reporterName]', 'Synthetic Mama');
    await page.fill('input[name=reporterPhone]', '+254700000021');
    await page.selectOption('select[name=reporterRelationship]', 'PARENT');
    await page.check('input[name=consentTracing]');
    await page.click('#submit-report');
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\?done=/, { timeout: 60000 });
    await page.locator('#confirmation', { hasText: 'Imesajiliwa' }).waitFor();
    const id = page.url().match(/cases\/([0-9a-f-]{36})/)[1];
    assert.match(await page.locator('main').textContent(), /kike, 10/);
    await checkPage(page, `${width}-sw`, 'case-reported');

    // Accept the case through its form, in Kiswahili: form-js's own messages too.
    await page.goto(`${base}/tasks?view=UNASSIGNED`);
    const accept = page.locator(`#task-list tr:has(a[href="/cases/${id}"]) a.task-link`);
    await accept.first().waitFor({ timeout: 60000 });
    await accept.first().click();
    await page.click('#claim');
    await page.locator('#unclaim').waitFor();
    const confirm = page.getByLabel('Ninakubali kuwajibika kwa kesi hii');
    await confirm.waitFor();
    await page.click('#complete');
    await page.getByText('Sehemu hii ni ya lazima.').first().waitFor();
    await checkPage(page, `${width}-sw`, 'accept');
    await confirm.check();
    await page.click('#complete');
    await page.waitForURL(/\/tasks\?done=\d+/);
    await page.locator('#confirmation', { hasText: 'Imekamilika' }).waitFor();

    // She switches to English: the same page, in English, and it stays so.
    await page.click('#language');
    // the page comes back in English (a locator waits through the form's post and redirect)
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    assert.match(page.url(), /\/tasks\?done=\d+/);
    assert.match(await page.locator('#menu summary').textContent(), /Menu/);
  }, { locale: 'sw-KE' });

  // Another phone, also set to Kiswahili: her choice (English) is remembered with her account.
  await signedIn('cw.mombasa', width, 740, async page => {
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#language').textContent(), 'Kiswahili');
  }, { locale: 'sw-KE' });
});

test('a caseworker chooses how she is told, on a phone in Kiswahili; the admin sees the messages page', async () => {
  const width = 360;
  await signedIn('cw2.nairobi', width, 740, async page => {
    await page.click('#menu summary');
    await page.click('#menu a[href="/notifications"]');
    await page.waitForURL(/\/notifications$/);
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.match(await page.locator('h1').textContent(), /Arifa zangu/);
    // this installation sends no e-mail or SMS: said so, and those choices cannot be ticked
    assert.match(await page.locator('#no-channels').textContent(), /hautumi barua pepe/);
    assert.ok(await page.locator('input[name=byEmail]').isDisabled());
    await page.fill('input[name=email]', 'si anwani');
    await page.click('#save-choices');
    await page.locator('label:has(input[name=email]) .field-error').waitFor();
    await checkPage(page, `${width}-sw`, 'notifications-error');
    await page.fill('input[name=email]', 'cw2@county047.example');
    await page.fill('input[name=phone]', '0712 000 333');
    await page.check('input[name=newTasks]');
    await page.check('input[name=dailyDigest]');
    await page.click('#save-choices');
    await page.locator('#saved', { hasText: 'Imehifadhiwa' }).waitFor();
    await page.reload();
    assert.equal(await page.inputValue('input[name=email]'), 'cw2@county047.example');
    assert.ok(await page.isChecked('input[name=dailyDigest]'));
    await checkPage(page, `${width}-sw`, 'notifications');
  }, { locale: 'sw-KE' });
  await signedIn('admin', width, 740, async page => {
    await page.goto(`${base}/admin/messages`);
    assert.match(await page.locator('h1').textContent(), /E-mail and SMS/);
    await page.locator('#state-FAILED').waitFor();
    await checkPage(page, width, 'messages');
  });
});

test('the administrator gives the 116 helpline a key on a phone in Kiswahili; the helpline reports with it until it is revoked', async () => {
  const width = 360;
  const partnerId = `helpline-${Date.now().toString(36)}`;
  const report = {
    countyCode: '047', childFirstName: 'Simu', childLastName: 'Synthetic', childSex: 'MALE', childAge: 7,
    lastSeenAt: new Date(Date.now() - 3600000).toISOString(), lastSeenPlace: 'Kibra', reporterName: 'Synthetic caller',
    reporterPhone: '+254700000116', reporterRelationship: 'HELPLINE_116', consentPublicity: false, consentTracing: true,
  };
  const partnerReport = (key, idempotencyKey) => fetch(`${base}/api/partner/reports/missing`, {
    method: 'POST', body: JSON.stringify(report),
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
  });
  let key;
  await signedIn('admin', width, 740, async page => {
    await page.goto(`${base}/admin/partners`);
    assert.equal(await page.getAttribute('html', 'lang'), 'sw');
    assert.match(await page.locator('h1').textContent(), /Mifumo ya washirika/);
    const form = page.locator('#new-partner');
    await form.locator('[name=id]').fill(partnerId);
    await form.locator('[name=name]').fill('Synthetic 116 helpline');
    await form.locator('[name=kind]').selectOption('HELPLINE');
    await form.locator('button[type=submit]').click();
    // the key, once, at the top of the page
    await page.locator('#issued').waitFor();
    key = (await page.locator('#key').textContent()).trim();
    assert.match(key, new RegExp(`^mcc_${partnerId}\\.`));
    await checkPage(page, `${width}-sw`, 'partner-key');
    await page.click('#key-done');
    const row = page.locator(`#partners tr[data-id="${partnerId}"]`);
    await row.waitFor();
    assert.ok(await page.locator('#issued').isHidden(), 'the key is not shown again');
    assert.match(await row.textContent(), /Nchi nzima/);

    // the helpline's system reports with it: once, however often it retries
    const first = await partnerReport(key, 'call-1');
    assert.equal(first.status, 201);
    const receipt = await first.json();
    const again = await (await partnerReport(key, 'call-1')).json();
    assert.equal(again.caseNumber, receipt.caseNumber);
    await page.reload();
    assert.doesNotMatch(await row.textContent(), /bado/, 'last used is shown');
    await checkPage(page, `${width}-sw`, 'partners');

    // revoked: the key opens nothing any more
    page.once('dialog', dialog => dialog.accept());
    await row.locator('button.revoke').click();
    await page.locator(`#partners tr.revoked[data-id="${partnerId}"]`).waitFor();
    assert.equal((await partnerReport(key, 'call-2')).status, 401);

    // the e-mail and SMS page, also in Kiswahili at 360 px
    await page.goto(`${base}/admin/messages`);
    assert.match(await page.locator('h1').textContent(), /Barua pepe na SMS/);
    await checkPage(page, `${width}-sw`, 'messages');
  }, { locale: 'sw-KE' });
});

test('a supervisor approves a public alert on a phone; its poster is printed and its text shared', async () => {
  const width = 360;
  await signedIn('sup.nairobi', width, 740, async page => {
    await page.goto(`${base}/tasks?view=UNASSIGNED`);
    const approve = page.locator(`#task-list tr:has(a[href="/cases/${alertCaseId}"]) a.task-link`, { hasText: 'Approve public alert' });
    await approve.first().waitFor({ timeout: 60000 });
    await approve.first().click();
    await page.click('#claim');
    await page.locator('#unclaim').waitFor();
    await page.getByLabel('Approve publication of the alert').check();
    await page.getByLabel('Reason for the decision').fill('high risk, the mother consents');
    await page.click('#complete');
    await page.waitForURL(/\/tasks\?done=\d+/);

    // The alert is published by the engine's worker a moment later: the county's alerts page lists it.
    const link = page.locator(`#alerts a[href="/alerts/${alertCaseId}"]`);
    for (let tries = 0; tries < 60 && await link.count() === 0; tries++) {
      await page.goto(`${base}/alerts`);
      if (await link.count() === 0) await page.waitForTimeout(1000);
    }
    await link.waitFor();
    await checkPage(page, width, 'alerts');
    await link.click();
    await page.locator('#poster').waitFor();
    const photo = page.locator('#poster img.poster-photo');
    await photo.waitFor();
    assert.ok(await photo.evaluate(img => img.complete && img.naturalWidth > 0), 'the photo is shown');
    assert.match(await page.locator('#share-en').inputValue(), /^MISSING CHILD: Wangui Synthetic, 12 years, female\./);
    assert.match(await page.locator('#share-sw').inputValue(), /^MTOTO AMEPOTEA: Wangui Synthetic, miaka 12, kike\./);
    await checkPage(page, width, 'alert');

    // Printed: the poster alone, without the app's header or the share box.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.bar').isVisible(), false);
    assert.equal(await page.locator('#share').isVisible(), false);
    assert.equal(await page.locator('#poster').isVisible(), true);
    await page.screenshot({ path: `${shots}day-${width}-alert-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#poster-pdf')]);
    assert.match(download.suggestedFilename(), /^alert-MC-047-\d{4}-\d{6}\.pdf$/);
  });
});
