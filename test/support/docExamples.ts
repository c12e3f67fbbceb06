/**
 * Finds the `@example` blocks of the TSDoc comments in `src/`, turns each into a runnable module
 * with its `// => value` and `// throws CODE` lines rewritten as assertions, and runs it.
 *
 * Used by `test/docExamples.test.ts`; see CONTRIBUTING.md, "Doc comments".
 *
 * A generated module keeps every example line on the line number it has in `src/`, so a stack
 * trace from `.tmp/doc-examples/…` points at the same line as in the source file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import ts from 'typescript';
import type { ExpectStatic } from 'vitest';
import type { Decimal, KpiError } from 'xsell-kpi';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const sourceRoot = path.join(projectRoot, 'src');
const outputRoot = path.join(projectRoot, '.tmp', 'doc-examples');
const runtimeFile = fileURLToPath(import.meta.url);

/** One `<expression>; // => <expected>` or `<expression>; // throws CODE` line of an example. */
export interface DocMarker {
  /** 1-based position among the block's markers; the generated code refers to it. */
  readonly id: number;
  readonly kind: 'value' | 'throws';
  /** Line in the source file. */
  readonly line: number;
  /** The expression whose value (or error) is checked, without the trailing `;`. */
  readonly expression: string;
  /** For `value`, the JS source of the expected value; for `throws`, the expected `KpiError` code. */
  readonly expected: string;
}

/** One fenced ```ts block after an `@example` tag. */
export interface DocExample {
  /** Source file, relative to the project root with `/` separators, such as `src/core/format.ts`. */
  readonly file: string;
  /** The documented declaration, such as `formatPercent` or `KpiError.constructor`; `(module)` if none. */
  readonly symbol: string;
  /** 1-based number of the block among the examples of `symbol` in `file`. */
  readonly index: number;
  /** Line of the opening fence in the source file. */
  readonly line: number;
  readonly markers: readonly DocMarker[];
  /** The names it imports from `'xsell-kpi'` as values (not `import type`); from a subpath, as `'xsell-kpi/sql:name'`. */
  readonly imports: readonly string[];
  /** The module that runs the block (TypeScript source). */
  readonly module: string;
  /** Why the block cannot run as written (a malformed marker, a syntax error); empty when fine. */
  readonly problems: readonly string[];
}

/** An `export function`, `export class` or `export const` at the top level of a file in `src/`. */
export interface DocDeclaration {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  /** Whether its doc comment is tagged `@internal`. */
  readonly internal: boolean;
  /** How many fenced ```ts blocks its `@example` tags hold (over all overloads). */
  readonly examples: number;
}

export interface DocScan {
  readonly examples: readonly DocExample[];
  readonly declarations: readonly DocDeclaration[];
}

interface CodeLine {
  readonly line: number;
  readonly text: string;
}

interface JsDocComment {
  readonly pos: number;
  readonly text: string;
  /** 1-based line of `/**`. */
  readonly line: number;
  readonly symbol: string;
}

/** Reads every `.ts` file under `src/` (test files beside the code excepted). */
export function scanSources(root: string = sourceRoot): DocScan {
  const examples: DocExample[] = [];
  const declarations: DocDeclaration[] = [];
  for (const absolute of listTypeScriptFiles(root)) {
    const file = path.relative(projectRoot, absolute).split(path.sep).join('/');
    const scan = scanSource(file, readFileSync(absolute, 'utf8'));
    examples.push(...scan.examples);
    declarations.push(...scan.declarations);
  }
  return { examples, declarations };
}

