/** Profile sets: who holds a profile, and moving them all to another before a profile is removed. */
import { profileHoldersOf, reassignProfileHolders } from '../../use-cases/reassign-profile';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { responseSchemas } from '../response-schemas';
import { withActor } from '../actor';

/** GET and POST on /v1/profile-sets/{setId}/profiles/{profileId}/…. */
export function profileSetRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/v1/profile-sets/{setId}/profiles/{profileId}/holders',
      summary: 'How many customers hold a profile, and the first of them',
      tag: 'Profiles',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'The count and the first holders.', schema: responseSchemas.profileHolders },
        404: { description: 'No such set or profile.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await profileHoldersOf(deps.db, deps.rules.current, pathParam(req, 'setId'), pathParam(req, 'profileId')));
      },
    },
    {
      method: 'post',
      path: '/v1/profile-sets/{setId}/profiles/{profileId}/reassign',
      summary: 'Move every holder of a profile to another profile of the set',
      description:
        'The step before removing a profile from the rules: with `dryRun: true` (the default) nothing changes and the answer ' +
        'says who would move where; with `dryRun: false` they all move in one transaction, each as by ' +
        '`PUT /v1/customers/{customerId}/profiles/{setId}`: on their timeline, the reminder sequences of the old profile ' +
        "end with `profile-changed` and the new profile's scenario starts for what is still owed.",
      tag: 'Profiles',
      scope: 'profiles:assign',
      auditedBodyIds: ['to'],
      idempotencyKey: true,
      query: [],
      requestBody: 'ProfileReassignment',
      responses: {
        200: { description: 'Who moves (or moved) where.', schema: responseSchemas.profileReassignment },
        404: { description: 'No such set or profile.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const setId = pathParam(req, 'setId');
        const from = pathParam(req, 'profileId');
        const body = withActor(res, deps.validator.validate('ProfileReassignment', req.body), 'reassignedBy');
        res.json(await reassignProfileHolders(deps.db, deps.rules.current, { setId, from, ...body }));
      },
    },
  ];
}
