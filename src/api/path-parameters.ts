import type { RequestHandler } from 'express';
import { NotFoundError } from '../errors';
import { objectIdPattern } from '../store/object-id';

/**
 * Refuses a path whose parameters cannot be ids before any handler sees them: nothing can exist
 * under such an id, and characters like NUL would otherwise reach the database.
 */
export const requireIdParameters: RequestHandler = (req, _res, next) => {
  for (const [name, value] of Object.entries(req.params)) {
    if (typeof value === 'string' && !objectIdPattern.test(value)) {
      return next(
        new NotFoundError(
          `Nothing can exist under the ${name} "${value.slice(0, 40)}${value.length > 40 ? '…' : ''}": ids are 1 to 128 letters, digits, ".", "_", ":" or "-".`,
          { parameter: name },
        ),
      );
    }
  }
  next();
};