/** The examples and exported declarations of one file; `file` is its path relative to the project root. */
export function scanSource(file: string, text: string): DocScan {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const examples: DocExample[] = [];
  const blocksByComment = new Map<number, number>();
  const countBySymbol = new Map<string, number>();
  for (const comment of jsDocComments(sourceFile)) {
    const blocks = exampleBlocks(comment);
    blocksByComment.set(comment.pos, blocks.length);
    for (const block of blocks) {
      const index = (countBySymbol.get(comment.symbol) ?? 0) + 1;
      countBySymbol.set(comment.symbol, index);
      examples.push(buildExample(file, comment.symbol, index, block));
    }
  }
  // Overloads are one declaration: documented if any signature is.
  const declarations = new Map<string, DocDeclaration>();
  for (const declaration of exportedDeclarations(sourceFile)) {
    const previous = declarations.get(declaration.name);
    const examplesInDoc = declaration.doc === undefined ? 0 : (blocksByComment.get(declaration.doc.pos) ?? 0);
    const internal = declaration.doc !== undefined && /(^|\s)@internal\b/.test(declaration.doc.text);
    declarations.set(declaration.name, {
      file,
      name: declaration.name,
      line: previous?.line ?? declaration.line,
      internal: internal || (previous?.internal ?? false),
      examples: examplesInDoc + (previous?.examples ?? 0),
    });
  }
  return { examples, declarations: [...declarations.values()] };
}

function listTypeScriptFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const absolute = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listTypeScriptFiles(absolute));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.test(-[\w-]+)?\.ts$/.test(entry.name)) files.push(absolute);
  }
  return files;
}

/** Every `/** … *\/` comment of the file, with the declaration it documents. */
function jsDocComments(sourceFile: ts.SourceFile): JsDocComment[] {
  const text = sourceFile.text;
  const comments = new Map<number, JsDocComment>();
  const visit = (node: ts.Node): void => {
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      const comment = text.slice(range.pos, range.end);
      if (comments.has(range.pos) || !comment.startsWith('/**') || comment.startsWith('/**/')) continue;
      // The first node reached at a position is the outermost one: the declaration, not its `export` keyword.
      comments.set(range.pos, {
        pos: range.pos,
        text: comment,
        line: sourceFile.getLineAndCharacterOfPosition(range.pos).line + 1,
        symbol: symbolName(node, sourceFile),
      });
    }
    ts.forEachChild(node, visit);
  };
  // Not the source file itself: a comment at the top of the file documents the first statement.
  ts.forEachChild(sourceFile, visit);
  return [...comments.values()].sort((a, b) => a.pos - b.pos);
}

function symbolName(node: ts.Node, sourceFile: ts.SourceFile): string {
  const own = declarationName(node, sourceFile);
  if (own === undefined) return '(module)';
  const parent = node.parent as ts.Node | undefined;
  const container = parent !== undefined && (ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent)) ? declarationName(parent, sourceFile) : undefined;
  return container === undefined ? own : `${container}.${own}`;
}

function declarationName(node: ts.Node, sourceFile: ts.SourceFile): string | undefined {
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.map((declaration) => declaration.name.getText(sourceFile)).join(', ');
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const name = ts.getNameOfDeclaration(node as ts.Declaration);
  if (name !== undefined) return name.getText(sourceFile);
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : undefined;
}

interface ExportedDeclaration {
  readonly name: string;
  readonly line: number;
  readonly doc: { readonly pos: number; readonly text: string } | undefined;
}

/** Top-level `export function`, `export class` and `export const` declarations, each with its doc comment. */
function exportedDeclarations(sourceFile: ts.SourceFile): ExportedDeclaration[] {
  const text = sourceFile.text;
  const found: ExportedDeclaration[] = [];
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    let names: string[];
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      names = [statement.name?.text ?? 'default'];
    } else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      names = statement.declarationList.declarations.map((declaration) => declaration.name.getText(sourceFile));
    } else {
      continue;
    }
    // Like TypeDoc, take the last doc comment before the declaration.
    const range = (ts.getLeadingCommentRanges(text, statement.pos) ?? [])
      .filter((candidate) => text.startsWith('/**', candidate.pos) && !text.startsWith('/**/', candidate.pos))
      .at(-1);
    const doc = range === undefined ? undefined : { pos: range.pos, text: text.slice(range.pos, range.end) };
    const line = sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line + 1;
    for (const name of names) found.push({ name, line, doc });
  }
  return found;
}

