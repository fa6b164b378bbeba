// The first publish: the publisher becomes the owner, and the default rate
// limits are written.

import { MODULE_CONFIG_ID } from '../auth/module-config';
import { seedRateLimits } from '../domain/rate-limits';
import spacetimedb from '../schema';

export const init = spacetimedb.init((ctx) => {
  ctx.db.moduleConfig.insert({
    id: MODULE_CONFIG_ID,
    owner: ctx.sender,
    issuer: '',
    audience: '',
  });
  seedRateLimits(ctx.db);
});
