/**
 * Block Kit → HTML for the playground page: the blocks and attachments the bot sends, drawn roughly as Slack draws
 * them. The input is whatever JSON the app posted, so nothing is assumed about its shape: an unknown block or element
 * is named, not dropped, and malformed values never throw. All text goes through renderMrkdwn/renderPlainText or
 * escapeHtml; buttons carry their action_id in a data attribute for the page to send back.
 */
import { anchor, escapeHtml, safeHref } from './html.js';
import { type MrkdwnOptions, renderMrkdwn, renderPlainText } from './mrkdwn.js';

export type RenderOptions = MrkdwnOptions;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface MessageLike {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
  /** `false` shows `text` without formatting. */
  mrkdwn?: unknown;
}

/** A message as Slack shows it: its blocks, or its text when it has none; then its attachments. */
export function renderMessage(message: MessageLike, options: RenderOptions = {}): string {
  const blocks = arr(message.blocks);
  let html = '';
  if (blocks.length) html += renderBlocks(blocks, options);
  else if (typeof message.text === 'string' && message.text) {
    html += `<div class="mrkdwn">${message.mrkdwn === false ? renderPlainText(message.text, false) : renderMrkdwn(message.text, options)}</div>`;
  }
  for (const attachment of arr(message.attachments)) html += renderAttachment(attachment, options);
  return html;
}

export function renderBlocks(blocks: unknown, options: RenderOptions = {}): string {
  return arr(blocks)
    .map((b) => renderBlock(b, options))
    .join('');
}

function renderBlock(value: unknown, options: RenderOptions): string {
  const block = obj(value);
  const type = str(block?.type) ?? '?';
  if (!block) return unsupported('block', type);
  switch (type) {
    case 'header':
      return `<div class="block header">${textObject(block.text, options)}</div>`;
    case 'divider':
      return '<hr class="block divider">';
    case 'section': {
      const fields = arr(block.fields);
      const body =
        (block.text ? `<div class="section-text">${textObject(block.text, options)}</div>` : '') +
        (fields.length
          ? `<div class="fields">${fields.map((f) => `<div class="field">${textObject(f, options)}</div>`).join('')}</div>`
          : '');
      const accessory = block.accessory ? `<div class="accessory">${element(block.accessory, options)}</div>` : '';
      return `<div class="block section"><div class="section-body">${body}</div>${accessory}</div>`;
    }
    case 'context':
      return `<div class="block context">${arr(block.elements)
        .map((e) => `<span class="context-item">${contextElement(e, options)}</span>`)
        .join('')}</div>`;
    case 'actions':
      return `<div class="block actions">${arr(block.elements)
        .map((e) => element(e, options))
        .join('')}</div>`;
    case 'input':
      return inputBlock(block, options);
    case 'image':
      return `<div class="block image">${imagePlaceholder(block)}${block.title ? `<div class="image-title">${textObject(block.title, options)}</div>` : ''}</div>`;
    default:
      return unsupported('block', type);
  }
}

/** A text object: mrkdwn is formatted, plain_text is not (emoji codes aside). */
function textObject(value: unknown, options: RenderOptions): string {
  const t = obj(value);
  const text = str(t?.text);
  if (!t || text === undefined) return '';
  if (t.type === 'mrkdwn') return `<span class="mrkdwn">${renderMrkdwn(text, options)}</span>`;
  return `<span class="plain">${renderPlainText(text, t.emoji !== false)}</span>`;
}

function contextElement(value: unknown, options: RenderOptions): string {
  const e = obj(value);
  if (e?.type === 'image') return imagePlaceholder(e, 'context-image');
  return textObject(value, options);
}