/** The fenced ```ts blocks that follow an `@example` tag in the comment, with the leading ` * ` removed. */
function exampleBlocks(comment: JsDocComment): CodeLine[][] {
  const rawLines = comment.text.split(/\r?\n/);
  const blocks: CodeLine[][] = [];
  let inExample = false;
  let fence: { readonly capture: boolean; readonly lines: CodeLine[] } | undefined;
  rawLines.forEach((raw, offset) => {
    let content = raw;
    if (offset === 0) content = content.replace(/^\s*\/\*\*/, '');
    if (offset === rawLines.length - 1) content = content.replace(/\*\/\s*$/, '');
    content = content.replace(/^\s*\*(?: |$)/, '');
    if (fence !== undefined) {
      if (/^\s*```\s*$/.test(content)) {
        if (fence.capture) blocks.push(fence.lines);
        fence = undefined;
      } else {
        fence.lines.push({ line: comment.line + offset, text: content });
      }
      return;
    }
    const tag = /^\s*@(\w+)/.exec(content);
    if (tag !== null) {
      inExample = tag[1] === 'example';
      return;
    }
    const opening = /^\s*```\s*(\w*)/.exec(content);
    if (opening !== null) {
      const language = opening[1] ?? '';
      // A block's first line is its opening fence, kept for its line number.
      fence = { capture: inExample && (language === 'ts' || language === 'typescript'), lines: [{ line: comment.line + offset, text: content }] };
    }
  });
  if (fence?.capture === true) blocks.push(fence.lines); // an unclosed fence runs to the end of the comment
  return blocks;
}

const VALUE_MARKER = /^(\s*)(.+?)\s*;?\s*\/\/\s*=>(.*)$/;
const THROWS_MARKER = /^(\s*)(.+?)\s*;?\s*\/\/\s*throws\b(.*)$/;
const ANY_MARKER = /\/\/\s*(=>|throws\b)/;
const DECLARATION = /^((?:const|let|var)\s+[\w$]+(?:\s*:[^=]+)?\s*=\s*)(.+)$/;

function buildExample(file: string, symbol: string, index: number, block: CodeLine[]): DocExample {
  const [fence, ...code] = block;
  const line = fence?.line ?? 0;
  const key = exampleKey({ file, symbol, index });
  const markers: DocMarker[] = [];
  const problems: string[] = [];
  const output: string[] = [];
  for (const { line: sourceLine, text } of code) {
    const transformed = transformLine(text, sourceLine, markers.length + 1);
    if (transformed.marker !== undefined) markers.push(transformed.marker);
    if (transformed.problem !== undefined) problems.push(`${file}:${sourceLine}: ${transformed.problem}\n    ${text.trim()}`);
    // Keep source line numbers: line N of the module is line N of the source file.
    while (output.length < sourceLine - 1) output.push('');
    output.push(transformed.text);
  }
  const relativeRuntime = path.relative(path.dirname(modulePath({ file, symbol, index })), runtimeFile).split(path.sep).join('/');
  output[0] =
    `import { docExampleRun as __docExampleRun } from ${JSON.stringify(relativeRuntime.startsWith('.') ? relativeRuntime : `./${relativeRuntime}`)}; ` +
    `const __doc = __docExampleRun(${JSON.stringify(key)}); // generated from ${file}:${line} by test/docExamples.test.ts`;
  const module = `${output.join('\n')}\n`;
  if (problems.length === 0) problems.push(...syntaxProblems(module, file));
  return { file, symbol, index, line, markers, imports: libraryImports(code.map(({ text }) => text).join('\n')), module, problems };
}

/** The package's entry points an example may import from. */
const ENTRY_POINTS: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  'xsell-kpi': () => import('xsell-kpi'),
  'xsell-kpi/sql': () => import('xsell-kpi/sql'),
};

/** The value names that a block imports from `'xsell-kpi'` (and, prefixed with their entry point, from its subpaths). */
function libraryImports(code: string): string[] {
  const names: string[] = [];
  for (const statement of ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS).statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !Object.hasOwn(ENTRY_POINTS, statement.moduleSpecifier.text)) continue;
    const entry = statement.moduleSpecifier.text;
    const prefix = entry === 'xsell-kpi' ? '' : `${entry}:`;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    if (clause.name !== undefined) names.push(`${prefix}default`);
    if (clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings)) {
      for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) names.push(`${prefix}${(element.propertyName ?? element.name).text}`);
    }
  }
  return names;
}

