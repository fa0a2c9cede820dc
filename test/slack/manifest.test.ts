import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import matter from 'gray-matter';
import { PROJECT_ROOT } from '../../src/config.js';
import { COMMAND, EVENTS_PATH } from '../../src/slack/index.js';
import { SEARCH_MESSAGE_SHORTCUT } from '../../src/slack/listeners/shortcuts/search-message.js';

interface Manifest {
  display_information: { name: string; description: string; long_description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; description: string; usage_hint: string; url?: string }>;
    unfurl_domains: string[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const text = readFileSync(path.join(PROJECT_ROOT, 'manifest.yml'), 'utf8');
// gray-matter carries a YAML parser; a front-matter wrapper lets it read the whole file.
const manifest = matter(`---\n${text}\n---\n`).data as Manifest;

describe('manifest.yml', () => {
  it('declares the command, event, unfurl domain and interactivity the app listens for', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).to.deep.equal([COMMAND]);
    expect(manifest.features.slash_commands[0].usage_hint).to.include('latest [n]');
    expect(manifest.settings.event_subscriptions.bot_events).to.deep.equal([
      'link_shared',
      'app_mention',
      'message.im',
      'app_home_opened',
    ]);
    expect(manifest.features.unfurl_domains).to.deep.equal(['kubernetes.io']);
    expect(manifest.settings.interactivity.is_enabled).to.equal(true);
  });

  it('asks for exactly the scopes the docs explain', () => {
    const scopes = [...manifest.oauth_config.scopes.bot].sort();
    expect(scopes).to.deep.equal([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'groups:history',
      'im:history',
      'im:write',
      'links:read',
      'links:write',
      'users:read',
    ]);
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const scope of scopes)
      expect(readme, `the README's scope table explains ${scope}`).to.include(`| \`${scope}\` |`);
  });

  it('opens the Home and a writable Messages tab, and declares the message shortcut the app answers', () => {
    expect(manifest.features.app_home).to.deep.equal({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.features.shortcuts).to.have.length(1);
    const [shortcut] = manifest.features.shortcuts;
    expect(shortcut).to.include({ name: 'Search the k8s blog', type: 'message', callback_id: SEARCH_MESSAGE_SHORTCUT });
    expect(shortcut.name.length).to.be.at.most(24);
    expect([...shortcut.description].length).to.be.at.most(150);
  });

  it('stays within the manifest limits and names the app in both languages', () => {
    const info = manifest.display_information;
    expect(info.name).to.equal('k8sblog');
    expect([...info.description].length).to.be.at.most(140);
    expect(info.description)
      .to.match(/Kubernetes 中文博客/)
      .and.to.match(/Search the Chinese Kubernetes blog/);
    expect(info.long_description.length).to.be.within(175, 4000);
    expect(manifest.features.bot_user.display_name).to.match(/^[a-z0-9._-]{1,80}$/);
    expect(info.background_color).to.match(/^#[0-9a-f]{6}$/i);
  });

  it('points the commented HTTP request URLs at the path the receiver serves', () => {
    const urls = [...text.matchAll(/#\s*(?:request_)?url:\s*(\S+)/g)].map((m) => new URL(m[1]).pathname);
    expect(urls).to.have.length(3);
    expect(new Set(urls)).to.deep.equal(new Set([EVENTS_PATH]));
    expect(manifest.settings.socket_mode_enabled).to.equal(true);
  });
});
