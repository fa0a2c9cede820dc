import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import matter from 'gray-matter';
import { PROJECT_ROOT } from '../../src/config.js';
import { COMMAND, EVENTS_PATH } from '../../src/slack/index.js';

interface Manifest {
  display_information: { name: string; description: string; long_description: string; background_color: string };
  features: {
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
    expect(manifest.settings.event_subscriptions.bot_events).to.deep.equal(['link_shared']);
    expect(manifest.features.unfurl_domains).to.deep.equal(['kubernetes.io']);
    expect(manifest.settings.interactivity.is_enabled).to.equal(true);
  });

  it('asks for exactly the scopes the README explains', () => {
    const scopes = [...manifest.oauth_config.scopes.bot].sort();
    expect(scopes).to.deep.equal([
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'groups:history',
      'im:write',
      'links:read',
      'links:write',
    ]);
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const scope of scopes) expect(readme, `README explains ${scope}`).to.include(`| \`${scope}\` |`);
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
