// The case page's actions, as clients of the API: record a sighting or that the child is located,
// upload a photo or document, correct the record.
// Problems (with field errors) are shown at the top of the page; success reloads the page.
(function () {
  const problem = document.getElementById('problem');

  const upload = document.getElementById('upload');
  upload?.addEventListener('submit', async event => {
    event.preventDefault();
    problem.hidden = true;
    const file = upload.elements.file.files[0];
    if (!file) {
      problem.textContent = t('case.chooseFile');
      problem.hidden = false;
      return;
    }
    if (await window.caseUpload(upload.dataset.case, upload.elements.kind.value, file, problem)) location.reload();
  });

  const concern = document.getElementById('concern');
  concern?.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { notes: concern.elements.notes.value || null };
    for (const name of ['act', 'means', 'purpose', 'crossBorder']) body[name] = concern.elements[name].checked;
    if (await window.sendJson('POST', concern.dataset.endpoint, body, problem, concern)) location.reload();
  });

  // The everyday events: a sighting, the child located, the report withdrawn. One idempotency key per submission, kept until
  // it is answered, so that sending it again after a lost answer records it once.
  const local = input => {
    const now = new Date();
    input.value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  };
  for (const [id, when, done] of [['sighting', 'seenAt', 'sighting'], ['located', 'locatedAt', 'located'], ['withdrawn', null, 'withdrawn']]) {
    const form = document.getElementById(id);
    if (!form) continue;
    if (when) local(form.elements[when]);
    let key = null;
    form.addEventListener('submit', async event => {
      event.preventDefault();
      key = key || window.newIdempotencyKey();
      const body = {};
      for (const element of form.elements) {
        if (!element.name) continue;
        body[element.name] = element.type === 'datetime-local' ? new Date(element.value).toISOString()
          : (element.value.trim() === '' ? null : element.value);
      }
      if (await window.sendJson('POST', form.dataset.endpoint, body, problem, form, key)) {
        key = null;
        location.search = '?done=' + done;
      }
    });
  }
  document.getElementById('confirmation')?.focus();

  const correction = document.getElementById('correction');
  correction?.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const element of correction.elements) {
      if (!element.name) continue;
      if (element.type === 'checkbox') body[element.name] = element.checked;
      else if (element.value.trim() === '') body[element.name] = null;
      else if (element.type === 'number' || element.name === 'version') body[element.name] = Number(element.value);
      else body[element.name] = element.value;
    }
    if (await window.sendJson('PUT', correction.dataset.endpoint, body, problem, correction)) location.reload();
  });
})();
