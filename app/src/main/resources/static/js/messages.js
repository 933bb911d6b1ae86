// The admin's messages page: a FAILED e-mail or SMS is sent again (POST /api/admin/messages/{id}/retry).
(function () {
  const problem = document.getElementById('problem');
  document.querySelectorAll('#messages tr[data-id] button.retry').forEach(button => {
    button.addEventListener('click', async () => {
      const id = button.closest('tr').dataset.id;
      const done = await window.sendJson('POST', '/api/admin/messages/' + encodeURIComponent(id) + '/retry', {}, problem);
      if (done) location.reload();
    });
  });
})();
