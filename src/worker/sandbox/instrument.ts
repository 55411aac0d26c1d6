import type { Node as AstNode } from 'acorn';
import { parse } from 'acorn';
import { METER } from './meter';

/**
 * Instruments a person's module source so that its work is counted: every
 * function entry and every loop iteration calls the meter (`METER()`), which
 * charges the running process's reduction budget (see meter.ts). The source is
 * parsed with acorn, a real JavaScript parser; the calls are inserted at node
 * offsets and never contain a newline, so line numbers in stack traces stay
 * the person's own.
 *
 * The source must be exactly one expression (an object with the callbacks):
 * it is parsed as `(\n SOURCE \n)` and anything that closes the parenthesis
 * early (`1); evil(); (2`) is refused, so the text cannot step outside the
 * function it is evaluated in.
 */

export type Instrumented =
  { ok: true; code: string } | { ok: false; error: string; line: number | undefined };

interface Insert {
  at: number;
  text: string;
  /**
   * Order among inserts at the same offset: closers (`}` / `)`) before openers,
   * the inner node's closer first, the outer node's opener first.
   */
  order: number;
}

const PREFIX = '(\n';
const SUFFIX = '\n)';

type Any = AstNode & Record<string, unknown>;

const isNode = (x: unknown): x is Any =>
  typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';

/** Returns the instrumented expression (the same lines as `source`) or a syntax error with its line. */
export function instrument(source: string): Instrumented {
  const text = PREFIX + source + SUFFIX;
  let program: Any;
  try {
    program = parse(text, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      preserveParens: true,
      locations: true,
    }) as unknown as Any;
  } catch (e) {
    const err = e as { message?: unknown; loc?: { line?: unknown } };
    const message = String(err.message ?? e).replace(/\s*\(\d+:\d+\)$/, '');
    const line = typeof err.loc?.line === 'number' ? err.loc.line - 1 : undefined;
    return fail(`SyntaxError: ${message}`, clampLine(line, source));
  }
  const body = program.body as Any[];
  const only = body[0];
  const expr = only?.expression as Any | undefined;
  if (
    body.length !== 1 ||
    only?.type !== 'ExpressionStatement' ||
    expr?.type !== 'ParenthesizedExpression' ||
    expr.start !== 0 ||
    expr.end !== text.length
  )
    return fail(
      'the source must be one expression, an object such as ({ init(args, ctx) { … } })',
      undefined,
    );

  const inserts: Insert[] = [];
  const problem = walk(expr, inserts);
  if (problem !== undefined) return problem;

  inserts.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let pos = PREFIX.length;
  const end = text.length - SUFFIX.length;
  for (const ins of inserts) {
    out += text.slice(pos, ins.at) + ins.text;
    pos = ins.at;
  }
  out += text.slice(pos, end);
  return { ok: true, code: out };
}

const CALL = `${METER}();`;

/** Visits every node; records the inserts; returns a refusal for what a module may not use. */
function walk(root: Any, inserts: Insert[]): Instrumented | undefined {
  const stack: Any[] = [root];
  // Pre-order: a node is visited before the nodes inside it, so a later `seq` is deeper.
  let seq = 0;
  const open = (at: number, text: string) => inserts.push({ at, text, order: 2 ** 30 + seq });
  const close = (at: number, text: string) => inserts.push({ at, text, order: 2 ** 30 - seq });
  while (stack.length > 0) {
    const n = stack.pop() as Any;
    seq++;
    const refusal = check(n);
    if (refusal !== undefined) return refusal;
    switch (n.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const body = n.body as Any;
        if (body.type === 'BlockStatement') open(body.start + 1, CALL);
        else {
          // `x => expr` becomes `x => (METER(), expr)`.
          open(body.start, `(${METER}(), `);
          close(body.end, ')');
        }
        break;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const body = n.body as Any;
        if (body.type === 'BlockStatement') open(body.start + 1, CALL);
        else {
          open(body.start, `{${CALL}`);
          close(body.end, '}');
        }
        break;
      }
      default:
        break;
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) if (isNode(v[i])) stack.push(v[i] as Any);
      } else if (isNode(v)) stack.push(v);
    }
  }
  return undefined;
}

const lineOf = (n: Any): number | undefined => {
  const line = (n.loc as { start?: { line?: number } } | undefined)?.start?.line;
  return line === undefined ? undefined : Math.max(1, line - 1);
};

/** What a module may not contain, with the line it is on. */
function check(n: Any): Instrumented | undefined {
  if ((n.type === 'Identifier' || n.type === 'PrivateIdentifier') && n.name === METER)
    return fail(`the name ${METER} is reserved`, lineOf(n));
  if (
    n.async === true &&
    (n.type === 'FunctionDeclaration' ||
      n.type === 'FunctionExpression' ||
      n.type === 'ArrowFunctionExpression')
  )
    return fail(
      'async functions are not supported: a callback that waits is a generator (*handleCall) using yield* otp.call / otp.sleep / otp.receive',
      lineOf(n),
    );
  if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await === true))
    return fail('await is not supported: use yield* in a generator callback', lineOf(n));
  if (n.type === 'ImportExpression')
    return fail('import() is not available in a module', lineOf(n));
  return undefined;
}

function fail(error: string, line: number | undefined): Instrumented {
  return { ok: false, error, line };
}

function clampLine(line: number | undefined, source: string): number | undefined {
  if (line === undefined) return undefined;
  const lines = source.split('\n').length;
  return Math.min(Math.max(1, line), lines);
}
