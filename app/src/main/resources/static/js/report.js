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

  const kind = form.dataset.endpoint.endsWith('/found') ? 'found' : 'missing';
  const saveForLater = report => () => {
    window.outbox.save(form.dataset.endpoint, report, idempotencyKey, kind);
    if (document.getElementById('photo')?.files[0]) {
      window.showProblem(problem, t('report.photoNotKept'));
    }
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const report = payload();
    if (!navigator.onLine) {
      saveForLater(report)();
      return;
    }
    const body = await window.sendJson('POST', form.dataset.endpoint, report, problem, form, idempotencyKey,
      { offline: saveForLater(report) });
    if (!body) return;
    const photo = document.getElementById('photo')?.files[0];
    const saved = !photo || await window.caseUpload(body.id, 'PHOTO', photo, problem,
      t('report.photoNotSaved', body.caseNumber) + ' ');
    if (saved) location.href = '/cases/' + body.id + '?done=reported';
    else {
      const again = document.createElement('a');
      again.href = '/cases/' + body.id;
      again.textContent = t('report.addPhotoAgain');
      problem.append(' ', again);
    }
  });
})();
