/** Groups: the rule set's groups, the live member count ("View Users") and the member list. */
import { groupMemberCount, groupMembers, listGroups } from '../../use-cases/group-views';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { pageParameters, pageQuery } from '../page-query';
import { responseSchemas } from '../response-schemas';

/** GET /v1/groups, /v1/groups/{groupId}/count, /v1/groups/{groupId}/members. */
export function groupRoutes(deps: ApiDeps): ApiRoute[] {
  const notFound = { description: 'No such group.', schema: 'Problem' };
  return [
    {
      method: 'get',
      path: '/v1/groups',
      summary: 'The groups of the rule set in use',
      tag: 'Groups',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'The groups.', schema: responseSchemas.groups } },
      handle: (_req, res) => {
        res.json(listGroups(deps.rules.current));
      },
    },
    {
      method: 'get',
      path: '/v1/groups/{groupId}/count',
      summary: 'How many customers are in the group now',
      description: 'Conditional groups are counted in the database from their condition (same semantics as the rules in memory).',
      tag: 'Groups',
      scope: 'customers:read',
      query: [],
      responses: { 200: { description: 'The count, and when it was taken.', schema: responseSchemas.groupCount }, 404: notFound },
      handle: async (req, res) => {
        res.json(await groupMemberCount(deps.db, deps.rules.current, pathParam(req, 'groupId')));
      },
    },
    {
      method: 'get',
      path: '/v1/groups/{groupId}/members',
      summary: 'The customers in the group now',
      description: 'Pages of `limit` (default 50, at most 500) customer ids in id order; pass the last id as `after`.',
      tag: 'Groups',
      scope: 'customers:read',
      query: pageParameters,
      responses: { 200: { description: 'A page of member ids.', schema: responseSchemas.groupMembers }, 404: notFound },
      handle: async (req, res) => {
        const page = pageQuery(req.query);
        res.json(await groupMembers(deps.db, deps.rules.current, pathParam(req, 'groupId'), page));
      },
    },
  ];
}
