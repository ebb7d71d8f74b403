/**
 * Recalculating the customers a reload disconnected (issue 12): when a rule change removes a profile
 * of an automatic set, the reload's transaction takes it from its holders and queues this workflow
 * (`profile-recalculation-{jobId}`); it recalculates them with the new rules in batches. The
 * database records each customer done, so a crash or a deploy resumes where it stopped.
 */
import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import { fileJobStep } from './activity-options';
import type { ProfileActivities } from '../activities/profile-activities';

const { recalculateAfterRuleChange } = proxyActivities<ProfileActivities>(fileJobStep);

/** Keeps history short for very large jobs. */
const batchesBeforeContinuing = 200;

/** Recalculates the job's customers, batch after batch, until none is left. */
export async function profileRecalculation(input: { jobId: string }): Promise<void> {
  for (let batch = 0; batch < batchesBeforeContinuing; batch++) {
    const { remaining } = await recalculateAfterRuleChange({ jobId: input.jobId });
    if (remaining === 0) return;
  }
  await continueAsNew<typeof profileRecalculation>(input);
}