/** The names a block imports from the package that it does not export (they would be `undefined`). */
export async function missingImports(example: DocExample): Promise<string[]> {
  const missing: string[] = [];
  for (const imported of example.imports) {
    const colon = imported.lastIndexOf(':');
    const [entry, name] = colon < 0 ? ['xsell-kpi', imported] : [imported.slice(0, colon), imported.slice(colon + 1)];
    if (!(name in (await ENTRY_POINTS[entry]!()))) missing.push(imported);
  }
  return missing;
}

/**
 * The library's own `isKpiError`, loaded on first use rather than imported at the top, so that a
 * library that fails to load fails each example test, not the collection of this file.
 */
let library: { isKpiError(value: unknown): value is KpiError } | undefined;

async function loadLibrary(): Promise<void> {
  library ??= await import('xsell-kpi');
}

function isKpiError(value: unknown): value is KpiError {
  if (library === undefined) throw new Error('xsell-kpi is not loaded yet');
  return library.isKpiError(value);
}

function transformLine(text: string, line: number, id: number): { text: string; marker?: DocMarker; problem?: string } {
  const value = VALUE_MARKER.exec(text);
  if (value !== null) {
    const [, indent = '', statement = '', expectedSource = ''] = value;
    const expected = expectedSource.trim();
    if (expected === '') return { text, problem: 'nothing after `// =>`' };
    const declaration = DECLARATION.exec(statement);
    const binding = declaration?.[1] ?? '';
    const expression = declaration?.[2] ?? statement;
    const marker: DocMarker = { id, kind: 'value', line, expression, expected };
    const call = /\bawait\b/.test(expression)
      ? `(await __doc.valueAsync(${id}, async () => (${expression}), (${expected})))`
      : `__doc.value(${id}, () => (${expression}), (${expected}))`;
    return { text: `${indent}${binding}${call};`, marker };
  }
  const throws = THROWS_MARKER.exec(text);
  if (throws !== null) {
    const [, indent = '', expression = '', codeSource = ''] = throws;
    const code = codeSource.trim();
    if (!/^[A-Z][A-Z0-9_]*$/.test(code)) return { text, problem: 'expected a KpiError code after `// throws`, such as `// throws NEGATIVE_COUNT`' };
    if (DECLARATION.test(expression)) return { text, problem: 'a `// throws` line must be an expression, not a declaration' };
    const marker: DocMarker = { id, kind: 'throws', line, expression, expected: code };
    const call = /\bawait\b/.test(expression) ? `await __doc.throwsAsync(${id}, async () => (${expression}))` : `__doc.throws(${id}, () => (${expression}))`;
    return { text: `${indent}${call};`, marker };
  }
  if (ANY_MARKER.test(text)) return { text, problem: 'a `// =>` or `// throws` marker must end a one-line statement: `<expression>; // => <expected>`' };
  return { text };
}

