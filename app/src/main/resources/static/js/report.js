// The report pages are clients of the API (the form's data-endpoint: POST /api/cases or
// /api/cases/found): the API validates, and its field errors are shown next to the fields.
(function () {
  const form = document.getElementById('report');
  const problem = document.getElementById('problem');

  function payload() {
    const report = {};
    for (const element of form.elements) {
      if (!element.name) continue;
      if (element.type === 'checkbox') report[element.name] = element.checked;
      else if (element.value === '') continue;
      else if (element.type === 'number') report[element.name] = Number(element.value);
      // datetime-local has no zone: it is the user's local time, sent with its offset.
      else if (element.type === 'datetime-local') report[element.name] = new Date(element.value).toISOString();
      else report[element.name] = element.value;
    }
    return report;
  }

  // One key for every attempt to send this report: a repeat after a lost answer returns the same case.
  const idempotencyKey = window.newIdempotencyKey();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = await window.sendJson('POST', form.dataset.endpoint, payload(), problem, form, idempotencyKey);
    if (!body) return;
    const photo = document.getElementById('photo')?.files[0];
    const saved = !photo || await window.caseUpload(body.id, 'PHOTO', photo, problem,
      'The case ' + body.caseNumber + ' is registered, but its photo was not saved: ');
    if (saved) location.href = '/cases/' + body.id;
    else problem.insertAdjacentHTML('beforeend', ' <a href="/cases/' + body.id + '">Open the case to add it again.</a>');
  });
})();
