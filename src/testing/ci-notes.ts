import { appendFileSync } from 'node:fs';

/**
 * A line for the closing note of .ci/run (which sets CHARTER_CI_NOTES to a file and prints it after
 * the test counts): what a test measured that the note must say, e.g. how many scripts PowerShell
 * parsed and ran. Without CHARTER_CI_NOTES the line goes nowhere.
 */
export const ciNote = (line: string): void => {
  const file = process.env.CHARTER_CI_NOTES;
  if (file !== undefined && file !== '') appendFileSync(file, `${line}\n`);
};
