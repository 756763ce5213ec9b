/**
 * `--format X --output FILE` pairs, in the order given: each --output belongs to the --format just
 * before it; an --output with no --format of its own takes the format its extension names; at
 * most one format goes to stdout (the one left without an --output). Formats and their extensions
 * are the command's reporters' own.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { didYouMeanSuffix } from '../did-you-mean.js';
import { UsageError } from '../errors.js';
import { formatForFile, formatNames } from '../reporters/formats.js';
import type { FormatChoice } from '../reporters/reporter.js';

export interface OutputRequest {
  format: string;
  /** Undefined: standard output. */
  file?: string;
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export class OutputRequests {
  private readonly items: { format: string; file?: string; explicit: boolean }[] = [];

  /** The command's reporters (filled in later for a command whose reporters load with it). */
  private readonly formats: readonly FormatChoice[];

  /** Where relative --output paths start (to tell a directory given as a file). */
  private readonly cwd: string;

  constructor(formats: readonly FormatChoice[], cwd = '.') {
    this.formats = formats;
    this.cwd = cwd;
  }

  addFormat = (format: string): string => {
    const names = formatNames(this.formats);
    if (!names.includes(format)) {
      throw new UsageError(`unknown format '${format}': expected one of ${names.join(', ')}${didYouMeanSuffix(format, names)}`);
    }
    this.items.push({ format, explicit: true });
    return format;
  };

  addOutput = (file: string): string => {
    const last = this.items.at(-1);
    if (last !== undefined && last.file === undefined && last.explicit) {
      last.file = file;
      return file;
    }
    const format = formatForFile(this.formats, file);
    if (format === undefined) {
      if (isDirectory(resolve(this.cwd, file)))
        throw new UsageError(`--output ${file}: it is a directory; give the report's file name, e.g. ${join(file, 'report.json')}`);
      throw new UsageError(`--output ${file}: give its --format just before it (cannot tell the format from the file name)`);
    }
    this.items.push({ format, file, explicit: false });
    return file;
  };

  /** The requests, or text on stdout when none was given. */
  resolve(): OutputRequest[] {
    if (this.items.length === 0) return [{ format: 'text' }];
    const toStdout = this.items.filter((item) => item.file === undefined);
    if (toStdout.length > 1) {
      throw new UsageError(
        `--format ${toStdout.map((i) => i.format).join(', --format ')}: only one report can go to standard output; give the others an --output FILE`,
      );
    }
    const files = this.items.map((item) => item.file).filter((f): f is string => f !== undefined);
    const repeated = files.find((file, index) => files.indexOf(file) !== index);
    if (repeated !== undefined) throw new UsageError(`--output ${repeated} is given twice`);
    return this.items.map(({ format, file }) => (file === undefined ? { format } : { format, file }));
  }
}
