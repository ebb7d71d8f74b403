import { parseArgs } from 'node:util';
import { apiOptions, apiTarget, callApi } from './api-client';

const help = `rulebook profiles reassign --set SET --from PROFILE --to PROFILE [--apply] [--by PERSON] [--api URL] [--token TOKEN]

Before a profile is removed from the rules, its holders need another profile. Without --apply this
only shows how many customers hold SET/PROFILE and who they are, and that they would move to
SET/TO; with --apply they all move as a change by hand moves one: on the customer's timeline, the
old profile's reminders end (profile-changed) and the new profile's scenario starts for what is
still owed. Talks to the running API (RULEBOOK_API_URL, default http://127.0.0.1:3000; token from
API_TOKEN or .data/api-token). The move is recorded as the credential's, or as "PERSON via <credential>"
with --by (sent as On-Behalf-Of: the credential must hold the scope delegate).`;

/** `rulebook profiles reassign …`. */
export async function profilesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      set: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      apply: { type: 'boolean', default: false },
      by: { type: 'string' },
      ...apiOptions,
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals[0] !== 'reassign' || !values.set || !values.from || !values.to) {
    console.error(`rulebook profiles: give reassign --set, --from and --to (the target profile is required)\n\n${help}`);
    return 2;
  }
  const target = apiTarget(values);
  const outcome = await callApi<{ count: number; sample: string[]; moved: number }>(
    target,
    'POST',
    `/v1/profile-sets/${encodeURIComponent(values.set)}/profiles/${encodeURIComponent(values.from)}/reassign`,
    { to: values.to, dryRun: !values.apply },
    { ...(values.by && { onBehalfOf: values.by }) },
  );
  const who = outcome.sample.length > 0 ? `: ${outcome.sample.join(', ')}${outcome.count > outcome.sample.length ? ', …' : ''}` : '';
  if (!values.apply) {
    console.log(`${outcome.count} customers hold ${values.set}/${values.from}${who}`);
    console.log(`They would move to ${values.set}/${values.to}. Nothing changed; run again with --apply to move them.`);
  } else {
    console.log(`Moved ${outcome.moved} customers from ${values.set}/${values.from} to ${values.set}/${values.to}.`);
  }
  return 0;
}
