// A step of `npm test`: every test in test/**/*.test.ts and test/e2e/*.spec.ts asserts something.
// A test that only runs code passes whatever the code does, so it is refused here.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Unasserted {
  file: string;
  line: number;
  name: string;
}

/** Properties a test call may carry and still be a test that runs (it.only, it.each(…), test.concurrent). */
const RUNS = new Set(['only', 'each', 'concurrent', 'sequential', 'fails', 'for']);
/** A call counts as an assertion when its callee's root is named like one: expect(…), expect.poll(…), assert.equal(…), expectRow(…). */
const ASSERTION = /^(expect|assert)/;

/** The name of the call's root identifier and the property names on the way, through it.each(…)(…). */
function calleeChain(callee: ts.Expression): { root: string; props: string[] } | null {
  const props: string[] = [];
  let e: ts.Expression = callee;
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) {
      props.push(e.name.text);
      e = e.expression;
    } else if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isIdentifier(e)) return { root: e.text, props };
    else return null;
  }
}

function callsOneOf(node: ts.Node, names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) || ts.isTaggedTemplateExpression(n)) {
      const chain = calleeChain(ts.isCallExpression(n) ? n.expression : n.tag);
      if (chain && (ASSERTION.test(chain.root) || names.has(chain.root))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Functions of the file that assert (directly or through another such function): a test calling one asserts. */
function assertingHelpers(source: ts.SourceFile): Set<string> {
  const helpers = new Map<string, ts.Node>();
  const collect = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name && n.body) helpers.set(n.name.text, n.body);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) {
      helpers.set(n.name.text, n.initializer.body);
    }
    ts.forEachChild(n, collect);
  };
  collect(source);
  const asserting = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, body] of helpers) {
      if (!asserting.has(name) && callsOneOf(body, asserting)) {
        asserting.add(name);
        grew = true;
      }
    }
  }
  return asserting;
}

/** The tests of one file whose body has no assertion. */
export function unassertedTests(file: string, text: string): Unasserted[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const helpers = assertingHelpers(source);
  const found: Unasserted[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const chain = calleeChain(n.expression);
      const body = n.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      if (chain && (chain.root === 'it' || chain.root === 'test') && chain.props.every((p) => RUNS.has(p)) && body && !callsOneOf(body, helpers)) {
        const title = n.arguments[0];
        const name = title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title)) ? title.text : title?.getText(source) ?? '?';
        found.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1, name });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

/** test/**\/*.test.ts(x) and test/e2e/*.spec.ts below the root. */
export function testFiles(root: string): string[] {
  const dir = path.join(root, 'test');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f) || /^e2e[/\\][^/\\]+\.spec\.ts$/.test(f))
    .map((f) => path.join('test', f))
    .sort();
}

if (import.meta.main) {
  // The root is an argument so the check's own test can run it on a folder with a bad file.
  const root = process.argv[2] ?? '.';
  const found = testFiles(root).flatMap((file) => unassertedTests(file, fs.readFileSync(path.join(root, file), 'utf8')));
  for (const t of found) console.error(`${t.file}:${t.line}: the test "${t.name}" asserts nothing (no expect or assert)`);
  console.log(found.length ? `${found.length} tests without an assertion` : 'every test asserts something');
  process.exit(found.length ? 1 : 0);
}
