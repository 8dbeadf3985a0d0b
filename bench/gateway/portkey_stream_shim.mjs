// Loaded into Portkey's Node process with --import, for SSE rounds only.
// Portkey 1.15.2 on Node answers every streamed chat completion with
// "Something went wrong": it appends its x-portkey-* headers to a Response
// that reuses the upstream fetch's immutable Headers (TypeError: immutable,
// Portkey-AI/gateway#1389 and #1550). Handing it event streams whose headers
// are an ordinary copy is the change its proposed fix (#1551) makes; other
// answers pass through untouched, so the non-streamed rounds measure Portkey
// exactly as shipped.
const upstreamFetch = globalThis.fetch;
const PlainResponse = globalThis.Response;

globalThis.fetch = async function fetchWithMutableStreamHeaders(...args) {
  const response = await upstreamFetch.apply(this, args);
  const type = response.headers.get('content-type') || '';
  if (!type.startsWith('text/event-stream')) return response;
  return new PlainResponse(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
