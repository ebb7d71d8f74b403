/** Groups: the rule set's groups, the live member count ("View Users") and the member list. */
import { findGroup } from '../../rules/find-in-rule-set';
import type { CompiledGroup } from '../../rules/rule-set';
import { countGroupMembers, listGroupMembers } from '../../store/group-store';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { pageQuery } from '../page-query';

/** GET /v1/groups, /v1/groups/{groupId}/count, /v1/groups/{groupId}/members. */
export function groupRoutes(deps: ApiDeps): ApiRoute[] {
  const group = (id: string): CompiledGroup => findGroup(deps.rules.current, id);
  const notFound = { description: 'No such group.', schema: 'Problem' };
  return [
    {
      method: 'get',
      path: '/v1/groups',
      summary: 'The groups of the rule set in use',
      tag: 'Groups',
      auth: true,
      responses: { 200: { description: '`{ groups: [{ id, name, description, kind }] }`' } },
      handle: (_req, res) => {
        res.json({ groups: deps.rules.current.groups.map(({ id, name, description, kind }) => ({ id, name, description, kind })) });
      },
    },
    {
      method: 'get',
      path: '/v1/groups/{groupId}/count',
      summary: 'How many customers are in the group now',
      description: 'Conditional groups are counted in the database from their condition (same semantics as the rules in memory).',
      tag: 'Groups',
      auth: true,
      responses: { 200: { description: '`{ groupId, count, at }`' }, 404: notFound },
      handle: async (req, res) => {
        const at = new Date();
        const found = group(pathParam(req, 'groupId'));
        res.json({ groupId: found.id, count: await countGroupMembers(deps.db, deps.rules.current, found, at), at: at.toISOString() });
      },
    },
    {
      method: 'get',
      path: '/v1/groups/{groupId}/members',
      summary: 'The customers in the group now',
      description: 'Pages of `limit` (default 50, at most 500) customer ids in id order; pass the last id as `after`.',
      tag: 'Groups',
      auth: true,
      responses: { 200: { description: '`{ groupId, customerIds, next? }`' }, 404: notFound },
      handle: async (req, res) => {
        const found = group(pathParam(req, 'groupId'));
        const page = pageQuery(req.query as Record<string, unknown>);
        const customerIds = await listGroupMembers(deps.db, deps.rules.current, found, new Date(), page);
        const next = customerIds.length === page.limit ? customerIds.at(-1) : undefined;
        res.json({ groupId: found.id, customerIds, ...(next && { next }) });
      },
    },
  ];
}
