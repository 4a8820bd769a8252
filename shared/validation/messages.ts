// Validation messages in the product's words, for every schema that does not say its own: a person
// reads "use at least 2 characters", never "Too small: expected string to have >=2 characters".
// Installed once for the whole process (core, CLI, renderer): whatever parses with zod speaks so.
import { z } from 'zod';

const count = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : n.toLocaleString('en-US'));
const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

const TYPE_WORDS: Record<string, string> = {
  number: 'give a number',
  int: 'give a whole number',
  string: 'give text',
  boolean: 'give true or false',
  array: 'give a list',
  object: 'give a set of named fields',
  bigint: 'give a whole number',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  url: 'a web address (URL)',
  uuid: 'an id (UUID)',
  datetime: 'a date and time (ISO 8601)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time of day (HH:MM)',
};

type Issue = z.core.$ZodRawIssue;

/** The product's words for one issue; lower case, so hosts can prefix the field ("key: use at least 2 characters"). */
export function productMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'required';
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'give a finite number';
      return TYPE_WORDS[issue.expected] ?? `give a value of type ${issue.expected}`;
    }
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string') {
        if (issue.exact) return `use exactly ${count(n)} characters`;
        return Number(n) <= 1 ? 'cannot be empty' : `use at least ${count(n)} characters`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return Number(n) <= 1 ? 'needs at least one item' : `needs at least ${count(n)} items`;
      return issue.inclusive ? `must be at least ${count(n)}` : `must be more than ${count(n)}`;
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return issue.exact ? `use exactly ${count(n)} characters` : `use at most ${count(n)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at most ${count(n)} item${Number(n) === 1 ? '' : 's'}`;
      return issue.inclusive ? `must be at most ${count(n)}` : `must be less than ${count(n)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listed(issue.values)}` : `choose one of: ${listed(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'regex') return 'is not in the expected form';
      return FORMAT_WORDS[issue.format] ? `give ${FORMAT_WORDS[issue.format]}` : `is not a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${count(issue.divisor as number)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    case 'invalid_key':
    case 'invalid_element':
      return 'holds a value that is not allowed';
    default:
      return 'is not valid';
  }
}

z.config({ customError: (issue) => productMessage(issue) });
