/**
 * People closing the tasks reminders made for them (a call made, a letter sent, an invoice handled
 * by hand): done by whom, with what came of it. The system cancels the tasks that no longer apply
 * (src/store/dunning-store.ts: cancelTasksOfPaidInvoice, cancelManualHandlingTask); those cannot be marked done afterwards.
 */
import { ConflictError, NotFoundError } from '../errors';
import type { Queryable } from '../store/database';
import { completeTask, getTask, type Task } from '../store/dunning-store';

/**
 * Marks the task done and answers it; marking a done task again answers it unchanged (a repeated
 * request). NotFoundError for an unknown task, ConflictError for one the system cancelled.
 */
export async function markTaskDone(db: Queryable, taskId: string, done: { doneBy: string; outcome?: string }): Promise<Task> {
  const task = await completeTask(db, taskId, done);
  if (!task) throw new NotFoundError(`No task has the id "${taskId}". List them with GET /v1/tasks.`);
  if (task.status === 'cancelled') {
    throw new ConflictError(
      `Task "${taskId}" was cancelled on ${task.closedAt} (${task.closeReason}): it no longer applies and cannot be marked done.`,
    );
  }
  return task;
}

/** One task as GET /v1/tasks lists it; NotFoundError for an unknown id. */
export async function taskView(db: Queryable, taskId: string): Promise<Task> {
  const task = await getTask(db, taskId);
  if (!task) throw new NotFoundError(`No task has the id "${taskId}". List them with GET /v1/tasks.`);
  return task;
}
