// What the pages share when they call the API: the CSRF header of the session, and uploading a file
// to a case (its problem detail shown in the given element).
window.csrfHeader = () => {
  const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return token ? { 'X-XSRF-TOKEN': decodeURIComponent(token.split('=')[1]) } : {};
};

// Sends JSON to the API. On success: the answer (or {}). On failure: null, with the problem detail
// shown in `problem` and each field error next to its field in `form` (or in `problem`).
// `idempotencyKey`: the same key for every attempt of one submission, so that sending it again after a
// lost answer returns the first answer instead of registering it twice.
// A key for one submission (kept for its retries); crypto.randomUUID needs a secure context.
window.newIdempotencyKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());

window.sendJson = async (method, path, body, problem, form, idempotencyKey) => {
  problem.hidden = true;
  form?.querySelectorAll('.field-error').forEach(e => e.remove());
  const headers = Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, window.csrfHeader());
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body) });
  } catch (offline) {
    problem.textContent = 'No answer from the server (no connection?). Nothing is lost: send it again when you are '
      + 'connected' + (idempotencyKey ? '; it will not be registered twice.' : '.');
    problem.hidden = false;
    return null;
  }
  const answer = await response.json().catch(() => ({}));
  if (response.ok) return answer;
  problem.textContent = answer.detail || response.statusText;
  problem.hidden = false;
  for (const error of answer.errors || []) {
    const note = document.createElement('span');
    note.className = 'field-error';
    note.textContent = error.message;
    (form?.elements[error.field]?.closest('label') || problem).appendChild(note);
  }
  return null;
};

window.caseUpload = async (caseId, kind, file, problem, prefix = '') => {
  const data = new FormData();
  data.append('kind', kind);
  data.append('file', file);
  const response = await fetch('/api/cases/' + caseId + '/documents', {
    method: 'POST', headers: Object.assign({ Accept: 'application/json' }, window.csrfHeader()), body: data,
  });
  if (response.ok) return true;
  const body = await response.json().catch(() => ({}));
  const reasons = (body.errors || []).map(e => e.message).join('; ');
  problem.textContent = prefix + (body.detail || response.statusText) + (reasons ? ' (' + reasons + ')' : '');
  problem.hidden = false;
  return false;
};

// A select that shows another view as soon as it changes (no inline handlers: the CSP allows none).
document.addEventListener('change', event => {
  if (event.target.matches('select.submit-on-change')) event.target.form.submit();
});
