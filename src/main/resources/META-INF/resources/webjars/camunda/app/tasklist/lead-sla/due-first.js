// Tasklist sorts its list by creation unless its address says otherwise, and a rep works by deadline: every
// list without a sort of its own is sorted by due date, soonest (and so the overdue ones) first. A sort the
// user picks in the list's header is in the address, and stays.
const DUE_FIRST = 'sorting=' + encodeURIComponent(JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]));

function dueFirst() {
  const hash = window.location.hash || '#/';
  if (!hash.startsWith('#/') || hash.startsWith('#/login') || /[?&]sorting=/.test(hash)) {
    return;
  }
  window.location.replace(hash + (hash.includes('?') ? '&' : '?') + DUE_FIRST);
}

dueFirst();
window.addEventListener('hashchange', dueFirst);

export default [];
