/** /opensearch.xml — lets browsers add the site as a search engine that runs the lookup. */
import type { APIRoute } from 'astro';
import { lookupPath, withBase } from '../urls.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const origin = site?.href ?? 'http://localhost/';
  const template = new URL(withBase(base, lookupPath()), origin).href + '?q={searchTerms}';
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>ckr.ref</ShortName>
  <Description>Look up a PKCS#11 CKR return code by name, hex, decimal or error line</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Url type="text/html" method="get" template="${escapeXml(template)}"/>
</OpenSearchDescription>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/opensearchdescription+xml' } });
};
