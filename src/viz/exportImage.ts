/**
 * The tree as a picture file: the `<svg>` the view draws, made standalone. It carries its own
 * style sheet already (theme.ts); what it borrows from the page — custom properties such as
 * `--otp-text: var(--fg)`, the font — is resolved here and written in, the dots' canvas is left
 * out (it is redrawn every frame), and the whole picture (not the current pan and zoom) is framed.
 */
export function treeSvgText(svgEl: SVGSVGElement): { text: string; width: number; height: number } {
  const viewport = svgEl.querySelector<SVGGElement>('g.viewport');
  const box = viewport?.getBBox() ?? { x: 0, y: 0, width: 0, height: 0 };
  const pad = 16;
  const width = Math.ceil(box.width + 2 * pad) || 1;
  const height = Math.ceil(box.height + 2 * pad) || 1;
  const clone = svgEl.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('foreignObject').forEach((e) => e.remove());
  clone.querySelector('g.viewport')?.removeAttribute('transform');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('viewBox', `${box.x - pad} ${box.y - pad} ${width} ${height}`);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  for (const a of ['role', 'aria-label', 'tabindex', 'data-testid', 'style'])
    clone.removeAttribute(a);

  const computed = getComputedStyle(svgEl);
  const names = new Set<string>();
  for (const m of clone.outerHTML.matchAll(/var\((--[\w-]+)/g)) names.add(m[1] as string);
  const vars = [...names]
    .map((n) => `${n}: ${computed.getPropertyValue(n).trim()};`)
    .filter((d) => !d.endsWith(': ;'))
    .join(' ');
  const bg = computed.getPropertyValue('--bg').trim() || '#ffffff';
  const page = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  page.textContent = `svg { ${vars} font-family: ${computed.fontFamily}; }`;
  clone.insertBefore(page, clone.firstChild);
  const back = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({
    x: box.x - pad,
    y: box.y - pad,
    width,
    height,
    fill: bg,
  }))
    back.setAttribute(k, String(v));
  clone.insertBefore(back, page.nextSibling);
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`,
    width,
    height,
  };
}

/**
 * The same picture as a PNG, at `scale` × its size (2: sharp on a slide). Drawn through an
 * `<img>` of a data: URL (the page's policy allows data: images; a blob: URL it does not).
 */
export async function treePngBlob(svgEl: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = treeSvgText(svgEl);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('PNG: this browser gave no 2D canvas');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('PNG: the canvas made no image'))),
      'image/png',
    ),
  );
}
