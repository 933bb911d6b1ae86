// The page's texts in its language (keys js.* of the message bundles, written into the page by the
// layout): t(key, a, b) puts a and b in place of {0} and {1}. A missing key shows as the key itself.
window.t = (() => {
  let texts = null;
  return (key, ...args) => {
    if (texts === null) {
      try { texts = JSON.parse(document.getElementById('texts')?.textContent || '{}'); } catch (e) { texts = {}; }
    }
    return (texts[key] ?? key).replace(/\{(\d+)\}/g, (all, i) => (args[i] ?? all));
  };
})();

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

window.sendJson = async (method, path, body, problem, form, idempotencyKey, options = {}) => {
  problem.hidden = true;
  form?.querySelectorAll('.field-error').forEach(e => e.remove());
  form?.parentElement?.querySelectorAll('.button-error').forEach(e => e.remove());
  form?.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  const headers = Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, window.csrfHeader());
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body) });
  } catch (offline) {
    if (options.offline) {
      options.offline();
      return null;
    }
    window.showProblem(problem, t(idempotencyKey ? 'api.noAnswerOnce' : 'api.noAnswer'));
    return null;
  }
  const answer = await response.json().catch(() => ({}));
  if (response.ok) return answer;
  if (response.status === 401) {
    window.showProblem(problem, t('api.sessionEnded'));
    return null;
  }
  problem.textContent = answer.detail || response.statusText;
  let first = null;
  for (const error of answer.errors || []) {
    const note = document.createElement('span');
    note.className = 'field-error';
    note.textContent = error.message;
    const field = form?.elements[error.field];
    if (field && field.setAttribute) {
      field.setAttribute('aria-invalid', 'true');
      first = first || field;
    }
    (field?.closest?.('label') || problem).appendChild(note);
  }
  window.showProblem(problem, null, first);
  return null;
};

// Shows a problem (announced: role=alert) and moves the focus to the first field at fault, or to it;
// the form's button says it too (on a phone the top of the page is out of sight).
window.showProblem = (problem, text, field) => {
  if (text !== null && text !== undefined) problem.textContent = text;
  problem.hidden = false;
  const button = (field?.form || problem.ownerDocument.activeElement?.form)?.querySelector('button[type=submit]');
  if (button && !button.nextElementSibling?.classList.contains('button-error')) {
    const note = document.createElement('span');
    note.className = 'field-error button-error';
    note.textContent = field ? t('api.notSentFields') : t('api.notSent', problem.textContent);
    button.insertAdjacentElement('afterend', note);
  }
  problem.tabIndex = -1;
  (field || problem).focus();
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

// A form that the page's script sends to the API (data-endpoint) is never submitted by the browser
// itself, not even when it is clicked before that script has loaded on a slow link: its answers would
// end up in the address bar and the server's logs.
document.addEventListener('submit', event => {
  if (event.target.dataset?.endpoint) event.preventDefault();
}, true);

// The header's menu is open on a wide screen and folded on a phone (one line instead of a third of it).
(() => {
  const open = () => {
    const menu = document.getElementById('menu');
    if (menu) menu.open = window.matchMedia('(min-width: 901px)').matches;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', open);
  else open();
})();

// Reports saved on this device while offline (the report and found-child pages), sent when the
// connection returns, each with the idempotency key it was saved with: nothing is registered twice.
// Kept in localStorage only until the server has them; never in a log.
window.outbox = (() => {
  const KEY = 'mcc.outbox';
  const read = () => { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } };
  const write = items => items.length ? localStorage.setItem(KEY, JSON.stringify(items)) : localStorage.removeItem(KEY);
  const status = () => {
    let box = document.getElementById('outbox-status');
    if (!box) {
      box = document.createElement('div');
      box.id = 'outbox-status';
      box.setAttribute('role', 'status');
      box.className = 'confirmation';
      document.querySelector('main')?.prepend(box);
    }
    return box;
  };
  let sending = false;
  async function flush() {
    if (sending || !navigator.onLine) return;
    const items = read();
    if (!items.length) return;
    sending = true;
    try {
      for (const item of items) {
        let response;
        try {
          response = await fetch(item.endpoint, { method: 'POST', body: JSON.stringify(item.body), headers: Object.assign(
            { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': item.key }, window.csrfHeader()) });
        } catch (stillOffline) {
          return;
        }
        const answer = await response.json().catch(() => ({}));
        const box = status();
        if (response.status === 401) {
          box.textContent = t('outbox.waitsForSignIn');
          return;
        }
        write(read().filter(i => i.key !== item.key));
        if (response.ok) {
          box.textContent = t('outbox.sent.' + (item.kind || 'missing'), answer.caseNumber) + ' ';
          const link = document.createElement('a');
          link.href = '/cases/' + answer.id;
          link.id = 'outbox-sent';
          link.textContent = t('outbox.openCase');
          box.appendChild(link);
          if (item.page === location.pathname) location.href = '/cases/' + answer.id + '?done=sent';
        } else {
          box.className = 'error';
          box.textContent = t('outbox.refused.' + (item.kind || 'missing'), (answer.detail || response.statusText)
            + ((answer.errors || []).map(e => ' ' + e.field + ': ' + e.message).join(';')));
        }
      }
    } finally {
      sending = false;
    }
  }
  window.addEventListener('online', flush);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', flush);
  else flush();
  return {
    /** Saves a report to send later; the page says so. */
    save(endpoint, body, key, kind) {
      write(read().filter(i => i.key !== key).concat([{ endpoint, body, key, kind, page: location.pathname, savedAt: new Date().toISOString() }]));
      const box = status();
      box.className = 'confirmation';
      box.textContent = t('outbox.saved.' + kind);
      box.tabIndex = -1;
      box.focus();
    },
    pending: () => read().length,
    flush,
  };
})();

// The service worker (/sw.js): the report pages open offline; it caches no child's record. Registered
// once signed in (its first fetch of the report pages must not meet the sign-in page).
document.addEventListener('DOMContentLoaded', () => {
  if ('serviceWorker' in navigator && window.isSecureContext && document.body.dataset.signedIn === 'true') {
    navigator.serviceWorker.register('/sw.js').catch(() => { /* the pages work without it */ });
  }
});
