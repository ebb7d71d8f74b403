/**
 * The rules both load benchmarks run: a copy of rules/ where every workflow the traffic starts can
 * finish within minutes.
 * - The four return-behaviour profiles are active (they ship inactive), so returns recalculate.
 * - New customers get the account type "standard" (not "to-assign"), so every invoice starts a
 *   reminder sequence.
 * - The returns window is 1 month (the shortest there is): the generator dates returns so that they
 *   leave it 1–3 minutes after they are sent, and the returns-window workflows then recalculate and end.
 */
import path from 'node:path';
import { activateReturnerProfiles, copyRules } from '../bench-support';

export const benchReturnsWindowMonths = 1;

/** Writes the bench rules under `workDir`/rules and returns that folder. */
export function writeBenchRules(workDir: string): string {
  return copyRules(path.join(workDir, 'rules'), [
    activateReturnerProfiles,
    { file: 'profiles/account-type.yaml', from: 'defaultProfile: to-assign', to: 'defaultProfile: standard', times: 1 },
    { file: 'settings.yaml', from: 'returnsWindow: 12 months', to: `returnsWindow: ${benchReturnsWindowMonths} month`, times: 1 },
  ]);
}
