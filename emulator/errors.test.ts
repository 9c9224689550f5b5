/** The messages users end up reading: each documented code with the newest reference edition's words (seed 003). */
import { describe, expect, it } from 'vitest';
import { apiErrors } from './errors';

describe('documented error messages', () => {
  it('use the newest edition of the reference', () => {
    const answers = [
      apiErrors.missingTimeParameter(),
      apiErrors.startTimeMalformed(),
      apiErrors.endTimeMalformed(),
      apiErrors.startTimeNotSupported(),
      apiErrors.endTimeInvalid(),
      apiErrors.timeRangeTooLong(),
      apiErrors.invalidParameter(),
      apiErrors.taskIdMalformed(),
      apiErrors.throttling(),
    ].map((error) => [error.code, error.status, error.message]);
    expect(answers).toEqual([
      ['MissingTimeParameter', 400, 'The StartTime and EndTime must be both specified.'],
      ['InvalidStartTime.Malformed', 400, 'The specified value of parameter StartTime is malformed.'],
      ['InvalidEndTime.Malformed', 400, 'The specified value of parameter EndTime is malformed.'],
      ['InvalidStartTime.ValueNotSupported', 400, 'The specified value of parameter StartTime is not supported.'],
      ['InvalidParameterEndTime', 400, 'The parameter EndTime is invalid.'],
      ['InvalidTimeRange', 400, 'Invalid StartTime and EndTime range.'],
      ['InvalidParameter', 400, 'Invalid Parameter.'],
      ['InvalidTaskId.Malformed', 400, 'Specified TaskId is malformed.'],
      ['Throttling', 503, 'Request was denied due to request throttling.'],
    ]);
  });
});
