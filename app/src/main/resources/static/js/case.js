// The case page's actions, as clients of the API: upload a photo or document, correct the record.
// Problems (with field errors) are shown at the top of the page; success reloads the page.
(function () {
  const problem = document.getElementById('problem');

  const upload = document.getElementById('upload');
  upload?.addEventListener('submit', async event => {
    event.preventDefault();
    problem.hidden = true;
    const file = upload.elements.file.files[0];
    if (!file) {
      problem.textContent = 'Choose a file to upload.';
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
