/** Before the CLI tests: the commands' bundles, from the current sources (scripts/build-cli.ts). */
import { buildCliBundles } from '../../scripts/build-cli.ts';

export default async function setup(): Promise<void> {
  await buildCliBundles();
}
