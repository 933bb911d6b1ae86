// The supervisor's dashboard: the SLA-breach chart (Chart.js) and assigning a waiting case.
(function () {
  const canvas = document.getElementById('breaches');
  if (canvas && window.Chart) {
    const days = JSON.parse(canvas.dataset.days || '{}');
    new window.Chart(canvas, {
      type: 'line',
      data: { labels: Object.keys(days), datasets: [{ label: t('ops.breaches'), data: Object.values(days), borderColor: '#b00020' }] },
      options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  const problem = document.getElementById('problem');
  document.querySelectorAll('form.assign').forEach(form => form.addEventListener('submit', async event => {
    event.preventDefault();
    const done = await window.sendJson('POST', '/api/tasks/' + form.dataset.task + '/assign',
      { assignee: form.elements.assignee.value }, problem, form);
    if (done) location.reload();
  }));
})();
