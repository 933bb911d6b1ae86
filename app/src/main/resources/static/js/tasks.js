// Keeps the task list current: the next step of a case arrives from the engine a moment after the
// previous one is completed, and other users claim tasks. Reloads when the API's list differs; polls
// only while the page is visible.
(function () {
  const list = document.getElementById('task-list');
  // every task of the view, the filtered-out ones too (the API lists them all)
  const all = document.getElementById('task-list-box')?.dataset.allIds;
  const shown = new Set(all ? all.split(',') : []);
  const params = new URLSearchParams(location.search);
  const view = params.get('view') || 'MINE';
  let interval = params.has('done') ? 500 : 2000;

  async function check() {
    // a list nobody looks at costs no data: checked again when the tab is shown
    if (document.hidden) {
      document.addEventListener('visibilitychange', () => setTimeout(check, 0), { once: true });
      return;
    }
    try {
      const response = await fetch(`/api/tasks?view=${view}`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const ids = (await response.json()).map(t => String(t.id));
        if (ids.length !== shown.size || ids.some(id => !shown.has(id))) {
          params.delete('done');
          location.search = params.toString();
          return;
        }
      }
    } catch (ignored) {
      // offline for a moment: try again at the next tick
    }
    interval = Math.min(interval * 2, 10000);
    setTimeout(check, interval);
  }
  setTimeout(check, interval);
  if (list) list.dataset.live = 'true';
  document.getElementById('confirmation')?.focus();
})();
