import { expect } from 'chai';
import { helpVerb } from '../../src/slack/listeners/commands/help.js';
import { latestVerb } from '../../src/slack/listeners/commands/latest.js';
import { routeCommand } from '../../src/slack/listeners/commands/router.js';
import { searchVerb } from '../../src/slack/listeners/commands/search.js';
import type { CommandVerb } from '../../src/slack/types.js';

const subscribe: CommandVerb = {
  name: 'subscribe',
  accepts: (r) => /^(|daily|weekly)$/.test(r),
  help: { usage: 'subscribe', zh: '', en: '' },
  run: async () => undefined,
};
const table = [searchVerb, latestVerb, subscribe, helpVerb];
const route = (text: string) => {
  const r = routeCommand(text, table, searchVerb, helpVerb);
  return [r.verb.name, r.rest];
};

describe('command router', () => {
  it('sends empty text and help to help', () => {
    expect(route('')).to.deep.equal(['help', '']);
    expect(route('   ')).to.deep.equal(['help', '']);
    expect(route('HELP')).to.deep.equal(['help', '']);
    expect(route('帮助')).to.deep.equal(['help', '']);
  });

  it('routes verbs by their first word, with their arguments', () => {
    expect(route('latest 3')).to.deep.equal(['latest', '3']);
    expect(route('最新')).to.deep.equal(['latest', '']);
    expect(route('subscribe  daily')).to.deep.equal(['subscribe', 'daily']);
    expect(route('search latest')).to.deep.equal(['search', 'latest']);
  });

  it('searches everything else, including verb words used as search terms', () => {
    expect(route('kubeadm upgrade')).to.deep.equal(['search', 'kubeadm upgrade']);
    expect(route('latest kubernetes features')).to.deep.equal(['search', 'latest kubernetes features']);
    expect(route('help me with pods')).to.deep.equal(['search', 'help me with pods']);
    expect(route('subscribe hourly')).to.deep.equal(['search', 'subscribe hourly']);
    expect(route('调度器')).to.deep.equal(['search', '调度器']);
  });
});
