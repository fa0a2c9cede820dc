/**
 * Block Kit as terminal text, for the local console: links as `label (url)`, bold markers and zero-width spaces
 * dropped, Slack's entities decoded, and control characters removed so nothing from the archive can drive the terminal.
 */
type Json = Record<string, unknown>;

export interface RenderedButton {
  label: string;
  actionId: string;
  value?: string;
}

export function mrkdwnToText(text: string): string {
  return safe(
    text
      .replace(/<([^|<>]+)\|([^<>]*)>/g, (_m, url: string, label: string) => `${label} (${url})`)
      .replace(/<(@[UW][A-Z0-9]+)>/g, '$1')
      .replace(/<([^<>]+)>/g, '$1')
      .replace(/\u200B/g, '')
      .replace(/(^|[\s(（])\*([^*\n]+)\*/gu, '$1$2')
      .replace(/\*([^*\n]+)\*/gu, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

function safe(text: string): string {
  // Keep newlines and tabs; drop every other C0/C1 control character (ANSI escapes start with one).
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

export function renderBlocks(blocks: Json[]): { text: string; buttons: RenderedButton[] } {
  const lines: string[] = [];
  const buttons: RenderedButton[] = [];
  const take = (el: Json | undefined): string | undefined => {
    if (!el || el.type !== 'button') return undefined;
    const label = safe(String((el.text as Json | undefined)?.text ?? ''));
    buttons.push({ label, actionId: String(el.action_id), value: el.value as string | undefined });
    return `[${label}]`;
  };
  for (const block of blocks) {
    const text = (block.text as Json | undefined)?.text;
    switch (block.type) {
      case 'header':
        lines.push(`== ${safe(String(text ?? ''))} ==`);
        break;
      case 'section': {
        const accessory = take(block.accessory as Json | undefined);
        lines.push(mrkdwnToText(String(text ?? '')) + (accessory ? `  ${accessory}` : ''));
        break;
      }
      case 'context':
        lines.push('   ' + ((block.elements as Json[] | undefined) ?? []).map((e) => mrkdwnToText(String(e.text ?? ''))).join('  '));
        break;
      case 'divider':
        lines.push('   ' + '─'.repeat(40));
        break;
      case 'actions':
        lines.push(((block.elements as Json[] | undefined) ?? []).map((e) => take(e)).filter(Boolean).join(' '));
        break;
      default:
        lines.push(`(${String(block.type)} block)`);
    }
  }
  return { text: lines.join('\n'), buttons };
}
