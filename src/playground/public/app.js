// @ts-check
/**
 * The playground page: draws the channel the server streams (server-sent events) and sends what the user does
 * (messages, slash commands, button clicks, "Run digest now") to the server, which turns them into real Slack
 * requests to the bot. Message bodies arrive as HTML made by the server's escaping renderer; everything this script
 * writes itself goes in as text.
 */
import { formatSlackDate } from './slack-date.js';

const messages = /** @type {HTMLElement} */ (document.getElementById('messages'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('composer'));
const input = /** @type {HTMLInputElement} */ (document.getElementById('message-input'));
const digestButton = /** @type {HTMLButtonElement} */ (document.getElementById('run-digest'));
const statusBox = /** @type {HTMLElement} */ (document.getElementById('status'));
const hints = /** @type {HTMLElement} */ (document.getElementById('hints'));
const sidebar = /** @type {HTMLElement} */ (document.getElementById('sidebar'));
const sidebarToggle = /** @type {HTMLButtonElement} */ (document.getElementById('sidebar-toggle'));

const title = /** @type {HTMLElement} */ (document.getElementById('place-title'));
const composer = /** @type {HTMLElement} */ (document.getElementById('composer'));

/** @typedef {{ id: string, kind: string, channel: string, author: string, ts: string, at: string, edited: boolean, tone?: string, threadTs?: string, html: string }} PageEntry */
/** @typedef {{ workspace: string, channel: { id: string, name: string }, dm: { id: string }, home: { id: string }, user: { id: string, name: string }, bot: string, command: string, feed: { url: string, sample: boolean, held?: number, problem?: string }, exampleLink?: string }} PageInfo */

/** @type {PageInfo | undefined} */
let info;
/** Which pane is shown: the channel, the DM with the bot (its Messages tab), or the bot's Home tab. */
/** @type {'channel' | 'dm' | 'home'} */
let place = 'channel';
/** Every entry the server sent, so switching panes redraws without asking again. */
/** @type {Map<string, PageEntry>} */
const entries = new Map();

function placeChannel() {
  if (!info) return '';
  return place === 'dm' ? info.dm.id : place === 'home' ? info.home.id : info.channel.id;
}

const LABELS = { command: 'Only visible to you', ephemeral: 'Only visible to you', notice: 'Playground' };

/** @param {PageEntry} entry */
function draw(entry) {
  entries.set(entry.id, entry);
  if (info && entry.channel !== placeChannel()) return;
  const el = document.createElement('div');
  el.className = `msg msg-${entry.kind}${entry.tone === 'error' ? ' msg-error' : ''}`;
  el.dataset.entryId = entry.id;

  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.textContent = entry.kind === 'notice' ? 'ℹ' : (entry.author[0] ?? '?').toUpperCase();

  const main = document.createElement('div');
  main.className = 'msg-main';
  const head = document.createElement('div');
  head.className = 'msg-head';
  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = entry.author;
  head.append(author);
  if (entry.kind === 'bot' || entry.kind === 'ephemeral') head.append(tag('APP', 'app-tag'));
  const time = document.createElement('time');
  time.dateTime = entry.at;
  // The reader's own clock, as Slack shows message times; the hover names the day and the zone.
  time.textContent = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  time.title = new Date(entry.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'long' });
  head.append(time);
  const label = LABELS[/** @type {keyof typeof LABELS} */ (entry.kind)];
  if (label) head.append(tag(label, 'visibility'));
  if (entry.edited) head.append(tag('(edited)', 'edited'));
  if (entry.threadTs) head.append(tag('Reply in thread', 'thread'));
  // Message shortcuts live in a message's menu, as in Slack.
  if (entry.kind === 'user' && place === 'channel') head.append(messageMenu());

  const body = document.createElement('div');
  body.className = 'msg-body';
  // Rendered and escaped on the server (src/playground/render/); the only HTML that is not built here.
  body.innerHTML = entry.html;
  localiseDates(body);

  main.append(head, body);
  el.append(avatar, main);

  const old = messages.querySelector(`[data-entry-id="${CSS.escape(entry.id)}"]`);
  if (old) {
    // A message that grows (an unfurl arrives) keeps the view at the bottom if it was there.
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    old.replaceWith(el);
    if (atBottom) messages.scrollTop = messages.scrollHeight;
  } else {
    // One person drives this channel, so whatever arrives is an answer to them: show it, as Slack does.
    messages.append(el);
    el.scrollIntoView({ block: 'end' });
  }
}

