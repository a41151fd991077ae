/** The short-link slugs of each code: lower-case short hex, decimal, lower-case name. */
export function shortLinks(codes: readonly { name: string; value: number }[]): { slug: string; name: string }[] {
  const links: { slug: string; name: string }[] = [];
  for (const code of codes) {
    for (const slug of [`0x${code.value.toString(16)}`, String(code.value), code.name.toLowerCase()]) {
      links.push({ slug, name: code.name });
    }
  }
  return links;
}