/** Interactive elements: buttons work, link buttons open their URL, anything else is named. */
function element(value: unknown, options: RenderOptions): string {
  const e = obj(value);
  const type = str(e?.type) ?? '?';
  if (!e) return unsupported('element', type);
  if (type === 'image') return imagePlaceholder(e, 'accessory-image');
  if (type !== 'button') return unsupported('element', type);
  const label = textObject(e.text, options);
  const style = e.style === 'primary' || e.style === 'danger' ? ` btn-${e.style}` : '';
  const url = str(e.url);
  const href = url ? safeHref(url) : undefined;
  if (href)
    return `<a class="btn${style}" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
  const actionId = str(e.action_id) ?? '';
  return `<button type="button" class="btn${style}" data-action-id="${escapeHtml(actionId)}">${label}</button>`;
}

/** The page needs no internet, so images are never fetched: their alt text stands in for them. */
function imagePlaceholder(e: Json, kind = 'image-placeholder'): string {
  const alt = str(e.alt_text) ?? 'image';
  return `<span class="${kind}" title="${escapeHtml(alt)}">🖼 ${escapeHtml(alt)}</span>`;
}

/** A text input that dispatches on Enter (the Home tab's search box): a form the page sends back with its action_id. */
function inputBlock(block: Record<string, unknown>, options: RenderOptions): string {
  const el = obj(block.element);
  if (str(el?.type) !== 'plain_text_input' || !el) return unsupported('element', str(el?.type) ?? '?');
  const actionId = str(el.action_id) ?? '';
  const placeholder = str(obj(el.placeholder)?.text) ?? '';
  const value = str(el.initial_value) ?? '';
  return (
    `<form class="block input" data-input-action-id="${escapeHtml(actionId)}">` +
    `<label class="input-label">${textObject(block.label, options)}` +
    `<input type="text" name="value" maxlength="3000" value="${escapeHtml(value)}" placeholder="${escapeHtml(placeholder)}"></label>` +
    '</form>'
  );
}

function unsupported(what: 'block' | 'element', type: string): string {
  return `<span class="unsupported">[${what} “${escapeHtml(type)}” is not shown in the playground]</span>`;
}

const ATTACHMENT_COLORS = new Set(['good', 'warning', 'danger']);

/**
 * A secondary attachment, or an unfurl (`chat.unfurl` values have the same shape): blocks, or the legacy fields.
 * Hex colours are not drawn: the page's style sheet allows no inline styles.
 */
export function renderAttachment(value: unknown, options: RenderOptions = {}, kind = 'attachment'): string {
  const a = obj(value);
  if (!a) return '';
  const color = str(a.color);
  const colorClass = color && ATTACHMENT_COLORS.has(color) ? ` attachment-${color}` : '';
  let inner = '';
  const pretext = str(a.pretext);
  if (pretext) inner += `<div class="pretext mrkdwn">${renderMrkdwn(pretext, options)}</div>`;
  const author = str(a.author_name);
  if (author) inner += `<div class="attachment-author">${escapeHtml(author)}</div>`;
  const title = str(a.title);
  if (title) {
    const href = str(a.title_link) ? safeHref(str(a.title_link)!) : undefined;
    inner += `<div class="attachment-title">${href ? anchor(href, escapeHtml(title)) : escapeHtml(title)}</div>`;
  }
  const text = str(a.text);
  if (text) inner += `<div class="mrkdwn">${renderMrkdwn(text, options)}</div>`;
  const fields = arr(a.fields)
    .map(obj)
    .filter((f): f is Json => Boolean(f));
  if (fields.length) {
    inner += `<div class="fields">${fields
      .map(
        (f) =>
          `<div class="field"><b>${escapeHtml(str(f.title) ?? '')}</b><br>${renderMrkdwn(str(f.value) ?? '', options)}</div>`,
      )
      .join('')}</div>`;
  }
  inner += renderBlocks(a.blocks, options);
  const footer = str(a.footer);
  if (footer) inner += `<div class="attachment-footer">${renderMrkdwn(footer, options)}</div>`;
  if (!inner) {
    const fallback = str(a.fallback);
    if (fallback) inner = `<div class="mrkdwn">${escapeHtml(fallback)}</div>`;
  }
  return `<div class="${kind}${colorClass}">${inner}</div>`;
}
