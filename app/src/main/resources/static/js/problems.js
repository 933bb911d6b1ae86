// The admin's engine problems page: retry an incident, start the process of a case that has none.
(function () {
  const problem = document.getElementById('problem');
  const retry = (selector, attribute, path) => document.querySelectorAll(selector).forEach(button =>
    button.addEventListener('click', async () => {
      button.disabled = true;
      const id = button.closest('tr').dataset[attribute];
      const done = await window.sendJson('POST', path(id), {}, problem);
      if (done) {
        button.textContent = t('problems.retrySent');
        setTimeout(() => location.reload(), 2000);
      } else {
        button.disabled = false;
      }
    }));
  retry('button.retry-incident', 'key', key => '/api/admin/incidents/' + key + '/retry');
  retry('button.retry-case', 'case', id => '/api/admin/stuck-cases/' + id + '/retry');
})();
