/** The registry of this repository's content/, built the way the site builds it (without the CLI check). */
import { fileURLToPath } from 'node:url';
import { loadReference } from '../../../src/reference/load.ts';

export const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));
export const loaded = loadReference({ contentDir: CONTENT });
export const registry = loaded.registry;
export const contextsById = new Map(registry.contexts.map((c) => [c.id, c]));
