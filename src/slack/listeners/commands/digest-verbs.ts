/** The verbs the digest adds to /k8sblog, in the order help lists them. */
import type { DigestService } from '../../../digest/service.js';
import type { CommandVerb } from '../../types.js';
import { statusVerb } from './status.js';
import { subscribeVerb } from './subscribe.js';
import { unsubscribeVerb } from './unsubscribe.js';

export function digestVerbs(service: DigestService, tz: string): CommandVerb[] {
  return [subscribeVerb(service, tz), unsubscribeVerb(service), statusVerb(service, tz)];
}
