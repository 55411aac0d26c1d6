/** Options only an embed has: one of these in the main page's address makes it an embed too. */
const EMBED_ONLY = ['tree', 'chrome', 'readonly', 'autoplay', 'allow-origin', 'height', 'theme'];

/** Does this address ask for the embed (`/?tree=…&chrome=none`) rather than the full page? */
export const isEmbedAddress = (search: string): boolean => {
  const params = new URLSearchParams(search);
  return EMBED_ONLY.some((k) => params.has(k));
};
