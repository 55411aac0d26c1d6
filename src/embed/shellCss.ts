/**
 * The embed's own box, in its shadow root from the start (the picture, messages, the Run
 * button). `all: initial` stops the host page's inherited styles (font, colour, line height)
 * from reaching in; the shadow root stops the embed's from reaching out.
 */
export const SHELL_CSS = `
:host { all: initial; display: block; height: 450px; contain: content; }
.otp-embed-box {
  position: relative; box-sizing: border-box; height: 100%; min-height: 0;
  display: flex; flex-direction: column; overflow: hidden;
  container: otp-embed / inline-size;
  font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif;
  background: var(--bg); color: var(--fg);
}
.otp-embed-box.theme-dark { --bg: #0f1419; --fg: #e8eef4; --fg-dim: #a7b4c2; --border: #2f3d4c; --accent: #5cb8ff; --accent-fg: #06121c; --danger: #ff6b6b; color-scheme: dark; }
.otp-embed-box.theme-light { --bg: #f4f6f8; --fg: #111820; --fg-dim: #4a5663; --border: #c5ced8; --accent: #0a5bb5; --accent-fg: #ffffff; --danger: #b3261e; color-scheme: light; }
.embed-static { position: relative; flex: 1; min-height: 0; border: 1px solid var(--border); border-radius: 6px; cursor: pointer; }
.embed-live { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.embed-live:empty { display: none; }
.embed-run {
  position: absolute; left: 50%; bottom: 12px; transform: translateX(-50%);
  font: inherit; font-weight: 600; padding: 6px 14px; border-radius: 6px; cursor: pointer;
  background: var(--accent); color: var(--accent-fg); border: none;
}
.embed-run:focus-visible { outline: 3px solid var(--fg); outline-offset: 2px; }
.embed-message { margin: 6px; padding: 6px 10px; border: 1px solid var(--danger); border-radius: 6px; }
.embed-message ul { margin: 4px 0 0; padding-left: 18px; }
.embed-message pre { white-space: pre-wrap; }
`;
