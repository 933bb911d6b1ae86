// Keeps the task list current: the next step of a case arrives from the engine a moment after the
// previous one is completed, and other users claim tasks. The server says when the list may have
// changed (server-sent events from /api/tasks/news, no task data in them); the page then asks for
// its list and reloads when it differs. Without that connection (an old browser, a proxy that cuts
// it) the page polls instead. Nothing is asked while the page is hidden.
(function () {
  // the list's box (there even when the list is empty) says how it is kept current: data-live
  const list = document.getElementById('task-list-box');
  // every task of the view, the filtered-out ones too (the API lists them all)
  const all = list?.dataset.allIds;
  const shown = new Set(all ? all.split(',') : []);
  const params = new URLSearchParams(location.search);
  const view = params.get('view') || 'MINE';
  const SLOW_POLL = 30000; // while the server tells of changes: a safety net (another app instance)
  let interval = params.has('done') ? 500 : 2000;
  let news = null;
  let timer = null;
  let asking = false;
  // when the step named by "done" was completed (kept over the reloads that bring its next steps)
  const doneKey = `tasks-done-${params.get('done')}`;
  const doneAt = Number(sessionStorage.getItem(doneKey)) || Date.now();
  if (params.has('done')) sessionStorage.setItem(doneKey, String(doneAt));

  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(check, ms);
  }

  async function check() {
    if (document.hidden || asking) return;
    asking = true;
    try {
      const response = await fetch(`/api/tasks?view=${view}`, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const ids = (await response.json()).map(t => String(t.id));
        if (ids.length !== shown.size || ids.some(id => !shown.has(id))) {
          // "done" (the confirmation of the step just completed) stays while it is news
          if (Date.now() - doneAt > 30000) params.delete('done');
          location.search = params.toString();
          return;
        }
      }
    } catch (ignored) {
      // offline for a moment: try again at the next tick
    } finally {
      asking = false;
    }
    if (news && news.readyState === EventSource.OPEN) {
      later(SLOW_POLL);
    } else {
      interval = Math.min(interval * 2, 10000);
      later(interval);
    }
  }

  function listen() {
    if (!('EventSource' in window) || news) return;
    news = new EventSource('/api/tasks/news');
    // connected: anything that changed before is asked for once; then each change is heard of
    news.addEventListener('ready', () => {
      if (list) list.dataset.live = 'push';
      later(0);
    });
    news.addEventListener('tasks', () => later(250));
    news.onerror = () => {
      // the browser connects again by itself; meanwhile the page polls
      if (list) list.dataset.live = 'true';
      if (news.readyState === EventSource.CLOSED) news = null;
      later(interval);
    };
  }

  function stop() {
    if (news) news.close();
    news = null;
    clearTimeout(timer);
  }

  // a list nobody looks at costs no data: the connection closes while the tab is hidden
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      stop();
    } else {
      listen();
      later(0);
    }
  });
  if (!document.hidden) listen();
  later(interval);
  if (list && !list.dataset.live) list.dataset.live = 'true';
  document.getElementById('confirmation')?.focus();
})();
