/**
 * How a newcomer starts the playground and reads the settings: the npm scripts pass their flags to `start` (npm drops
 * flags after `npm start` that lack a `--`), and .env.example tells the zone the crons run in as the scheduler does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PROJECT_ROOT } from '../../src/config.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('playground scripts and .env.example', () => {
  it('npm run playground and playground:sample start the playground, the second with the sample feed', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.playground).to.equal('node dist/cli.js start --playground');
    expect(scripts['playground:sample']).to.equal('node dist/cli.js start --playground --sample-feed');
  });

  // src/digest/schedule.ts gives every cron task (poll and digests) timezone: DIGEST_TZ.
  it('.env.example says POLL_CRON and DIGEST_CRON run in DIGEST_TZ, as the scheduler runs them', () => {
    const lines = read('.env.example').split('\n');
    const about = (name: string) => lines[lines.findIndex((l) => l.startsWith(`# ${name}=`)) - 1];
    expect(about('POLL_CRON')).to.contain('in DIGEST_TZ').and.not.contain('server time');
    expect(about('DIGEST_CRON')).to.contain('in DIGEST_TZ');
  });
});
