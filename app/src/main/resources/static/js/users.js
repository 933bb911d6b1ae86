// The users page: save a user's name, role, county and whether it may sign in; set a password; lift a
// lock; create a user. Each answer reloads the list.
(function () {
  const problem = document.getElementById('problem');
  const path = row => '/api/users/' + encodeURIComponent(row.dataset.user);
  const blankToNull = value => (value || '').trim() === '' ? null : value.trim();
  document.querySelectorAll('#users tr[data-user]').forEach(row => {
    row.querySelector('button.save')?.addEventListener('click', async () => {
      const field = name => row.querySelector(`[name=${name}]`);
      const done = await window.sendJson('PUT', path(row), {
        fullName: field('fullName').value, role: field('role').value,
        countyCode: blankToNull(field('countyCode').value), enabled: field('enabled').checked,
      }, problem);
      if (done) location.reload();
    });
    row.querySelector('button.password')?.addEventListener('click', async () => {
      const password = window.prompt(t('users.newPasswordFor', row.dataset.user));
      if (!password) return;
      const done = await window.sendJson('POST', path(row) + '/password', { password }, problem);
      if (done) location.reload();
    });
    row.querySelector('button.unlock')?.addEventListener('click', async () => {
      const done = await window.sendJson('POST', path(row) + '/unlock', {}, problem);
      if (done) location.reload();
    });
  });
  const form = document.getElementById('new-user');
  form?.addEventListener('submit', async event => {
    event.preventDefault();
    const value = name => form.elements[name].value;
    const done = await window.sendJson('POST', '/api/users', {
      username: value('username').trim(), fullName: value('fullName'), role: value('role'),
      countyCode: blankToNull(value('countyCode')), password: value('password'),
    }, problem, form);
    if (done) location.reload();
  });
})();
