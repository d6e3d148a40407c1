/**
 * Plain `http:` to anything but this machine sends the body, its secrets and its signature unencrypted, readable
 * and changeable by anyone on the path: an action says so explicitly (`allowPlainHttp`) before it may.
 */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether this URL (rendered, or an action's URL up to its first template) goes over plain http off this machine. */
export function isPlainHttpOffMachine(url: string): boolean {
  const [, scheme, host] = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/?#:]*)/i.exec(url.trim()) ?? [];
  if (scheme?.toLowerCase() !== 'http' || host === undefined) return false;
  // A host that is still a template is decided when it is rendered.
  if (host.includes('{{')) return false;
  return !LOOPBACK_HOST.test(host);
}

export const PLAIN_HTTP_REFUSED =
  'Plain http sends the request, its secrets and its signature unencrypted: use https, or tick "Allow plain http" for this action';
