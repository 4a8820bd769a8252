/**
 * The renderer's Content-Security-Policy, one string for every host: Electron sets it as a response
 * header, the web host sends it, and renderer/index.html carries it as a meta tag (file:// pages get
 * no response headers, so the meta tag is what guards the packaged app).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
