// The outcome chart (Chart.js): the main figures for each group of the table below it.
(function () {
  const canvas = document.getElementById('chart');
  if (!canvas || !window.Chart) return;
  const groups = JSON.parse(canvas.dataset.groups || '[]');
  const series = [['REPORTED', t('reports.reported'), '#006b3f'], ['LOCATED', t('reports.located'), '#2b7bb9'],
    ['REUNITED', t('reports.reunited'), '#8a5cb8'], ['STILL_MISSING', t('reports.stillMissing'), '#b00020']];
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: groups.map(g => g.group),
      datasets: series.map(([key, label, color]) => ({ label, backgroundColor: color, data: groups.map(g => g.counts[key]) })),
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
