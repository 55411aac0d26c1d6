import { clampSpeed, speedProblem } from '../base';

/** How much of the playground's controls an embed shows. */
export type Chrome = 'full' | 'minimal' | 'none';
export type EmbedTheme = 'light' | 'dark' | 'auto';

/**
 * An embed's options. The same names work as element attributes (`<otp-playground tree=…>`),
 * as `mount()` options and as iframe URL parameters (`/embed.html?tree=…`), so one table of
 * them ({@link OPTION_NAMES}) is the contract.
 */
export interface EmbedOptions {
  /** A workspace as JSON, a share string (`#w2=…` or a whole share link), or a URL of a JSON file. */
  tree: string | undefined;
  /** A lesson to open (its id) and the step to open it at, counted from 1. */
  lesson: string | undefined;
  step: number | undefined;
  chrome: Chrome;
  theme: EmbedTheme;
  speed: number | undefined;
  /** Start running when the embed scrolls into view, without waiting for the person. */
  autoplay: boolean;
  /** Watch only: no editing, crashing or adding from the embed's own controls. */
  readonly: boolean;
  /** The box's height as CSS (`450px`, `60vh`); a bare number is pixels. */
  height: string | undefined;
  /** Origins whose `postMessage` commands an iframe embed obeys and to which it reports. */
  allowOrigin: string[];
}

export const OPTION_NAMES = [
  'tree',
  'lesson',
  'step',
  'chrome',
  'theme',
  'speed',
  'autoplay',
  'readonly',
  'height',
  'allow-origin',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];

/** What an option's value may be: an attribute or URL parameter is a string; `mount()` may pass more. */
export type RawOptions = Partial<Record<OptionName | 'allowOrigin', unknown>>;

export interface ReadOptions {
  options: EmbedOptions;
  /** Each unknown or invalid option, named with what was wrong and what is allowed. */
  problems: string[];
}

const CHROMES: readonly Chrome[] = ['full', 'minimal', 'none'];
const THEMES: readonly EmbedTheme[] = ['light', 'dark', 'auto'];
const CSS_LENGTH = /^\d+(\.\d+)?(px|em|rem|vh|vw|%)$/;

/** `true` for a present boolean attribute (`''`), `'true'`, `'1'`; `false` for `'false'`, `'0'`. */
function flag(name: string, v: unknown, problems: string[]): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (v === true || v === '' || v === 'true' || v === '1' || v === name) return true;
  if (v === 'false' || v === '0') return false;
  problems.push(`${name}: expected true or false, got ${JSON.stringify(v)}`);
  return false;
}

function oneOf<T extends string>(
  name: string,
  v: unknown,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  problems.push(`${name}: expected ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
  return fallback;
}

/** Reads an origin list: `https://a.example, https://b.example` (each a whole origin, or `*`). */
function origins(v: unknown, problems: string[]): string[] {
  if (v === undefined || v === null || v === '') return [];
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : [v];
  const out: string[] = [];
  for (const o of list) {
    if (o === '') continue;
    if (o === '*') {
      out.push('*');
      continue;
    }
    try {
      const u = new URL(String(o));
      if (u.origin === 'null' || u.origin !== String(o).replace(/\/$/, ''))
        throw new Error('not an origin');
      out.push(u.origin);
    } catch {
      problems.push(
        `allow-origin: ${JSON.stringify(o)} is not an origin (expected e.g. https://docs.example.org)`,
      );
    }
  }
  return out;
}

/**
 * Reads an embed's options from attributes, `mount()` options or URL parameters. Nothing
 * invalid is used: each bad value falls back to its default and is named in `problems`, which
 * the embed shows inside its box and logs to the console.
 */
export function readOptions(raw: RawOptions): ReadOptions {
  const problems: string[] = [];
  for (const k of Object.keys(raw))
    if (!(OPTION_NAMES as readonly string[]).includes(k) && k !== 'allowOrigin')
      problems.push(`unknown option "${k}" (known: ${OPTION_NAMES.join(', ')})`);

  let tree: string | undefined;
  if (typeof raw.tree === 'string' && raw.tree.trim() !== '') tree = raw.tree.trim();
  else if (raw.tree !== undefined && typeof raw.tree === 'object' && raw.tree !== null)
    tree = JSON.stringify(raw.tree);
  else if (raw.tree !== undefined && raw.tree !== '')
    problems.push('tree: expected a workspace (JSON), a share string or a URL');

  let lesson: string | undefined;
  if (typeof raw.lesson === 'string' && raw.lesson !== '') lesson = raw.lesson;
  else if (raw.lesson !== undefined && raw.lesson !== '')
    problems.push('lesson: expected a lesson id');

  let step: number | undefined;
  if (raw.step !== undefined && raw.step !== '') {
    const n = Number(raw.step);
    if (Number.isInteger(n) && n >= 1) step = n;
    else problems.push(`step: expected a step number from 1, got ${JSON.stringify(raw.step)}`);
    if (lesson === undefined) problems.push('step: only means something with lesson');
  }

  let speed: number | undefined;
  if (raw.speed !== undefined && raw.speed !== '') {
    const n = Number(raw.speed);
    const why = Number.isFinite(n) ? speedProblem(n) : 'not a number';
    if (why === undefined) speed = clampSpeed(n);
    else problems.push(`speed: ${why} (got ${JSON.stringify(raw.speed)})`);
  }

  let height: string | undefined;
  if (raw.height !== undefined && raw.height !== '') {
    const h = typeof raw.height === 'number' ? `${raw.height}px` : String(raw.height).trim();
    const css = /^\d+(\.\d+)?$/.test(h) ? `${h}px` : h;
    if (CSS_LENGTH.test(css)) height = css;
    else problems.push(`height: expected a CSS length such as 450px, got ${JSON.stringify(h)}`);
  }

  return {
    options: {
      tree,
      lesson,
      step,
      chrome: oneOf('chrome', raw.chrome, CHROMES, 'full', problems),
      theme: oneOf('theme', raw.theme, THEMES, 'auto', problems),
      speed,
      autoplay: flag('autoplay', raw.autoplay, problems),
      readonly: flag('readonly', raw.readonly, problems),
      height,
      allowOrigin: origins(raw['allow-origin'] ?? raw.allowOrigin, problems),
    },
    problems,
  };
}

/** The options in an address's query (`?tree=…&chrome=none`); other parameters are not options. */
export function rawFromSearch(search: string, keep: (name: string) => boolean): RawOptions {
  const raw: RawOptions = {};
  for (const [k, v] of new URLSearchParams(search))
    if (keep(k)) (raw as Record<string, string>)[k] = v;
  return raw;
}
