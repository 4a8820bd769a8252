import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { formatDuration, durationSeconds, Plan } from './plan.ts';
import { fail, ok, type InputIssue, type Result } from '../result.ts';

export type YamlIssue = InputIssue & { line: number; column: number };

/** Aliases a plan may expand (counted with what they stand for): a few are handy, thousands are an attack. */
export const MAX_YAML_ALIASES = 100;

/** Why the reader gave up on a well-formed file: too many aliases, an alias to nothing, or too deep to walk. */
function unreadable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias count/i.test(message)) return `the file expands aliases (*name) more than ${MAX_YAML_ALIASES} times; write the stages out instead`;
  if (error instanceof RangeError) return 'the file is nested too deeply to read';
  return message.split('\n')[0]!;
}

/** The node at a path, or the deepest one that exists on the way (for a missing field, its parent). */
function nodeAt(root: unknown, path: readonly PropertyKey[]): Node | null {
  let node = root as Node | null;
  for (const key of path) {
    if (isMap(node)) {
      const next = node.get(String(key), true) as Node | undefined;
      if (!next) return node;
      node = next;
    } else if (isSeq(node)) {
      const next = node.get(Number(key), true) as Node | undefined;
      if (!next) return node;
      node = next;
    } else {
      return node;
    }
  }
  return node;
}

/**
 * A parser error in words: without the position the issue names already (the first line of a pretty
 * error ends "at line 5, column 3:"), a repeated key by its name, and a stack overflow — a file of
 * thousands of nested brackets — as the depth it is.
 */
function yamlProblem(code: string, message: string, line: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(line)?.[1];
    return key ? `the key "${key}" appears twice in the same map` : 'a key appears twice in the same map';
  }
  if (/call stack/i.test(message)) return 'the file is nested too deeply to read';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads a plan from YAML. Every problem names its line and field; a file with any problem yields
 * no plan at all, so nothing is ever half-imported.
 */
export function planFromYaml(text: string): Result<Plan> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: YamlIssue[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      return { path: '(yaml)', line: pos.line, column: pos.col, message: yamlProblem(e.code, e.message, text.split('\n')[pos.line - 1] ?? '') };
    });
    return fail('invalid_input', `The file is not valid YAML: line ${issues[0]!.line}: ${issues[0]!.message}`, { issues });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    const message = unreadable(error);
    return fail('invalid_input', `The file cannot be read as a plan: ${message}`, { issues: [{ path: '(yaml)', line: 1, column: 1, message }] });
  }
  const parsed = Plan.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issues: YamlIssue[] = parsed.error.issues.map((issue) => {
    const node = nodeAt(doc.contents, issue.path);
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    const path = issue.path.length ? issue.path.map(String).join('.') : '(plan)';
    return { path, line: pos.line, column: pos.col, message: issue.message };
  });
  const first = issues[0]!;
  return fail('invalid_input', `line ${first.line}, ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, {
    issues,
  });
}

/** Writes a plan as YAML a person can edit and read back, durations in words rather than seconds. */
export function planToYaml(plan: Plan): string {
  const readable = {
    ...plan,
    stages: plan.stages.map((s) => ({ ...s, minSoak: formatDuration(durationSeconds(s.minSoak)) })),
  };
  return stringify(readable, { lineWidth: 0 });
}
