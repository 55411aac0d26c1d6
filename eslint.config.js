import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering (see docs/ARCHITECTURE.md): runtime → worker → store → app → ui → embed (viz beside
 * app, under ui); lessons depend on runtime and the worker protocol only. Each layer lists what it may not import.
 * Under them all is src/base (invariant, describeError, Result, keys, limits): no layer bans it,
 * and it imports no layer. Patterns are gitignore-style and match the import specifier; `**`
 * covers any relative depth.
 */
const layer = (name) => [`**/${name}`, `**/${name}/**`];
const react = ['react', 'react-dom', 'react-dom/*', 'react/*'];

/** @param {string[]} group @param {string} message */
const ban = (group, message) => ({ group, message });
/** Like `ban`, but `import type` is allowed: the layer may use the types, not the code. */
const banValues = (group, message) => ({ group, message, allowTypeImports: true });

/**
 * typescript-eslint's extension of core `no-restricted-imports`: same options, plus
 * `allowTypeImports` per pattern. Each layer's block replaces the rule's options as a whole.
 */
const restrictImports = (...patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

const CLOCK_MSG = 'The runtime is deterministic: use the injected Clock.';
const RANDOM_MSG = 'The runtime is deterministic: use the injected seeded Random.';
const DOM_MSG = 'The runtime has no DOM: it runs in a Worker and in Node.';

export default defineConfig(
  {
    ignores: [
      'dist-bench/**',
      'dist-trace/**',
      'tools/**',
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'coverage/',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },

  // Type-aware rules, for the TypeScript the tsconfigs include. The project service finds each
  // file's nearest tsconfig (src/runtime has its own), so a file is checked with the lib it
  // compiles with. It costs one type-check's worth of time per lint.
  {
    files: [
      'src/**/*.{ts,tsx}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'vite.config.ts',
      'playwright.config.ts',
    ],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A switch over a closed union names every member, even when a \`default\` follows: a new
      // member is then an error at every switch over it, so each one decides what it means there.
      // (End such a switch with \`default: exhaustiveSwitchError(x)\` from src/base.)
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
    },
  },

  // Node-side files: configs, e2e, bench, scripts, the vendored conformance tools.
  {
    files: [
      '*.config.{js,ts}',
      'e2e/**',
      'bench/**',
      'scripts/**',
      'src/conformance/**',
      'conformance/**/*.{js,mjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  // React hooks rules where React lives.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/embed/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },

  // ---- Layers ----
  {
    files: ['src/base/**/*.{ts,tsx}'],
    languageOptions: { globals: {} },
    rules: restrictImports(
      ban(
        [
          ...layer('runtime'),
          ...layer('worker'),
          ...layer('store'),
          ...layer('viz'),
          ...layer('app'),
          ...layer('ui'),
          ...layer('embed'),
          ...layer('lessons'),
          ...layer('conformance'),
        ],
        'src/base is under every layer: it imports none of them.',
      ),
      ban([...react, 'd3', 'd3-*', 'zustand', 'zustand/*'], 'src/base is plain TypeScript.'),
    ),
  },
  {
    files: ['src/runtime/**/*.{ts,tsx}'],
    languageOptions: { globals: {} },
    rules: {
      ...restrictImports(
        ban(
          [
            ...layer('worker'),
            ...layer('store'),
            ...layer('viz'),
            ...layer('app'),
            ...layer('ui'),
            ...layer('embed'),
            ...layer('lessons'),
          ],
          'src/runtime is the bottom layer: it imports nothing from the layers above it.',
        ),
        ban([...react, 'd3', 'd3-*', 'zustand', 'zustand/*'], 'src/runtime is framework-free.'),
      ),
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: CLOCK_MSG },
        { name: 'setInterval', message: CLOCK_MSG },
        { name: 'clearTimeout', message: CLOCK_MSG },
        { name: 'clearInterval', message: CLOCK_MSG },
        { name: 'setImmediate', message: CLOCK_MSG },
        { name: 'queueMicrotask', message: CLOCK_MSG },
        { name: 'requestAnimationFrame', message: CLOCK_MSG },
        { name: 'performance', message: CLOCK_MSG },
        { name: 'window', message: DOM_MSG },
        { name: 'document', message: DOM_MSG },
        { name: 'self', message: DOM_MSG },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: CLOCK_MSG },
        { object: 'Math', property: 'random', message: RANDOM_MSG },
        { object: 'performance', property: 'now', message: CLOCK_MSG },
        { object: 'globalThis', property: 'setTimeout', message: CLOCK_MSG },
        { object: 'globalThis', property: 'setInterval', message: CLOCK_MSG },
        { object: 'globalThis', property: 'clearTimeout', message: CLOCK_MSG },
        { object: 'crypto', property: 'getRandomValues', message: RANDOM_MSG },
        { object: 'crypto', property: 'randomUUID', message: RANDOM_MSG },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MSG },
      ],
    },
  },
  {
    files: ['src/worker/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban(
        [
          ...layer('store'),
          ...layer('viz'),
          ...layer('app'),
          ...layer('ui'),
          ...layer('embed'),
          ...layer('lessons'),
        ],
        'src/worker may import src/runtime and src/base only.',
      ),
      ban([...react, 'd3', 'd3-*', 'zustand', 'zustand/*'], 'src/worker has no UI dependencies.'),
    ),
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban(
        [...layer('viz'), ...layer('app'), ...layer('ui'), ...layer('embed'), ...layer('lessons')],
        'src/store may import runtime types, src/worker and src/base only.',
      ),
      banValues(layer('runtime'), 'src/store may import runtime types only (`import type`).'),
      ban([...react, 'd3', 'd3-*'], 'src/store is vanilla zustand: no React, no D3.'),
    ),
  },
  {
    files: ['src/viz/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban(
        [...layer('app'), ...layer('ui'), ...layer('embed'), ...layer('lessons')],
        'src/viz may import src/store and runtime types, not the UI or its controller.',
      ),
      banValues(layer('runtime'), 'src/viz may import runtime types only (`import type`).'),
      ban([...react], 'src/viz is framework-free D3 ({ update, destroy }); React wraps it in ui/.'),
      ban(['d3'], 'Import d3 by submodule (d3-selection, d3-zoom, …): the page loads only those.'),
    ),
  },
  {
    // The controller: one playground instance (stores, engine, dispatch, timers), framework-free,
    // so the page (src/ui) and the embed sit on the same one. It draws nothing: no viz, no React.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban(
        [...layer('viz'), ...layer('ui'), ...layer('embed')],
        'src/app may import base, runtime, worker, store and lessons: not viz, ui or embed.',
      ),
      ban(
        [...react, 'd3', 'd3-*', '@codemirror/*'],
        'src/app is framework-free: React, D3 and CodeMirror live in src/ui and src/viz.',
      ),
    ),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban([...layer('embed')], 'src/ui must not import src/embed (embed sits on top of ui).'),
    ),
  },
  {
    files: ['src/lessons/**/*.{ts,tsx}'],
    rules: restrictImports(
      ban(
        [
          ...layer('store'),
          ...layer('viz'),
          ...layer('app'),
          ...layer('ui'),
          ...layer('embed'),
          // All of worker/ but its protocol. (Excluding the folder itself, `**/worker`, would
          // make the negation below ineffective, as in .gitignore.)
          '**/worker/**',
          '!**/worker/protocol',
          '!**/worker/protocol.ts',
        ],
        'src/lessons are data: they may import src/runtime, src/worker/protocol and src/base only.',
      ),
      ban([...react, 'd3', 'd3-*', 'zustand', 'zustand/*'], 'src/lessons are plain data.'),
    ),
  },
);