/**
 * `<!date>` tokens arrive as <time> elements holding the fallback; like a Slack client, the page tells them in the
 * reader's own zone and language.
 * @param {HTMLElement} root
 */
function localiseDates(root) {
  for (const el of root.querySelectorAll('time.date[data-format]')) {
    const time = /** @type {HTMLTimeElement} */ (el);
    const text = formatSlackDate(Date.parse(time.dateTime) / 1000, time.dataset.format ?? '', {
      locale: navigator.language,
    });
    if (text) time.textContent = text;
  }
}

function messageMenu() {
  const wrap = document.createElement('span');
  wrap.className = 'msg-menu';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'msg-menu-toggle';
  toggle.textContent = '⋯';
  toggle.title = 'More actions';
  toggle.setAttribute('aria-label', 'More actions');
  const items = document.createElement('div');
  items.className = 'msg-menu-items';
  items.hidden = true;
  const shortcut = document.createElement('button');
  shortcut.type = 'button';
  shortcut.className = 'msg-shortcut';
  shortcut.textContent = 'Search the k8s blog';
  items.append(shortcut);
  toggle.addEventListener('click', () => {
    items.hidden = !items.hidden;
  });
  wrap.append(toggle, items);
  return wrap;
}

/** @param {'channel' | 'dm' | 'home'} next */
function show(next) {
  place = next;
  for (const link of document.querySelectorAll('.channel-link')) {
    link.classList.toggle('active', /** @type {HTMLElement} */ (link).dataset.place === next);
  }
  const bot = info?.bot ?? 'k8sblog';
  title.textContent = next === 'dm' ? bot : next === 'home' ? `${bot} · Home` : `# ${info?.channel.name ?? ''}`;
  composer.hidden = next === 'home';
  hints.hidden = next !== 'channel';
  input.placeholder =
    next === 'dm'
      ? `Message ${bot} — ask anything, e.g. kubeadm 升级, or help`
      : `Message #${info?.channel.name ?? ''} — try ${info?.command ?? '/k8sblog'} kubeadm, @${bot} 调度器, or paste a kubernetes.io/zh-cn/blog link`;
  messages.replaceChildren();
  for (const entry of entries.values()) draw(entry);
  // Slack sends app_home_opened each time the tab opens; the bot publishes a fresh view.
  if (next === 'home') void busy(null, () => post('/api/home', {}));
}

/** @param {string} text @param {string} className */
function tag(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** @param {PageInfo} next */
function showInfo(next) {
  info = next;
  for (const id of ['channel-name', 'sidebar-channel']) {
    const el = document.getElementById(id);
    if (el) el.textContent = next.channel.name;
  }
  for (const el of document.querySelectorAll('.sidebar-bot')) el.textContent = next.bot;
  if (place === 'channel')
    input.placeholder = `Message #${next.channel.name} — try ${next.command} kubeadm, @${next.bot} 调度器, or paste a kubernetes.io/zh-cn/blog link`;
  const feed = /** @type {HTMLElement} */ (document.getElementById('feed-info'));
  if (next.feed.problem) feed.textContent = `Feed cannot be read: ${next.feed.problem}`;
  else if (next.feed.sample)
    feed.textContent = `Sample feed · ${next.feed.held ?? 0} post${next.feed.held === 1 ? '' : 's'} still to publish`;
  else feed.textContent = `Feed: ${next.feed.url}`;
  feed.classList.toggle('feed-problem', Boolean(next.feed.problem));
  feed.title = next.feed.problem ? `${next.feed.url}: ${next.feed.problem}` : next.feed.url;
  drawHints(next);
}

/** @param {PageInfo} i */
function drawHints(i) {
  const examples = [
    `${i.command} kubeadm`,
    `${i.command} 调度器`,
    `${i.command} latest 3`,
    `${i.command} help`,
    `${i.command} subscribe`,
    `${i.command} status`,
    `@${i.bot} 有没有文章讲 kubeadm 升级？`,
  ];
  if (i.exampleLink) examples.push(i.exampleLink);
  hints.replaceChildren(document.createTextNode('Try:'));
  for (const text of examples) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'hint';
    b.textContent = text.startsWith('http') ? 'paste a blog link' : text;
    b.dataset.text = text;
    hints.append(b);
  }
}

