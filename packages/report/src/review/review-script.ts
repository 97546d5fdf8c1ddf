/**
 * The review page's behaviour, as the text of its one inline script. It
 * never builds markup from data: answers are already escaped text in the
 * page, and what it writes back (counts, grade, status) goes through
 * textContent. Each grade is POSTed at once with the session token; the
 * page moves on only after the server confirmed the write.
 */
export const reviewScript = `
(() => {
  const token = document.querySelector('meta[name="review-token"]').content;
  const sections = [...document.querySelectorAll('section.case')];
  const counts = document.getElementById('counts');
  const status = document.getElementById('status');
  const help = document.getElementById('help');
  let current = Math.max(0, sections.findIndex((section) => !section.hidden));

  function show(index) {
    if (sections.length === 0) return;
    current = Math.min(sections.length - 1, Math.max(0, index));
    sections.forEach((section, position) => { section.hidden = position !== current; });
  }

  function updateCounts() {
    const total = sections.length;
    const graded = sections.filter((section) => section.dataset.grade !== '').length;
    counts.textContent = graded + ' of ' + total + ' graded, ' + (total - graded) + ' pending';
  }

  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'error' : '';
  }

  async function grade(value) {
    const section = sections[current];
    if (!section) return;
    const note = section.querySelector('textarea.note').value;
    say('Saving…', false);
    try {
      const response = await fetch('/verdict', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-review-token': token },
        body: JSON.stringify({ requestHash: section.dataset.requestHash, caseId: section.dataset.caseId, grade: value, note }),
      });
      const reply = await response.json().catch(() => ({ error: 'the server sent no JSON (status ' + response.status + ')' }));
      if (!response.ok) { say('Not saved: ' + reply.error, true); return; }
      section.dataset.grade = value;
      section.querySelector('.grade').textContent = value;
      updateCounts();
      say('Saved ' + section.dataset.caseId + ': ' + value, false);
      const next = sections.findIndex((candidate, position) => position > current && candidate.dataset.grade === '');
      show(next === -1 ? current + 1 : next);
    } catch (error) {
      say('Not saved: the review server is not reachable (' + error.message + '). Is promptpack review still running?', true);
    }
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.grade) grade(button.dataset.grade);
    if (button.dataset.move) show(current + Number(button.dataset.move));
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target instanceof HTMLTextAreaElement;
    if (event.key === 'Escape') {
      if (typing) event.target.blur();
      help.hidden = true;
      return;
    }
    if (typing) return;
    const keys = {
      h: () => grade('hard'), s: () => grade('soft'), f: () => grade('fail'),
      j: () => show(current + 1), ArrowDown: () => show(current + 1), ArrowRight: () => show(current + 1),
      k: () => show(current - 1), ArrowUp: () => show(current - 1), ArrowLeft: () => show(current - 1),
      n: () => sections[current] && sections[current].querySelector('textarea.note').focus(),
      '?': () => { help.hidden = !help.hidden; },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
})();
`;
