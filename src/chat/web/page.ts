/** The web chat page: plain HTML, CSS and a small script, no build step. */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>controlbot: local chat</title>
<link rel="stylesheet" href="/chat/app.css">
</head>
<body>
<header>
  <h1>controlbot</h1>
  <p>Ask about security and compliance. This local chat talks to the same bot as Slack and Teams.</p>
  <label for="identity">You are</label>
  <select id="identity"></select>
</header>
<main>
  <ol id="log" role="log" aria-live="polite" aria-label="Conversation"></ol>
</main>
<form id="composer">
  <label for="text" class="visually-hidden">Your message</label>
  <input id="text" name="text" autocomplete="off" maxlength="2000" placeholder="e.g. can I copy prod data to staging?" required>
  <button type="submit">Send</button>
</form>
<script src="/chat/app.js"></script>
</body>
</html>
`;

export const PAGE_CSS = `
:root { color-scheme: light dark; --accent: #2f5d9b; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; display: flex; flex-direction: column; min-height: 100vh; box-sizing: border-box; }
header h1 { margin: 0; font-size: 1.4rem; color: var(--accent); }
header p { margin: .3rem 0 .8rem; }
main { flex: 1; }
#log { list-style: none; padding: 0; }
#log li { margin: .6rem 0; padding: .6rem .8rem; border-radius: .5rem; white-space: pre-wrap; line-height: 1.4; }
#log li.me { background: #dfe9f7; color: #111; margin-left: 20%; }
#log li.bot { background: #f1f1f1; color: #111; margin-right: 10%; }
.section h2 { font-size: 1rem; margin: .6rem 0 .2rem; }
.fields { font-size: .9rem; color: #444; }
.context { font-size: .8rem; color: #555; margin-top: .4rem; }
.buttons { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .5rem; }
button { font: inherit; padding: .35rem .7rem; border-radius: .4rem; border: 1px solid var(--accent); background: white; color: var(--accent); cursor: pointer; }
button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
#composer { display: flex; gap: .5rem; position: sticky; bottom: 0; padding: .6rem 0; background: Canvas; }
#composer input { flex: 1; font: inherit; padding: .5rem; }
button[type=submit] { background: var(--accent); color: white; }
.card-form { display: flex; flex-direction: column; gap: .3rem; margin-top: .5rem; white-space: normal; }
.card-form h2 { font-size: 1rem; margin: 0 0 .2rem; }
.card-form input, .card-form textarea { font: inherit; padding: .4rem; }
.card-form button { align-self: flex-start; margin-top: .3rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export const PAGE_JS = `
'use strict';
const log = document.getElementById('log');
const identity = document.getElementById('identity');
const form = document.getElementById('composer');
const input = document.getElementById('text');

function inline(text) {
  const span = document.createElement('span');
  // *bold* is the only markup answers use; everything else is shown as text.
  text.split(/(\\*[^*\\n]+\\*)/g).forEach((part) => {
    if (/^\\*[^*\\n]+\\*$/.test(part)) { const b = document.createElement('strong'); b.textContent = part.slice(1, -1); span.append(b); }
    else span.append(document.createTextNode(part));
  });
  return span;
}

let forms = 0;

// A form asks for text (e.g. a reason); submitting sends its action with the fields, as Slack's modal does.
function renderForm(block) {
  const form = document.createElement('form'); form.className = 'card-form';
  const id = 'form' + (++forms);
  const h = document.createElement('h2'); h.id = id + '-title'; h.textContent = block.title;
  form.setAttribute('aria-labelledby', h.id);
  form.append(h);
  const inputs = block.fields.map((f) => {
    const label = document.createElement('label'); label.htmlFor = id + '-' + f.name; label.textContent = f.label + (f.required ? '' : ' (optional)');
    const input = document.createElement(f.multiline ? 'textarea' : 'input');
    input.id = label.htmlFor; input.name = f.name; input.maxLength = 2000; input.required = f.required === true;
    input.addEventListener('input', () => input.setCustomValidity(''));
    form.append(label, input);
    return { field: f, input };
  });
  const submit = document.createElement('button'); submit.type = 'submit'; submit.textContent = block.submit.label;
  form.append(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = {};
    for (const { field, input } of inputs) {
      const value = input.value.trim();
      if (field.required && !value) { input.setCustomValidity('Please fill this in'); input.reportValidity(); return; }
      fields[field.name] = value;
    }
    for (const el of form.elements) el.disabled = true;
    send({ action: { id: block.submit.action, value: block.submit.value, fields } }, block.submit.label);
  });
  return form;
}

function render(reply) {
  const li = document.createElement('li');
  li.className = 'bot';
  for (const block of reply.blocks) {
    if (block.type === 'text') li.append(inline(block.text));
    if (block.type === 'section') {
      const div = document.createElement('div'); div.className = 'section';
      const h = document.createElement('h2'); h.textContent = block.title; div.append(h, inline(block.text));
      if (block.fields) { const f = document.createElement('div'); f.className = 'fields'; f.textContent = block.fields.map((x) => x.label + ': ' + x.value).join(' · '); div.append(f); }
      li.append(div);
    }
    if (block.type === 'buttons') {
      const div = document.createElement('div'); div.className = 'buttons';
      for (const b of block.buttons) {
        const button = document.createElement('button'); button.type = 'button'; button.textContent = b.label;
        button.addEventListener('click', () => send({ action: { id: b.action, value: b.value } }, b.label));
        div.append(button);
      }
      li.append(div);
    }
    if (block.type === 'context') { const c = document.createElement('div'); c.className = 'context'; c.textContent = block.text; li.append(c); }
    if (block.type === 'form') li.append(renderForm(block));
  }
  log.append(li);
  li.scrollIntoView({ block: 'end' });
}

function mine(text) {
  const li = document.createElement('li'); li.className = 'me'; li.textContent = text; log.append(li);
}

async function send(body, shown) {
  mine(shown);
  try {
    const res = await fetch('/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: identity.value, ...body }) });
    render(await res.json());
  } catch (err) {
    render({ blocks: [{ type: 'text', text: 'The bot did not answer. Is controlbot still running?' }] });
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  send({ text }, text);
});

fetch('/chat/identities').then((r) => r.json()).then((people) => {
  for (const p of people) { const o = document.createElement('option'); o.value = p.id; o.textContent = p.name; identity.append(o); }
  render({ blocks: [{ type: 'text', text: 'Hi! Ask me a security or compliance question, or type *help*.' }] });
});
`;