/** Syntax errors of the generated module, reported at their source line (the module keeps line numbers). */
function syntaxProblems(module: string, file: string): string[] {
  const { diagnostics = [] } = ts.transpileModule(module, {
    fileName: 'example.ts',
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const byLine = new Map<number, string>();
  for (const diagnostic of diagnostics) {
    const line = diagnostic.file !== undefined && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    if (byLine.has(line)) continue; // the first error of a line; the others usually follow from it
    const sourceLine = module.split('\n')[line - 1]?.trim() ?? '';
    const hint = sourceLine.startsWith('__doc.') || sourceLine.includes('= __doc.') ? '; a `// =>` or `// throws` marker must end a one-line statement' : '';
    byLine.set(line, `${file}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replace(/\.$/, '')}${hint} (with its marker rewritten, the line reads: ${sourceLine})`);
  }
  return [...byLine.values()];
}

function exampleKey(example: Pick<DocExample, 'file' | 'symbol' | 'index'>): string {
  return `${example.file}#${example.symbol}#${example.index}`;
}

function modulePath(example: Pick<DocExample, 'file' | 'symbol' | 'index'>): string {
  const safeSymbol = example.symbol.replace(/[^\w$.-]+/g, '_');
  return path.join(outputRoot, example.file.replace(/\.ts$/, ''), `${safeSymbol}.example-${example.index}.ts`);
}

/** Where a failure happened, for messages. */
export function describeExample(example: DocExample, line = example.line): string {
  return `${example.file}:${line} (${example.symbol} example #${example.index})`;
}

/** What evaluating a `// throws` expression did. */
type Outcome = { readonly returned: unknown } | { readonly error: unknown };

const running = new Map<string, DocExampleRun>();
const imported = new Set<string>();

/** A failure already described with the example's file and line. */
class DocExampleFailure extends Error {
  override name = 'DocExampleFailure';
}

/** The assertions of one running example; the generated module calls them. */
export class DocExampleRun {
  private readonly reached = new Set<number>();

  constructor(
    readonly example: DocExample,
    private readonly expect: ExpectStatic,
  ) {}

  /** `<expression>; // => <expected>`: the value equals `expected` (a Decimal compares by `.toString()`). */
  value<T>(id: number, evaluate: () => T, expected: unknown): T {
    const marker = this.reach(id);
    let actual: T;
    try {
      actual = evaluate();
    } catch (error) {
      throw new DocExampleFailure(`${this.where(marker)}\n  ${marker.expression}\n  expected: ${marker.expected}\n  actual:   threw ${describeError(error)}`, { cause: error });
    }
    this.checkValue(marker, actual, expected);
    return actual;
  }

  async valueAsync<T>(id: number, evaluate: () => Promise<T>, expected: unknown): Promise<T> {
    const marker = this.reach(id);
    let actual: T;
    try {
      actual = await evaluate();
    } catch (error) {
      throw new DocExampleFailure(`${this.where(marker)}\n  ${marker.expression}\n  expected: ${marker.expected}\n  actual:   threw ${describeError(error)}`, { cause: error });
    }
    this.checkValue(marker, actual, expected);
    return actual;
  }

  /** `<expression>; // throws CODE`: evaluating it throws a `KpiError` with that `code`. */
  throws(id: number, evaluate: () => unknown): void {
    const marker = this.reach(id);
    let outcome: Outcome;
    try {
      outcome = { returned: evaluate() };
    } catch (error) {
      outcome = { error };
    }
    this.checkThrown(marker, outcome);
  }

  async throwsAsync(id: number, evaluate: () => Promise<unknown>): Promise<void> {
    const marker = this.reach(id);
    let outcome: Outcome;
    try {
      outcome = { returned: await evaluate() };
    } catch (error) {
      outcome = { error };
    }
    this.checkThrown(marker, outcome);
  }

  /** Markers whose line never ran, such as one inside a `catch` that nothing reached. */
  unreached(): DocMarker[] {
    return this.example.markers.filter((marker) => !this.reached.has(marker.id));
  }

  private reach(id: number): DocMarker {
    const marker = this.example.markers.find((candidate) => candidate.id === id);
    if (marker === undefined) throw new Error(`${describeExample(this.example)}: no marker #${id}; the generated module is stale`);
    this.reached.add(id);
    return marker;
  }

  private where(marker: DocMarker): string {
    return describeExample(this.example, marker.line);
  }

  private checkValue(marker: DocMarker, actual: unknown, expected: unknown): void {
    const decimal = isDecimal(actual);
    const message =
      `${this.where(marker)}\n  ${marker.expression}\n  expected: ${marker.expected}\n  actual:   ${show(actual)}` +
      (decimal ? ' (a Decimal, compared by .toString())' : '') +
      '\n';
    this.expect.soft(comparable(actual), message).toStrictEqual(expected);
  }

  private checkThrown(marker: DocMarker, outcome: Outcome): void {
    const actual = 'error' in outcome ? `threw ${describeError(outcome.error)}` : `returned ${show(outcome.returned)}`;
    const message = `${this.where(marker)}\n  ${marker.expression}\n  expected: throws KpiError ${marker.expected}\n  actual:   ${actual}\n`;
    const observed =
      'error' in outcome
        ? { threw: true, isKpiError: isKpiError(outcome.error), code: isKpiError(outcome.error) ? outcome.error.code : undefined }
        : { threw: false, isKpiError: false, code: undefined };
    this.expect.soft(observed, message).toStrictEqual({ threw: true, isKpiError: true, code: marker.expected });
  }
}

/** Called by a generated module: the run that `runDocExample` registered for it. */
export function docExampleRun(key: string): DocExampleRun {
  const run = running.get(key);
  if (run === undefined) throw new Error(`${key}: this module is generated by test/docExamples.test.ts and runs only from there`);
  return run;
}

/** Writes the example's module under `.tmp/doc-examples/` and imports it, which runs it. */
export async function runDocExample(example: DocExample, expect: ExpectStatic): Promise<DocExampleRun> {
  const file = modulePath(example);
  // A second import of the same path would return the cached module without running it.
  if (imported.has(file)) throw new Error(`${describeExample(example)}: its module ${path.relative(projectRoot, file)} already ran in this process`);
  imported.add(file);
  await loadLibrary();
  writeIfChanged(file, example.module);
  const key = exampleKey(example);
  const run = new DocExampleRun(example, expect);
  running.set(key, run);
  try {
    await import(/* @vite-ignore */ file);
  } catch (error) {
    if (error instanceof DocExampleFailure) throw error;
    // The generated module keeps the source's line numbers, so its line in the stack is the source line.
    const line = new RegExp(`${escapeRegExp(path.basename(file))}:(\\d+):`).exec(error instanceof Error ? (error.stack ?? '') : '')?.[1];
    throw new DocExampleFailure(
      `${describeExample(example, line === undefined ? example.line : Number(line))} threw ${describeError(error)}\n  (generated module: ${path.relative(projectRoot, file)})`,
      { cause: error },
    );
  } finally {
    running.delete(key);
  }
  return run;
}

/** Writes only when the content changed (no rerun loop in watch mode), through a rename (no torn reads by a parallel run). */
function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function isDecimal(value: unknown): value is Decimal {
  return (
    typeof value === 'object' &&
    value !== null &&
    (Object.prototype.toString.call(value) === '[object Decimal]' || (value as { toStringTag?: unknown }).toStringTag === '[object Decimal]')
  );
}

/** The value with every Decimal (also inside plain objects and arrays) replaced by its `.toString()`. */
function comparable(value: unknown): unknown {
  if (isDecimal(value)) return value.toString();
  if (Array.isArray(value)) {
    const items: unknown[] = value.map(comparable);
    return items.some((item, position) => item !== value[position]) ? items : value;
  }
  if (typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null)) {
    const entries = Object.entries(value).map(([name, item]) => [name, comparable(item)] as const);
    const changed = entries.some(([name, item]) => item !== (value as Record<string, unknown>)[name]);
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** A value for a message: strings quoted with invisible characters escaped (a no-break space is not a space). */
function show(value: unknown): string {
  if (typeof value === 'string') {
    const escaped = value.replace(/[\\']/g, '\\$&').replace(/[\p{Cc}\p{Cf}\p{Z}]/gu, (character) => {
      if (character === ' ') return character;
      return `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
    });
    return `'${escaped}'`;
  }
  if (isDecimal(value)) return `Decimal('${value.toString()}')`;
  return inspect(value, { depth: 6, breakLength: Infinity });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function describeError(error: unknown): string {
  if (isKpiError(error)) return `KpiError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return show(error);
}
