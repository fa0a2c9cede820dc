import { context, type SlackMessage, section } from './message.js';

/** What the user sees when something failed: short, bilingual, with the id that finds the detail in the log. */
export function errorMessage(errorId: string): SlackMessage {
  const text = `Sorry, something went wrong (error id ${errorId}). 抱歉，出错了（错误编号 ${errorId}）。`;
  return {
    text,
    blocks: [
      section(`:warning: Sorry, something went wrong. 抱歉，出错了。`),
      context(`Error id 错误编号: \`${errorId}\` (please mention it when you report the problem 反馈问题时请附上)`),
    ],
  };
}
