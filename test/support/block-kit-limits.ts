/**
 * Block Kit's documented limits (https://api.slack.com/reference/block-kit), checked on a message we built.
 * Slack rejects a message that breaks any of them with `invalid_blocks`, so tests run every builder through this.
 */
export const LIMITS = {
  blocks: 50,
  viewBlocks: 100,
  inputLabel: 2000,
  inputPlaceholder: 150,
  inputInitialValue: 3000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  messageText: 40000,
} as const;

type Json = Record<string, unknown>;

const textOf = (t: unknown): string | undefined =>
  t && typeof t === 'object' ? ((t as Json).text as string | undefined) : undefined;

/** Every broken limit, one readable line each; empty when the message (or a view, `kind: 'view'`) is fine. */
export function blockKitProblems(
  message: { text?: string; blocks?: unknown[] },
  kind: 'message' | 'view' = 'message',
): string[] {
  const problems: string[] = [];
  const blocks = (message.blocks ?? []) as Json[];
  const too = (what: string, length: number, max: number): void => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  if (message.text !== undefined) too('message text', message.text.length, LIMITS.messageText);
  too('blocks', blocks.length, kind === 'view' ? LIMITS.viewBlocks : LIMITS.blocks);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();

  const checkButton = (el: Json, where: string): void => {
    if (el.type !== 'button') return;
    const label = textOf(el.text) ?? '';
    if (!label) problems.push(`${where}: button without text`);
    too(`${where} button text`, label.length, LIMITS.buttonText);
    if (typeof el.value === 'string') too(`${where} button value`, el.value.length, LIMITS.buttonValue);
    if (typeof el.url === 'string') too(`${where} button url`, el.url.length, LIMITS.buttonUrl);
  };
  const checkElement = (el: Json, where: string): void => {
    if (typeof el.action_id === 'string') {
      too(`${where} action_id`, el.action_id.length, LIMITS.actionId);
      if (actionIds.has(el.action_id)) problems.push(`${where}: duplicate action_id ${el.action_id}`);
      actionIds.add(el.action_id);
    }
    checkButton(el, where);
  };

  blocks.forEach((block, i) => {
    const where = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      too(`${where} block_id`, block.block_id.length, LIMITS.blockId);
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section': {
        const text = textOf(block.text);
        const fields = (block.fields ?? []) as Json[];
        if (text === undefined && fields.length === 0) problems.push(`${where}: neither text nor fields`);
        if (text !== undefined) {
          if (text.length === 0) problems.push(`${where}: empty text`);
          too(`${where} text`, text.length, LIMITS.sectionText);
        }
        too(`${where} fields`, fields.length, LIMITS.sectionFields);
        for (const [j, f] of fields.entries()) too(`${where} field ${j}`, (textOf(f) ?? '').length, LIMITS.fieldText);
        if (block.accessory) checkElement(block.accessory as Json, `${where} accessory`);
        break;
      }
      case 'header': {
        const text = textOf(block.text) ?? '';
        if (!text) problems.push(`${where}: empty text`);
        too(`${where} text`, text.length, LIMITS.headerText);
        if ((block.text as Json | undefined)?.type !== 'plain_text')
          problems.push(`${where}: header text must be plain_text`);
        break;
      }
      case 'context': {
        const elements = (block.elements ?? []) as Json[];
        if (elements.length === 0) problems.push(`${where}: no elements`);
        too(`${where} elements`, elements.length, LIMITS.contextElements);
        elements.forEach((e, j) => {
          const text = textOf(e);
          if (text !== undefined) {
            if (!text) problems.push(`${where} element ${j}: empty text`);
            too(`${where} element ${j} text`, text.length, LIMITS.contextText);
          }
        });
        break;
      }
      case 'actions': {
        const elements = (block.elements ?? []) as Json[];
        if (elements.length === 0) problems.push(`${where}: no elements`);
        too(`${where} elements`, elements.length, LIMITS.actionsElements);
        for (const [j, e] of elements.entries()) checkElement(e, `${where} element ${j}`);
        break;
      }
      case 'input': {
        const label = textOf(block.label) ?? '';
        if (!label) problems.push(`${where}: input without a label`);
        too(`${where} label`, label.length, LIMITS.inputLabel);
        const el = (block.element ?? {}) as Json;
        if (el.type !== 'plain_text_input') problems.push(`${where}: element ${String(el.type)} not checked here`);
        too(`${where} placeholder`, (textOf(el.placeholder) ?? '').length, LIMITS.inputPlaceholder);
        if (typeof el.initial_value === 'string')
          too(`${where} initial_value`, el.initial_value.length, LIMITS.inputInitialValue);
        checkElement(el, where);
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${where}: block type not checked here`);
    }
  });
  return problems;
}
