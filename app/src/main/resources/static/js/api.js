// What the pages share when they call the API: the CSRF header of the session, and uploading a file
// to a case (its problem detail shown in the given element).
window.csrfHeader = () => {
  const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return token ? { 'X-XSRF-TOKEN': decodeURIComponent(token.split('=')[1]) } : {};
};

window.caseUpload = async (caseId, kind, file, problem, prefix = '') => {
  const data = new FormData();
  data.append('kind', kind);
  data.append('file', file);
  const response = await fetch('/api/cases/' + caseId + '/documents', {
    method: 'POST', headers: Object.assign({ Accept: 'application/json' }, window.csrfHeader()), body: data,
  });
  if (response.ok) return true;
  const body = await response.json().catch(() => ({}));
  const reasons = (body.errors || []).map(e => e.message).join('; ');
  problem.textContent = prefix + (body.detail || response.statusText) + (reasons ? ' (' + reasons + ')' : '');
  problem.hidden = false;
  return false;
};
