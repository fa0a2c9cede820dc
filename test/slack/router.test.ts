import { expect } from 'chai';
import type { DigestService } from '../../src/digest/service.js';
import { problemText } from '../../src/slack/blocks/usage.js';
import { helpVerb } from '../../src/slack/listeners/commands/help.js';
import { latestVerb } from '../../src/slack/listeners/commands/latest.js';
import { routeCommand } from '../../src/slack/listeners/commands/router.js';
import { searchVerb } from '../../src/slack/listeners/commands/search.js';
import { statusVerb } from '../../src/slack/listeners/commands/status.js';
import { subscribeVerb } from '../../src/slack/listeners/commands/subscribe.js';
import { unsubscribeVerb } from '../../src/slack/listeners/commands/unsubscribe.js';

// Routing never calls the service: only the verbs' words and checks matter here.
const service = {} as DigestService;
const table = [
  searchVerb,
  latestVerb,
  subscribeVerb(service, 'UTC'),
  unsubscribeVerb(service),
  statusVerb(service, 'UTC'),
  helpVerb,
];
const route = (text: string) => {
  const r = routeCommand(text, table, searchVerb, helpVerb);
  return r.kind === 'run'
    ? ['run', r.verb.name, r.rest]
    : [r.searchFirst ? 'search-first' : 'usage', r.verb.name, r.rest];
};
const problem = (text: string) => {
  const r = routeCommand(text, table, searchVerb, helpVerb);
  return r.kind === 'misuse' ? r.problem : undefined;
};

describe('command router', () => {
  it('sends empty text and help to help', () => {
    expect(route('')).to.deep.equal(['run', 'help', '']);
    expect(route('   ')).to.deep.equal(['run', 'help', '']);
    expect(route('HELP')).to.deep.equal(['run', 'help', '']);
    expect(route('帮助')).to.deep.equal(['run', 'help', '']);
    expect(route('help subscribe')).to.deep.equal(['run', 'help', 'subscribe']);
  });

  it('routes verbs by their first word, with their arguments', () => {
    expect(route('latest 3')).to.deep.equal(['run', 'latest', '3']);
    expect(route('latest 500')).to.deep.equal(['run', 'latest', '500']);
    expect(route('最新')).to.deep.equal(['run', 'latest', '']);
    expect(route('subscribe  daily')).to.deep.equal(['run', 'subscribe', 'daily']);
    expect(route('订阅 每周')).to.deep.equal(['run', 'subscribe', '每周']);
    expect(route('search latest')).to.deep.equal(['run', 'search', 'latest']);
    expect(route('search subscribe monthly')).to.deep.equal(['run', 'search', 'subscribe monthly']);
  });

  it('searches everything that does not start with a verb word', () => {
    expect(route('kubeadm upgrade')).to.deep.equal(['run', 'search', 'kubeadm upgrade']);
    expect(route('调度器')).to.deep.equal(['run', 'search', '调度器']);
    expect(route('subscribed')).to.deep.equal(['run', 'search', 'subscribed']);
  });

  it('answers one word a verb cannot take with that verb’s usage error', () => {
    expect(route('subscribe monthly')).to.deep.equal(['usage', 'subscribe', 'monthly']);
    expect(route('订阅 每月')).to.deep.equal(['usage', 'subscribe', '每月']);
    expect(route('latest abc')).to.deep.equal(['usage', 'latest', 'abc']);
    expect(route('latest -5')).to.deep.equal(['usage', 'latest', '-5']);
    expect(route('status extra')).to.deep.equal(['usage', 'status', 'extra']);
    expect(route('unsubscribe now')).to.deep.equal(['usage', 'unsubscribe', 'now']);
    expect(route('search')).to.deep.equal(['usage', 'search', '']);
    const said = (text: string, lang: 'zh' | 'en') => {
      const p = problem(text);
      return p && problemText(p, lang);
    };
    expect(said('subscribe monthly', 'zh')).to.equal('频率只能是 daily（每天）或 weekly（每周），不能是“monthly”');
    expect(said('subscribe monthly', 'en')).to.equal('cadence must be daily or weekly, not “monthly”');
    expect(said('status extra', 'en')).to.equal('status takes no arguments (got “extra”)');
    expect(said('latest abc', 'en')).to.equal('n must be a whole number (at most 10), not “abc”');
  });

  it('searches several words after a verb first (plausibly a search), with the usage error as the fallback', () => {
    expect(route('latest kubernetes features')).to.deep.equal(['search-first', 'latest', 'kubernetes features']);
    expect(route('new scheduler plugins')).to.deep.equal(['search-first', 'latest', 'scheduler plugins']);
    expect(route('help me with pods')).to.deep.equal(['search-first', 'help', 'me with pods']);
    expect(route('unsubscribe extra words')).to.deep.equal(['search-first', 'unsubscribe', 'extra words']);
    expect(route('subscribe to sig node news')).to.deep.equal(['search-first', 'subscribe', 'to sig node news']);
  });
});
