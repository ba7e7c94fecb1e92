// After a lead is entered with Tasklist's start form, says which lead it became and who has it: Tasklist's own
// toast only says "The process has been started". The start answers, after its commit, with the instance and its
// business key (the lead's id); the owner is picked by a job a moment later, so the note asks
// /api/leads/{id}/owner until routing has run (up to 15 s), then stays until closed.
const START = /\/process-definition\/(key\/)?[^/]+\/submit-form$/;
const ASKS = 30;
const PAUSE_MS = 500;

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && START.test(String(url).split('?')[0])) {
    this.addEventListener('load', () => {
      if (this.status === 200) {
        const started = JSON.parse(this.responseText);
        if (started.businessKey) {
          tell(started.businessKey).catch(() => show(started.businessKey, 'Lead ' + started.businessKey
              + ' was entered. Its owner could not be looked up; find the lead under All tasks.'));
        }
      }
    });
  }
  return open.call(this, method, url, ...rest);
};

async function tell(leadId) {
  for (let ask = 0; ask < ASKS; ask++) {
    const response = await fetch('/api/leads/' + encodeURIComponent(leadId) + '/owner',
        { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {   // the start answered after its commit: the lead is there, or not the caller's
      throw new Error('owner of ' + leadId + ': ' + response.status);
    } else {
      const lead = await response.json();
      if (lead.routed) {
        const who = lead.owner ? (lead.ownerName || lead.owner) + ' (' + lead.owner + ')' : 'the ' + lead.team
            + " team's queue";
        show(leadId, 'Lead ' + leadId + ' · ' + lead.name + (lead.company ? ' (' + lead.company + ')' : '')
            + ' was entered. Owner: ' + who + (lead.respondByText ? '; first response due ' + lead.respondByText : '')
            + '.');
        return;
      }
    }
    await new Promise(resolve => setTimeout(resolve, PAUSE_MS));
  }
  show(leadId, 'Lead ' + leadId + ' was entered; its owner is not picked yet. The lead is in Tasklist once it is.');
}

function show(leadId, text) {
  document.querySelectorAll('.lead-sla-started').forEach(note => note.remove());
  const note = document.createElement('div');
  note.className = 'lead-sla-started';
  note.setAttribute('role', 'status');
  note.dataset.lead = leadId;
  const message = document.createElement('span');
  message.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => note.remove());
  note.append(message, close);
  document.body.append(note);
}

export default [];
