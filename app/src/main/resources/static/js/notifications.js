// "My notifications": the user's e-mail and SMS choices are saved through the API (PUT
// /api/me/notifications); its field errors are shown next to the fields.
(function () {
  const form = document.getElementById('choices');
  const problem = document.getElementById('problem');
  const saved = document.getElementById('saved');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    saved.hidden = true;
    const value = name => form.elements[name].value.trim() || null;
    const checked = name => form.elements[name].checked;
    const done = await window.sendJson('PUT', '/api/me/notifications', {
      email: value('email'), phone: value('phone'), byEmail: checked('byEmail'), bySms: checked('bySms'),
      deadlines: checked('deadlines'), escalations: checked('escalations'), newTasks: checked('newTasks'),
      dailyDigest: checked('dailyDigest'),
    }, problem, form);
    if (done) saved.hidden = false;
  });
})();