/** @param {string} text @param {boolean} [error] */
function showStatus(text, error = false) {
  statusBox.textContent = text;
  statusBox.classList.toggle('status-error', error);
  statusBox.hidden = !text;
}

/** @param {string} path @param {unknown} body */
async function post(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const answer = await res.json().catch(() => ({}));
    throw new Error(answer.error ?? `HTTP ${res.status}`);
  }
}

/** @param {HTMLButtonElement | null} button @param {() => Promise<void>} work */
async function busy(button, work) {
  if (button) button.disabled = true;
  try {
    await work();
    showStatus('');
  } catch (err) {
    showStatus(`Could not reach the playground: ${err instanceof Error ? err.message : String(err)}`, true);
  } finally {
    if (button) button.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  void busy(null, () => post('/api/message', { text, place: place === 'dm' ? 'dm' : 'channel' }));
});

document.querySelector('.sidebar-body')?.addEventListener('click', (event) => {
  const link = /** @type {HTMLElement} */ (event.target).closest('.channel-link');
  if (!(link instanceof HTMLElement)) return;
  const next = link.dataset.place;
  if (next === 'channel' || next === 'dm' || next === 'home') show(next);
});

// An input of the Home view that dispatches on Enter (the search box).
messages.addEventListener('submit', (event) => {
  const formEl = /** @type {HTMLElement} */ (event.target).closest('form[data-input-action-id]');
  if (!(formEl instanceof HTMLFormElement)) return;
  event.preventDefault();
  const field = /** @type {HTMLInputElement | null} */ (formEl.querySelector('input[name="value"]'));
  const value = field?.value ?? '';
  void busy(null, () => post('/api/view-input', { action: formEl.dataset.inputActionId, value }));
});

hints.addEventListener('click', (event) => {
  const b = /** @type {HTMLElement} */ (event.target).closest('button.hint');
  if (!(b instanceof HTMLButtonElement)) return;
  input.value = b.dataset.text ?? '';
  input.focus();
});

messages.addEventListener('click', (event) => {
  const shortcut = /** @type {HTMLElement} */ (event.target).closest('button.msg-shortcut');
  if (shortcut instanceof HTMLButtonElement) {
    const entry = /** @type {HTMLElement | null} */ (shortcut.closest('[data-entry-id]'));
    const items = shortcut.closest('.msg-menu-items');
    if (items instanceof HTMLElement) items.hidden = true;
    if (entry) void busy(shortcut, () => post('/api/shortcut', { entry: entry.dataset.entryId }));
    return;
  }
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-action-id]');
  if (!(button instanceof HTMLButtonElement)) return;
  const entry = /** @type {HTMLElement | null} */ (button.closest('[data-entry-id]'));
  if (!entry) return;
  void busy(button, () => post('/api/action', { entry: entry.dataset.entryId, action: button.dataset.actionId }));
});

// In a narrow window the sidebar is a bar with this toggle (style.css); wide, the toggle is hidden.
sidebarToggle.addEventListener('click', () => {
  const open = sidebar.classList.toggle('open');
  sidebarToggle.setAttribute('aria-expanded', String(open));
});

digestButton.addEventListener('click', () => {
  void busy(digestButton, () => post('/api/digest', {}));
});

const events = new EventSource('/api/events');
events.addEventListener('reset', (event) => {
  const state = JSON.parse(/** @type {MessageEvent} */ (event).data);
  showInfo(state.info);
  messages.replaceChildren();
  entries.clear();
  for (const entry of state.entries) draw(entry);
  document.body.dataset.ready = 'true';
  showStatus('');
});
events.addEventListener('entry', (event) => draw(JSON.parse(/** @type {MessageEvent} */ (event).data)));
events.addEventListener('remove', (event) => {
  const { id } = JSON.parse(/** @type {MessageEvent} */ (event).data);
  entries.delete(id);
  messages.querySelector(`[data-entry-id="${CSS.escape(id)}"]`)?.remove();
});
events.addEventListener('info', (event) => showInfo(JSON.parse(/** @type {MessageEvent} */ (event).data)));
events.addEventListener('error', () => showStatus('Lost the connection to the playground; reconnecting…', true));
