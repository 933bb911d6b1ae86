// Renders the task's Camunda Form with the form-js viewer, and claims, unclaims and completes the task
// through the API. Validation messages come from form-js; the server checks the same rules again.
(function () {
  const container = document.getElementById('form');
  const taskId = container.dataset.task;
  const problem = document.getElementById('problem');

  const csrfHeader = window.csrfHeader;

  // The answers being typed are kept in this tab (sessionStorage, gone when the tab closes): a session
  // that ends while the caseworker writes loses nothing; after signing in again the answers are back.
  const draftKey = 'mcc.task-draft.' + taskId;
  const draft = () => { try { return JSON.parse(sessionStorage.getItem(draftKey)); } catch (e) { return null; } };

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' }, csrfHeader()),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const payload = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    if (response.status === 401 || response.redirected && new URL(response.url).pathname === '/login') {
      const expired = new Error(t('task.sessionEnded') + ' ');
      expired.signIn = true;
      throw expired;
    }
    if (!response.ok) {
      const fields = (payload?.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
      throw new Error((payload?.detail || response.statusText) + (fields ? ' — ' + fields : ''));
    }
    return payload;
  }

  function show(error) {
    problem.textContent = error.message;
    if (error.signIn) {
      const again = document.createElement('a');
      again.href = location.pathname;
      again.textContent = t('task.signInAgain');
      problem.appendChild(again);
    }
    problem.hidden = false;
    problem.tabIndex = -1;
    problem.focus();
  }

  for (const [id, action] of [['claim', 'claim'], ['unclaim', 'unclaim']]) {
    const button = document.getElementById(id);
    if (button) {
      button.addEventListener('click', () => call('POST', `/api/tasks/${taskId}/${action}`).then(() => location.reload(), show));
      button.disabled = false; // enabled once it does something: a click before the script is never lost
    }
  }

  // form-js writes its validation messages in English: shown in the page's language instead, the same
  // words the server uses when it checks the answers again.
  const messages = [
    [/^Field is required\.$/, () => t('form.required')],
    [/^Field must have minimum length of (\d+)\.$/, m => t('form.minLength', m[1])],
    [/^Field must have maximum length of (\d+)\.$/, m => t('form.maxLength', m[1])],
    [/^Field must have minimum value of (.+)\.$/, m => t('form.min', m[1])],
    [/^Field must have maximum value of (.+)\.$/, m => t('form.max', m[1])],
    [/^Value is not a number\.$/, () => t('form.notNumber')],
    [/^Value is expected to be an integer\.$/, () => t('form.integer')],
    [/^Field must match pattern (.+)\.$/, () => t('form.pattern')],
  ];
  const translate = root => root.querySelectorAll?.('.fjs-form-field-error').forEach(error => {
    const walker = document.createTreeWalker(error, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      for (const [pattern, say] of messages) {
        const match = text.match(pattern);
        if (match) { node.nodeValue = say(match); break; }
      }
    }
  });
  if (document.documentElement.lang !== 'en') {
    new MutationObserver(() => translate(container)).observe(container, { childList: true, subtree: true, characterData: true });
  }

  call('GET', `/api/tasks/${taskId}/form`).then(async ({ schema, data }) => {
    if (!schema) {
      container.textContent = t('task.noForm');
      return;
    }
    const kept = draft();
    const form = await FormViewer.createForm({ container, schema, data: kept ? Object.assign({}, data, kept) : data });
    if (kept) {
      const note = document.createElement('p');
      note.className = 'info';
      note.id = 'draft-restored';
      note.setAttribute('role', 'status');
      note.textContent = t('task.draftRestored');
      container.before(note);
    }
    form.on('changed', ({ data: now }) => {
      try { sessionStorage.setItem(draftKey, JSON.stringify(now)); } catch (full) { /* nothing kept */ }
    });
    if (container.dataset.mine !== 'true') {
      form.setProperty('readOnly', true);
    }
    const complete = document.getElementById('complete');
    if (!complete) {
      return;
    }
    complete.hidden = false;
    complete.addEventListener('click', async () => {
      // form.submit() runs form-js validation and shows its messages at the fields.
      const { data: submitted, errors } = form.submit();
      if (Object.keys(errors).length > 0) {
        // form-js shows each message at its field: the first field with a problem gets the focus
        setTimeout(() => container.querySelector('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus(), 0);
        return;
      }
      complete.disabled = true;
      try {
        await call('POST', `/api/tasks/${taskId}/complete`, submitted);
        sessionStorage.removeItem(draftKey);
        location.href = '/tasks?done=' + taskId;
      } catch (error) {
        complete.disabled = false;
        show(error);
      }
    });
  }, show);
})();
