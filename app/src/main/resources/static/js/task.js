// Renders the task's Camunda Form with the form-js viewer, and claims, unclaims and completes the task
// through the API. Validation messages come from form-js; the server checks the same rules again.
(function () {
  const container = document.getElementById('form');
  const taskId = container.dataset.task;
  const problem = document.getElementById('problem');

  const csrfHeader = window.csrfHeader;

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' }, csrfHeader()),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const payload = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const fields = (payload?.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
      throw new Error((payload?.detail || response.statusText) + (fields ? ' — ' + fields : ''));
    }
    return payload;
  }

  function show(error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }

  for (const [id, action] of [['claim', 'claim'], ['unclaim', 'unclaim']]) {
    const button = document.getElementById(id);
    if (button) {
      button.addEventListener('click', () => call('POST', `/api/tasks/${taskId}/${action}`).then(() => location.reload(), show));
    }
  }

  call('GET', `/api/tasks/${taskId}/form`).then(async ({ schema, data }) => {
    if (!schema) {
      container.textContent = 'This task has no form.';
      return;
    }
    const form = await FormViewer.createForm({ container, schema, data });
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
        return;
      }
      complete.disabled = true;
      try {
        await call('POST', `/api/tasks/${taskId}/complete`, submitted);
        location.href = '/tasks?done=' + taskId;
      } catch (error) {
        complete.disabled = false;
        show(error);
      }
    });
  }, show);
})();
