/**
 * Kubernetes and operations terms as the zh-cn site and its readers write them (data/glossary.json). Each line is
 * one concept; a query that uses one spelling also looks for the others, at a lower weight than the user's own words
 * (query-terms.ts). The file is data: add a line there when readers use a spelling the articles do not.
 */
import glossary from './data/glossary.json' with { type: 'json' };

interface GlossaryFile {
  concepts: Record<string, string[][]>;
}

export const GLOSSARY: readonly (readonly string[])[] = Object.values((glossary as GlossaryFile).concepts).flat();
