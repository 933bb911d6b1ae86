// The admin's partner systems: register one and issue its key, issue a new key, revoke. A key is shown
// once, in the page, until the page is left.
(function () {
  const problem = document.getElementById('problem');
  const issued = document.getElementById('issued');
  const show = answer => {
    document.getElementById('key').textContent = answer.key;
    issued.hidden = false;
    const none = document.getElementById('no-partners');
    if (none) none.hidden = true;
    issued.scrollIntoView();
  };
  document.getElementById('copy-key').addEventListener('click', () => navigator.clipboard?.writeText(document.getElementById('key').textContent));
  const form = document.getElementById('new-partner');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const scopes = [...form.querySelectorAll('input[name=scopes]:checked')].map(box => box.value);
    const answer = await window.sendJson('POST', '/api/admin/partners', {
      id: form.elements.id.value.trim(), name: form.elements.name.value.trim(), kind: form.elements.kind.value,
      countyCode: form.elements.countyCode.value || null, scopes,
      requestsPerMinute: form.elements.requestsPerMinute.value ? Number(form.elements.requestsPerMinute.value) : null,
    }, problem, form);
    if (answer) {
      form.reset();
      show(answer);
    }
  });
  document.querySelectorAll('#partners tr[data-id]').forEach(row => {
    const id = encodeURIComponent(row.dataset.id);
    row.querySelector('button.new-key')?.addEventListener('click', async () => {
      const answer = await window.sendJson('POST', '/api/admin/partners/' + id + '/key', {}, problem);
      if (answer) show(answer);
    });
    const revoke = row.querySelector('button.revoke');
    revoke?.addEventListener('click', async () => {
      if (!confirm(revoke.dataset.confirm)) return;
      if (await window.sendJson('POST', '/api/admin/partners/' + id + '/revoke', {}, problem)) location.reload();
    });
  });
})();
