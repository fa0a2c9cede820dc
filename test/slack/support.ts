export { eventCallback, linkSharedEvent } from '../../src/slack-standin/index.js';
export { ZWSP as ZWSP_FOR_TESTS } from '../../src/slack/mrkdwn.js';
