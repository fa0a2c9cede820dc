import { LogLevel } from '@slack/bolt';
import { expect } from 'chai';
import { boltLogger } from '../../src/slack/bolt-logger.js';
import { memoryLog } from './harness.js';

describe('Bolt logger adapter', () => {
  it('writes at or above its level, named, and never throws on what it is given', () => {
    const log = memoryLog();
    const logger = boltLogger(log, LogLevel.WARN);
    logger.setName('socket-mode');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    logger.debug('not shown');
    logger.warn('odd value', cyclic, new Error('boom'), { ok: true });
    expect(log.lines).to.deep.equal([
      { level: 'warn', msg: 'socket-mode: odd value [object Object] boom {"ok":true}', fields: undefined },
    ]);
  });
});
