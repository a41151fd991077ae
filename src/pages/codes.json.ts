/** /codes.json — every code and historical value, for the lookup box and for tools. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildCodesJson } from '../site/codes-json.ts';

export const GET: APIRoute = async ({ site }) => {
  const codes = (await getCollection('codes')).map((c) => c.data).sort((a, b) => a.value - b.value);
  const historical = (await getCollection('historical')).map((h) => h.data).sort((a, b) => a.value - b.value);
  const body = buildCodesJson({ codes, historical }, site?.href ?? 'http://localhost/', import.meta.env.BASE_URL);
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
