/** Profile sets: who holds a profile, and moving them all to another before a profile is removed. */
import { ConflictError } from '../../errors';
import { findProfileSet } from '../../rules/find-in-rule-set';
import { profileHolders, reassignProfile } from '../../store/profile-reassignment';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';

/** GET and POST on /v1/profile-sets/{setId}/profiles/{profileId}/…. */
export function profileSetRoutes(deps: ApiDeps): ApiRoute[] {
  const profileOf = (setId: string, profileId: string) => findProfileSet(deps.rules.current, setId, profileId);
  return [
    {
      method: 'get',
      path: '/v1/profile-sets/{setId}/profiles/{profileId}/holders',
      summary: 'How many customers hold a profile, and the first of them',
      tag: 'Profiles',
      auth: true,
      responses: { 200: { description: '`{ count, sample }`' }, 404: { description: 'No such set or profile.', schema: 'Problem' } },
      handle: async (req, res) => {
        const setId = pathParam(req, 'setId');
        const profileId = pathParam(req, 'profileId');
        profileOf(setId, profileId);
        res.json({ setId, profileId, ...(await profileHolders(deps.db, setId, profileId)) });
      },
    },
    {
      method: 'post',
      path: '/v1/profile-sets/{setId}/profiles/{profileId}/reassign',
      summary: 'Move every holder of a profile to another profile of the set',
      description:
        'The step before removing a profile from the rules: with `dryRun: true` (the default) nothing changes and the answer ' +
        'says who would move where; with `dryRun: false` they all move in one transaction, each on their timeline.',
      tag: 'Profiles',
      auth: true,
      requestBody: 'ProfileReassignment',
      responses: { 200: { description: '`{ dryRun, count, sample, moved }`' }, 404: { description: 'No such set or profile.', schema: 'Problem' } },
      handle: async (req, res) => {
        const setId = pathParam(req, 'setId');
        const from = pathParam(req, 'profileId');
        const body = deps.validator.validate<{ to: string; reassignedBy: string; dryRun?: boolean }>('ProfileReassignment', req.body);
        profileOf(setId, from);
        profileOf(setId, body.to);
        if (body.to === from) throw new ConflictError('The target profile is the profile being emptied; choose another target.');
        const dryRun = body.dryRun ?? true;
        const holders = await profileHolders(deps.db, setId, from);
        const moved = dryRun ? 0 : await reassignProfile(deps.db, { setId, from, to: body.to, reassignedBy: body.reassignedBy });
        res.json({ setId, from, to: body.to, dryRun, ...holders, moved });
      },
    },
  ];
}
